import { Badge, type BadgeTone } from "@/components/ui/badge";
import { STOCKTAKE_STATUS_LABELS, type StocktakeStatus } from "@/lib/stocktakes/stocktake-fields";

const TONES: Record<StocktakeStatus, BadgeTone> = {
  STARTED: "pending",
  COUNTED: "warning",
  BOOKED: "positive",
  CANCELLED: "muted",
};

/** A stocktake's status in words, with its colour; "Blind" beside it when it is one. */
export function StocktakeStatusBadge({ status, blind }: { status: StocktakeStatus; blind?: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={TONES[status]}>{STOCKTAKE_STATUS_LABELS[status]}</Badge>
      {blind && <Badge tone="neutral">Blind</Badge>}
    </span>
  );
}
