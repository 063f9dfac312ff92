// The company's locations with what they hold: how many products have stock there (never their quantities added up:
// those are in each product's own unit, docs/architecture.md §5). The default first, then active ones by name,
// archived ones last. One aggregate query (locations per company are few; the stock rows behind them may be many,
// and are counted in the database).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";

export const listLocationsSchema = z.object({ includeArchived: z.boolean().default(true) }).strict();

export interface LocationRow {
  id: string;
  name: string;
  code: string | null;
  isDefault: boolean;
  archived: boolean;
  /** Products with stock on hand here. */
  productCount: number;
}

export async function listLocations(ctx: TenantContext, input: unknown = {}): Promise<LocationRow[]> {
  const { includeArchived } = parseInput(listLocationsSchema, input);
  if (!can(ctx.role, "locations.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        name: string;
        code: string | null;
        is_default: boolean;
        archived: boolean;
        products: number;
      }[]
    >`
      SELECT l.id::text, l.name, l.code, l.is_default, l.archived_at IS NOT NULL AS archived,
             count(s.id) FILTER (WHERE s.on_hand > 0)::int AS products
        FROM locations l
        LEFT JOIN stock_levels s ON s.company_id = l.company_id AND s.location_id = l.id
       WHERE l.company_id = ${ctx.companyId}::uuid AND (${includeArchived} OR l.archived_at IS NULL)
       GROUP BY l.id
       ORDER BY l.archived_at IS NOT NULL, l.is_default DESC, lower(l.name), l.id`;
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      code: row.code,
      isDefault: row.is_default,
      archived: row.archived,
      productCount: row.products,
    }));
  });
}
