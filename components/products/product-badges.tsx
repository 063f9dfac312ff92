import { Badge } from "@/components/ui/badge";

/** A product's state in words: archived, at or below its reorder point (in total, or at the location in view). */
export function ProductBadges({
  archived,
  low,
  lowHere,
}: {
  archived: boolean;
  low: boolean;
  lowHere?: { location: string } | null;
}) {
  if (!archived && !low && !lowHere) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {archived && <Badge tone="muted">Archived</Badge>}
      {low && <Badge tone="warning">Low stock</Badge>}
      {lowHere && <Badge tone="warning">Low at {lowHere.location}</Badge>}
    </span>
  );
}
