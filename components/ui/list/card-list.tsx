import type { ReactNode } from "react";
import { cn } from "../cn";

/**
 * separate: one bordered card per item (a list page on a phone); grouped: items divided in one bordered box
 * (members, locations, companies); plain: divided items inside a Card.
 */
export type CardListVariant = "separate" | "grouped" | "plain";

const LIST: Record<CardListVariant, string> = {
  separate: "space-y-3",
  grouped: "divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm",
  plain: "divide-y divide-slate-100",
};

const ITEM: Record<CardListVariant, string> = {
  separate: "rounded-xl border border-slate-200 bg-white p-4 shadow-sm",
  grouped: "p-4",
  plain: "py-3 text-sm",
};

export interface CardListProps<T> {
  /** What the list holds, for screen readers ("Requests"). */
  label?: string;
  items: T[];
  itemKey: (item: T) => string;
  card: (item: T) => ReactNode;
  variant?: CardListVariant;
  /** Classes for every item, or per item. */
  itemClassName?: string | ((item: T) => string | false | null | undefined);
  /** A last item after the cards (totals). */
  footer?: ReactNode;
  className?: string;
}

/** A list of cards: each item's content is the caller's, the list and its spacing are the kit's. */
export function CardList<T>({
  label,
  items,
  itemKey,
  card,
  variant = "separate",
  itemClassName,
  footer,
  className,
}: CardListProps<T>) {
  return (
    <ul aria-label={label} className={cn(LIST[variant], className)}>
      {items.map((item) => (
        <li
          key={itemKey(item)}
          className={
            cn(ITEM[variant], typeof itemClassName === "function" ? itemClassName(item) : itemClassName) || undefined
          }
        >
          {card(item)}
        </li>
      ))}
      {footer && <li className={cn(ITEM[variant], "font-semibold text-slate-900")}>{footer}</li>}
    </ul>
  );
}
