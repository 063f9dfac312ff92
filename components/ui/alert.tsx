import { cn } from "./cn";

/** An inline message after an action; errors are announced immediately, others politely. */
export function Alert({ tone, children }: { tone: "error" | "success" | "info"; children: React.ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-lg border px-3 py-2 text-sm",
        tone === "error" && "border-red-200 bg-red-50 text-red-800",
        tone === "success" && "border-green-200 bg-green-50 text-green-800",
        tone === "info" && "border-brand-100 bg-brand-50 text-brand-900",
      )}
    >
      {children}
    </div>
  );
}
