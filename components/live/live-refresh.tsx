"use client";

import { cn } from "@/components/ui/cn";
import { ALL_TOPICS, type LiveTopics } from "./live-topics";
import { useLiveUpdates } from "./use-live-updates";

const LABELS = {
  connecting: { text: "Live", dot: "bg-slate-300", title: "Connecting for live updates…" },
  open: { text: "Live", dot: "bg-green-500", title: "This page updates by itself when something changes." },
  reconnecting: {
    text: "Reconnecting…",
    dot: "animate-pulse bg-amber-500",
    title: "Live updates paused: reconnecting. Reload to see the latest now.",
  },
} as const;

/**
 * Place once on a page that shows stock or requests: the page refreshes in place when they change (docs/architecture.md §8), and
 * a small indicator says whether it is live. `topics` names what the page shows; "all" for a company-wide summary.
 */
export function LiveRefresh({ topics, className }: { topics: LiveTopics | "all"; className?: string }) {
  const status = useLiveUpdates(topics === "all" ? ALL_TOPICS : topics);
  const label = LABELS[status];
  return (
    <span
      className={cn("inline-flex items-center gap-1.5 text-xs font-medium text-slate-500", className)}
      title={label.title}
      data-live-status={status}
    >
      <span aria-hidden="true" className={cn("h-2 w-2 rounded-full", label.dot)} />
      {label.text}
    </span>
  );
}
