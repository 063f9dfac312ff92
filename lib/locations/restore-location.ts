// Brings an archived location back into use.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { lockLocation } from "./lock-location";
import { locationIdSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

export const restoreLocationSchema = z.object({ locationId: locationIdSchema }).strict();

export async function restoreLocation(ctx: TenantContext, input: unknown): Promise<LocationSummary> {
  const { locationId } = parseInput(restoreLocationSchema, input);
  if (!can(ctx.role, "locations.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const location = await lockLocation(tx, ctx, locationId, "noKeyUpdate");
    if (!location.archived) return location;
    const updated = await tx.location.update({
      where: { id: locationId },
      data: { archivedAt: null },
      select: locationSummarySelect,
    });
    await recordAudit(tx, ctx, {
      action: "location.restored",
      entityType: "location",
      entityId: locationId,
      before: { name: location.name, archived: true },
      after: { name: location.name, archived: false },
    });
    await publishEvent(tx, ctx, { type: "location.changed", locationId });
    return toLocationSummary(updated);
  });
}
