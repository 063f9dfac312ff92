// A new location (warehouse, site, bin) for the caller's company. Names are unique per company: the unique index
// decides, so two people creating the same name at once get one location and one field error.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput, isUniqueViolation } from "../errors";
import { publishEvent } from "../events/publish-event";
import { DUPLICATE_NAME_MESSAGE, locationCodeSchema, locationNameSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

export const createLocationSchema = z.object({ name: locationNameSchema, code: locationCodeSchema }).strict();

export async function createLocation(ctx: TenantContext, input: unknown): Promise<LocationSummary> {
  const { name, code } = parseInput(createLocationSchema, input);
  if (!can(ctx.role, "locations.manage")) throw AppError.forbidden();
  try {
    return await withTenantTx(ctx, async (tx) => {
      const created = await tx.location.create({
        data: { companyId: ctx.companyId, name, code },
        select: locationSummarySelect,
      });
      await recordAudit(tx, ctx, {
        action: "location.created",
        entityType: "location",
        entityId: created.id,
        after: { name, code },
      });
      await publishEvent(tx, ctx, { type: "location.changed", locationId: created.id });
      return toLocationSummary(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.validation({ name: [DUPLICATE_NAME_MESSAGE] });
    throw error;
  }
}
