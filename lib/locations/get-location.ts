// One location of the caller's company, for the pages that act on it (stocktake). Unknown ids, malformed ones and
// other companies' ids are all NOT_FOUND; any other key is a VALIDATION error.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { locationIdSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

// The id is checked on its own below: a malformed one (a hand-edited URL) is NOT_FOUND, not a field error.
export const getLocationSchema = z.object({ locationId: z.unknown() }).strict();

export async function getLocation(ctx: TenantContext, input: unknown): Promise<LocationSummary> {
  const { locationId: rawId } = parseInput(getLocationSchema, input);
  if (!can(ctx.role, "locations.view")) throw AppError.forbidden();
  const parsed = locationIdSchema.safeParse(rawId);
  if (!parsed.success) throw AppError.notFound("That location");
  const location = await withTenantTx(ctx, (tx) =>
    tx.location.findUnique({ where: { id: parsed.data }, select: locationSummarySelect }),
  );
  if (!location) throw AppError.notFound("That location");
  return toLocationSummary(location);
}
