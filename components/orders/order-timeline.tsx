import type { TimelineEntry } from "@/lib/orders/get-order-request";
import { ORDER_STATUS_LABELS, timelineLabel } from "./labels";

export type OrderTimelineItem = Omit<TimelineEntry, "at"> & {
  /** Already formatted on the server in the company's time zone. */
  atLabel: string;
  atIso: string;
};

/**
 * A request's history, oldest first: who did what, when, the status it moved between and the note they left. A
 * fulfilment that left a backorder reads "Partly fulfilled"; a second one that still leaves some to come shows no
 * change of status, since it stays partly fulfilled.
 */
export function OrderTimeline({ entries }: { entries: OrderTimelineItem[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No history recorded yet.</p>;
  return (
    <ol aria-label="History, oldest first" className="space-y-4 border-l-2 border-slate-200 pl-4">
      {entries.map((entry) => (
        <li key={entry.id} className="relative text-sm">
          <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-slate-400" />
          <p className="font-medium text-slate-900">
            {timelineLabel(entry)} by {entry.actorName}
          </p>
          <p className="text-slate-600">
            <time dateTime={entry.atIso}>{entry.atLabel}</time>
            {entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus && (
              <>
                {" · "}
                {ORDER_STATUS_LABELS[entry.fromStatus]} → {ORDER_STATUS_LABELS[entry.toStatus]}
              </>
            )}
          </p>
          {entry.note && (
            <blockquote className="mt-1 whitespace-pre-line border-l-2 border-slate-300 pl-3 text-slate-700">
              {entry.note}
            </blockquote>
          )}
        </li>
      ))}
    </ol>
  );
}
