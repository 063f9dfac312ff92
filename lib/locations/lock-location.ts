// Every change to one location starts here: the row is locked before anything about it is checked, so the check
// and the change see the same row. An archive takes FOR UPDATE, which also conflicts with the KEY SHARE lock that a
// stock change takes on the location it references: an archive waits for stock changes in flight, and they for it.
// Restore and set-default take FOR NO KEY UPDATE: they serialise with each other and with an archive, but stock
// keeps moving at the location meanwhile. A rename takes FOR UPDATE too: the name is in a unique index, so its own
// UPDATE takes that strength anyway (locking weaker first would only mean an upgrade halfway through). One row,
// one lock per change: the lock order is the same for all.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { toLocationSummary, type LocationSummary } from "./location-summary";

/**
 * Locks one location row of the caller's company and returns it; another company's id or an unknown one is
 * NOT_FOUND (raw SQL is scoped by RLS only, so the company is in the WHERE too). "update" (archive, rename) locks FOR
 * UPDATE, which waits for and holds off stock changes there; "noKeyUpdate" (restore, set-default) does not.
 */
export async function lockLocation(
  tx: TenantTx,
  ctx: TenantContext,
  locationId: string,
  strength: "update" | "noKeyUpdate",
): Promise<LocationSummary> {
  type Row = { id: string; name: string; code: string | null; is_default: boolean; archived_at: Date | null };
  const [row] =
    strength === "update"
      ? await tx.$queryRaw<Row[]>`
          SELECT id::text, name, code, is_default, archived_at
            FROM locations
           WHERE company_id = ${ctx.companyId}::uuid AND id = ${locationId}::uuid
             FOR UPDATE`
      : await tx.$queryRaw<Row[]>`
          SELECT id::text, name, code, is_default, archived_at
            FROM locations
           WHERE company_id = ${ctx.companyId}::uuid AND id = ${locationId}::uuid
             FOR NO KEY UPDATE`;
  if (!row) throw AppError.notFound("That location");
  return toLocationSummary({
    id: row.id,
    name: row.name,
    code: row.code,
    isDefault: row.is_default,
    archivedAt: row.archived_at,
  });
}
