import type { ReactNode } from "react";
import { cn } from "../cn";
import { CardList } from "./card-list";
import { DataTable, type DataTableProps } from "./data-table";

/** Where the cards give way to the table: tablets and up (md), or wider screens for wide tables (lg). */
export type ListBreakpoint = "md" | "lg";

// Written out whole so Tailwind sees the class names.
const CARDS_UNTIL: Record<ListBreakpoint, string> = { md: "md:hidden", lg: "lg:hidden" };
const TABLE_FROM: Record<ListBreakpoint, string> = { md: "hidden md:block", lg: "hidden lg:block" };

export interface ResponsiveListProps<T> extends Omit<DataTableProps<T>, "className" | "variant"> {
  /** The card list's name for screen readers ("Requests"). */
  label: string;
  /** One item as a card on a phone: what matters first, without sideways scrolling at 360 px. */
  card: (item: T) => ReactNode;
  cardClassName?: (item: T) => string | false | null | undefined;
  /** A last card after the items (totals). */
  cardFooter?: ReactNode;
  breakpoint?: ListBreakpoint;
  /** boxed: the list stands alone (cards and a bordered table); plain: it sits inside a Card. */
  variant?: "boxed" | "plain";
}

/**
 * A list page's list (docs/architecture.md §3, Lists): one card per item under the breakpoint, the table from it.
 * Both come from the same rows; only one is displayed at a time, so screen readers and keyboards meet each item once.
 */
export function ResponsiveList<T>({
  label,
  card,
  cardClassName,
  cardFooter,
  breakpoint = "md",
  variant = "boxed",
  ...table
}: ResponsiveListProps<T>) {
  return (
    <>
      <CardList
        label={label}
        items={table.rows}
        itemKey={table.rowKey}
        card={card}
        variant={variant === "boxed" ? "separate" : "plain"}
        itemClassName={cardClassName}
        footer={cardFooter}
        className={cn(CARDS_UNTIL[breakpoint])}
      />
      <DataTable {...table} variant={variant} className={TABLE_FROM[breakpoint]} />
    </>
  );
}
