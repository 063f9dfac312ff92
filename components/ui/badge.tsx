import { cn } from "./cn";

const TONES = {
  neutral: "bg-slate-100 text-slate-700",
  positive: "bg-green-100 text-green-800",
  muted: "bg-slate-200 text-slate-700",
  warning: "bg-amber-100 text-amber-900",
  pending: "bg-brand-50 text-brand-700",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A small label; its colour may carry meaning, but the text always says it too. */
export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", TONES[tone])}>
      {children}
    </span>
  );
}
