// Renames a location (archived ones too: their history keeps showing the name). The unique index on
// (company, name) decides a clash, so a concurrent rename or create to the same name is a field error.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput, isUniqueViolation } from "../errors";
import { publishEvent } from "../events/publish-event";
import { lockLocation } from "./lock-location";
import { DUPLICATE_NAME_MESSAGE, locationIdSchema, locationNameSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

export const renameLocationSchema = z.object({ locationId: locationIdSchema, name: locationNameSchema }).strict();

export async function renameLocation(ctx: TenantContext, input: unknown): Promise<LocationSummary> {
  const { locationId, name } = parseInput(renameLocationSchema, input);
  if (!can(ctx.role, "locations.manage")) throw AppError.forbidden();
  try {
    return await withTenantTx(ctx, async (tx) => {
      const location = await lockLocation(tx, ctx, locationId, "update");
      if (location.name === name) return location;
      const updated = await tx.location.update({
        where: { id: locationId },
        data: { name },
        select: locationSummarySelect,
      });
      await recordAudit(tx, ctx, {
        action: "location.renamed",
        entityType: "location",
        entityId: locationId,
        before: { name: location.name },
        after: { name },
      });
      await publishEvent(tx, ctx, { type: "location.changed", locationId });
      return toLocationSummary(updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.validation({ name: [DUPLICATE_NAME_MESSAGE] });
    throw error;
  }
}
