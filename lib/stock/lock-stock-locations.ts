// The locations a stock operation moves stock at, read with FOR KEY SHARE: an archive (which locks the row FOR
// UPDATE, lib/locations/lock-location.ts) cannot slip in between this check and the movement. Unknown ids and other
// companies' ids are NOT_FOUND, archived locations are refused with the ledger's own message.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";

export interface StockLocation {
  id: string;
  name: string;
}

export async function lockStockLocations(
  tx: TenantTx,
  ctx: TenantContext,
  locationIds: string[],
): Promise<Map<string, StockLocation>> {
  const ids = [...new Set(locationIds)].sort();
  const rows = await tx.$queryRaw<{ id: string; name: string; archived_at: Date | null }[]>`
    SELECT id::text, name, archived_at
      FROM locations
     WHERE company_id = ${ctx.companyId}::uuid AND id = ANY(${ids}::uuid[])
     ORDER BY id
       FOR KEY SHARE`;
  if (rows.length !== ids.length) throw AppError.notFound("That location");
  const archived = rows.find((row) => row.archived_at);
  if (archived) throw new AppError("VALIDATION", `${archived.name} is archived: restore it before moving stock there.`);
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name }]));
}
