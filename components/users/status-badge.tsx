import { cn } from "@/components/ui/cn";

const TONES = {
  neutral: "bg-slate-100 text-slate-700",
  positive: "bg-green-100 text-green-800",
  muted: "bg-slate-200 text-slate-700",
  warning: "bg-amber-100 text-amber-900",
  pending: "bg-brand-50 text-brand-700",
} as const;

/** A small status label whose colour carries meaning (the text always says it too). */
export function StatusBadge({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", TONES[tone])}>{children}</span>
  );
}
