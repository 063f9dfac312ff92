// One location of the caller's company, for the pages that act on it (stocktake). Unknown ids, malformed ones and
// other companies' ids are all NOT_FOUND.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { locationIdSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

export async function getLocation(ctx: TenantContext, input: { locationId: unknown }): Promise<LocationSummary> {
  if (!can(ctx.role, "locations.view")) throw AppError.forbidden();
  const parsed = locationIdSchema.safeParse(input.locationId);
  if (!parsed.success) throw AppError.notFound("That location");
  const location = await withTenantTx(ctx, (tx) =>
    tx.location.findUnique({ where: { id: parsed.data }, select: locationSummarySelect }),
  );
  if (!location) throw AppError.notFound("That location");
  return toLocationSummary(location);
}
