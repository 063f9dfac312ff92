// Where a stocktake document is open, a writer that books an absolute count — the one-shot stocktake, an adjustment
// "set to", a stock-level import — would book the same difference the document will book from its snapshots, and the
// correction would land twice (docs/architecture.md §5 "Stocktake documents"). They are refused there; relative moves
// (receipts, shipments, "change by", transfers) are not: booking keeps them. Called after the writer has locked its
// stock rows, so a count made after this check snapshots what the writer leaves, and one made before is seen here.
// Archiving a location is refused beside one too (its booking could never move stock there); the archive has locked
// the location FOR UPDATE, which a start waits for (lib/locations/lock-location.ts).
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { formatStocktakeNumber } from "./stocktake-fields";

export async function refuseBesideOpenStocktake(
  tx: TenantTx,
  ctx: TenantContext,
  locationIds: string[],
  advice = "count there, or cancel it first",
): Promise<void> {
  if (locationIds.length === 0) return;
  const [open] = await tx.$queryRaw<{ number: number; name: string }[]>`
    SELECT s.number, l.name
      FROM stocktakes s
      JOIN locations l ON l.company_id = s.company_id AND l.id = s.location_id
     WHERE s.company_id = ${ctx.companyId}::uuid AND s.location_id = ANY(${[...new Set(locationIds)]}::uuid[])
       AND s.status IN ('STARTED', 'COUNTED')
     ORDER BY s.number
     LIMIT 1`;
  if (open) {
    throw new AppError("CONFLICT", `${formatStocktakeNumber(open.number)} is open at ${open.name}: ${advice}.`);
  }
}
