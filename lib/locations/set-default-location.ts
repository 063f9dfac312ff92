// Makes a location the company's default (where new stock and requests go unless someone picks another). Exactly
// one default: the old one is cleared and the new one set in one transaction. People choosing defaults at the same
// moment queue on one transaction-scoped advisory lock per company (row locks alone cannot do it: a waiter would
// only re-check the rows it saw, not the default another waiter set meanwhile), so each clears whatever the one
// before it set, and the last one wins. The partial unique index "one default per company" is the backstop.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput, isUniqueViolation } from "../errors";
import { publishEvent } from "../events/publish-event";
import { lockLocation } from "./lock-location";
import { locationIdSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

export const setDefaultLocationSchema = z.object({ locationId: locationIdSchema }).strict();

export async function setDefaultLocation(ctx: TenantContext, input: unknown): Promise<LocationSummary> {
  const { locationId } = parseInput(setDefaultLocationSchema, input);
  if (!can(ctx.role, "locations.manage")) throw AppError.forbidden();
  try {
    return await withTenantTx(ctx, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stockflow.default-location:${ctx.companyId}`}, 0))`;
      // The target's row lock holds off an archive of it until this commits (and waits for one in flight).
      const target = await lockLocation(tx, ctx, locationId, "noKeyUpdate");
      if (target.archived) {
        throw new AppError("VALIDATION", `${target.name} is archived: restore it before making it the default.`);
      }
      const previous = await tx.location.findFirst({
        where: { isDefault: true, id: { not: locationId } },
        select: { id: true, name: true },
      });
      if (target.isDefault && !previous) return target;
      await tx.location.updateMany({ where: { isDefault: true, id: { not: locationId } }, data: { isDefault: false } });
      const updated = await tx.location.update({
        where: { id: locationId },
        data: { isDefault: true },
        select: locationSummarySelect,
      });
      await recordAudit(tx, ctx, {
        action: "location.default_set",
        entityType: "location",
        entityId: locationId,
        before: { defaultLocationId: previous?.id ?? null, defaultLocationName: previous?.name ?? null },
        after: { defaultLocationId: locationId, defaultLocationName: target.name },
      });
      await publishEvent(tx, ctx, { type: "location.changed", locationId });
      return toLocationSummary(updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        "Someone changed the default location at the same moment. Reload the page and try again.",
      );
    }
    throw error;
  }
}
