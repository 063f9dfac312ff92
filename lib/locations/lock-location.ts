// Every change to one location starts here: the row is locked before anything about it is checked, so the check
// and the change see the same row. FOR UPDATE (not NO KEY UPDATE) also conflicts with the KEY SHARE lock that a
// stock change takes on the location it references: an archive waits for stock changes in flight, and they for it.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { toLocationSummary, type LocationSummary } from "./location-summary";

/**
 * Locks one location row of the caller's company and returns it; another company's id or an unknown one is
 * NOT_FOUND (raw SQL is scoped by RLS only, so the company is in the WHERE too).
 */
export async function lockLocation(tx: TenantTx, ctx: TenantContext, locationId: string): Promise<LocationSummary> {
  const [row] = await tx.$queryRaw<
    { id: string; name: string; code: string | null; is_default: boolean; archived_at: Date | null }[]
  >`
    SELECT id::text, name, code, is_default, archived_at
      FROM locations
     WHERE company_id = ${ctx.companyId}::uuid AND id = ${locationId}::uuid
       FOR UPDATE`;
  if (!row) throw AppError.notFound("That location");
  return toLocationSummary({
    id: row.id,
    name: row.name,
    code: row.code,
    isDefault: row.is_default,
    archivedAt: row.archived_at,
  });
}
