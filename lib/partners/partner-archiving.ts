// Archiving and restoring a supplier or customer, one conditional write each: the partner must still be at the
// version the person saw and in the state they saw (active to archive, archived to restore), or nothing is written
// and the CONFLICT names who changed it and when. Nothing is ever deleted (the app role has no DELETE on these tables):
// requests name their partners, and the history must keep naming them. An archived partner keeps its name (no other
// partner of the kind may take it) and its requests; the directory hides it by default.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { partnerIdInput, partnerVersionSchema } from "./partner-fields";
import { PARTNER_AUDIT_ACTIONS, partnerKindSchema } from "./partner-kinds";
import {
  changedSinceError,
  notFound,
  partnerIdFrom,
  partnerModel,
  partnerSelect,
  partnerSnapshot,
  toPartnerRecord,
  type PartnerRecord,
} from "./partner-record";

export const partnerArchivingSchema = z
  .object({ kind: partnerKindSchema, id: partnerIdInput, version: partnerVersionSchema })
  .strict();

export async function setPartnerArchived(
  ctx: TenantContext,
  input: unknown,
  archived: boolean,
): Promise<PartnerRecord> {
  const { kind, id: rawId, version } = parseInput(partnerArchivingSchema, input);
  if (!can(ctx.role, "partners.manage")) throw AppError.forbidden();
  const id = partnerIdFrom(kind, rawId);
  const verb = archived ? "archive it" : "restore it";
  return withTenantTx(ctx, async (tx) => {
    const model = partnerModel(tx, kind);
    const found = await model.findUnique({ where: { id }, select: partnerSelect });
    if (!found) throw notFound(kind);
    const { count } = await model.updateMany({
      where: { id, version, archivedAt: archived ? null : { not: null } },
      data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) throw await changedSinceError(tx, ctx, kind, id, verb);
    const after = toPartnerRecord(kind, await model.findUniqueOrThrow({ where: { id }, select: partnerSelect }));
    await recordAudit(tx, ctx, {
      action: archived ? PARTNER_AUDIT_ACTIONS[kind].archived : PARTNER_AUDIT_ACTIONS[kind].restored,
      entityType: kind,
      entityId: id,
      before: partnerSnapshot(toPartnerRecord(kind, found)),
      after: partnerSnapshot(after),
    });
    return after;
  });
}
