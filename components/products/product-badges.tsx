import { Badge } from "@/components/ui/badge";

/**
 * A product's state in words: archived, at or below its reorder point (in total, or at the location in view), short
 * for approved orders somewhere (lib/stock/shortage.ts).
 */
export function ProductBadges({
  archived,
  low,
  lowHere,
  short = false,
}: {
  archived: boolean;
  low: boolean;
  lowHere?: { location: string } | null;
  short?: boolean;
}) {
  if (!archived && !low && !lowHere && !short) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {archived && <Badge tone="muted">Archived</Badge>}
      {low && <Badge tone="warning">Low stock</Badge>}
      {lowHere && <Badge tone="warning">Low at {lowHere.location}</Badge>}
      {short && <Badge tone="warning">Short for approved orders</Badge>}
    </span>
  );
}
