import type { ReactNode } from "react";
import { cn } from "../cn";

/** One column of a list's table: its header, and what each row shows in it. */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Counts and amounts: right-aligned with tabular figures, header included. */
  numeric?: boolean;
  /** The cell names its row (a location's name): a row header for screen readers. */
  rowHeader?: boolean;
  /** Classes for this column's body cells (wrapping, width, colour). */
  className?: string;
}

/**
 * boxed: a list of its own (border, header band); plain: a table inside a Card; hidden: visually hidden, for
 * screen readers (a chart's numbers).
 */
export type TableVariant = "boxed" | "plain" | "hidden";

/** A column list that may hold `false` for a column the viewer does not get (`seesAll && {...}`). */
export type Columns<T> = (Column<T> | false | null | undefined)[];

const CELL: Record<TableVariant, string> = {
  boxed: "px-4 py-3",
  plain: "py-2 pr-4 last:pr-0",
  hidden: "",
};

/** The padding and alignment of a cell, for the footer cells a caller writes (totals) to line up with the rest. */
export function tableCellClassName(variant: TableVariant, numeric = false): string {
  return cn(CELL[variant], numeric && "whitespace-nowrap text-right tabular-nums");
}

const TABLE_FOOTER_CLASS = "border-t border-slate-200 font-semibold text-slate-900";

export interface DataTableProps<T> {
  /** What the table lists: for screen readers, and on screen too with showCaption. */
  caption: ReactNode;
  /** The caption is the table's visible title (a summary's "Changed" and "Unchanged" tables). */
  showCaption?: boolean;
  columns: Columns<T>;
  rows: T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | false | null | undefined;
  /** The rows of a <tfoot> (totals); tableCellClassName lines their cells up. */
  footer?: ReactNode;
  variant?: TableVariant;
  /** Rows that lead somewhere are highlighted under the pointer. */
  highlightRows?: boolean;
  /** Cells of several lines start at the top. */
  alignTop?: boolean;
  /** Extra classes for the scrolling frame (ResponsiveList hides it on phones). */
  className?: string;
}

/**
 * A list's table: one header row from the columns, one row per item, column headers with scope, a caption for
 * screen readers. It scrolls inside its frame when wider than the screen, never the page.
 */
export function DataTable<T>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  footer,
  variant = "boxed",
  highlightRows = false,
  alignTop = false,
  className,
}: DataTableProps<T>) {
  const shown = columns.filter((column): column is Column<T> => Boolean(column));
  const boxed = variant === "boxed";
  const table = (
    <table
      className={variant === "hidden" ? "sr-only" : cn("min-w-full text-sm", boxed && "divide-y divide-slate-200")}
    >
      {/* Hidden too in a hidden table: a table's caption is laid out outside its box, so the table's own clipping
          does not hold it, and a long one made the page wider than a phone. */}
      <caption
        className={variant !== "hidden" && showCaption ? "pb-1 text-left font-medium text-slate-800" : "sr-only"}
      >
        {caption}
      </caption>
      <thead className={variant === "hidden" ? undefined : cn("text-left text-slate-600", boxed && "bg-slate-50")}>
        <tr>
          {shown.map((column, index) => (
            <th
              key={index}
              scope="col"
              className={
                variant === "hidden" ? undefined : cn(CELL[variant], "font-medium", column.numeric && "text-right")
              }
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={variant === "hidden" ? undefined : cn("divide-y divide-slate-100", alignTop && "align-top")}>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={cn(highlightRows && "hover:bg-slate-50", rowClassName?.(row)) || undefined}>
            {shown.map((column, index) => {
              const cellClass =
                variant === "hidden" ? undefined : cn(tableCellClassName(variant, column.numeric), column.className);
              return column.rowHeader ? (
                <th
                  key={index}
                  scope="row"
                  className={cellClass && cn("text-left font-normal text-slate-900", cellClass)}
                >
                  {column.cell(row)}
                </th>
              ) : (
                <td key={index} className={cellClass}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {footer && <tfoot className={variant === "hidden" ? undefined : TABLE_FOOTER_CLASS}>{footer}</tfoot>}
    </table>
  );
  if (variant === "hidden") return table;
  return (
    <div className={cn("overflow-x-auto", boxed && "rounded-xl border border-slate-200 bg-white shadow-sm", className)}>
      {table}
    </div>
  );
}
