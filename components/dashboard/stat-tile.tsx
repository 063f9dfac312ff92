import Link from "@/components/ui/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

interface StatTileProps {
  label: string;
  value: string;
  /** A sentence under the figure: what it counts. */
  detail?: string;
  /**
   * Where the figure leads (the list it counts). The figure is the link; `text` completes it for a screen reader
   * ("3" + "products are at or below their reorder point").
   */
  link?: { href: string; text: string };
  /** Draws the eye when there is something to act on (low stock, requests waiting). */
  attention?: boolean;
}

/** One headline figure of the dashboard; narrow enough to sit two to a row on a phone. */
export function StatTile({ label, value, detail, link, attention = false }: StatTileProps) {
  const figure = (
    <span
      className={cn(
        "mt-1 block text-xl font-semibold break-words tabular-nums sm:text-2xl",
        attention ? "text-amber-900" : "text-slate-900",
      )}
    >
      {value}
    </span>
  );
  return (
    // Two to a row on a 390 px phone (the dashboard's grid): tighter there, roomier from sm.
    <Card className="p-3 sm:p-4">
      <p className="text-sm font-medium text-slate-600">{label}</p>
      {link ? (
        <Link
          href={link.href}
          className="block underline decoration-slate-300 underline-offset-4 hover:decoration-current"
        >
          {figure} <span className="sr-only">{link.text}</span>
        </Link>
      ) : (
        figure
      )}
      {detail && <p className="mt-1 text-sm text-slate-600">{detail}</p>}
    </Card>
  );
}
