// Edits a supplier's or customer's fields. The edit carries the version the person saw and is written only if the
// partner is still at that version (one conditional UPDATE, never check-then-write by id): otherwise nothing is
// written and the CONFLICT names who changed it and when. A new name must not be another partner's of the kind in any
// letter case (the unique index decides; the field error names the holder).
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { partnerFieldsSchema, partnerIdInput, partnerVersionSchema, PARTNER_FIELD_NAMES } from "./partner-fields";
import { PARTNER_AUDIT_ACTIONS, partnerKindSchema } from "./partner-kinds";
import {
  changedSinceError,
  duplicateNameError,
  notFound,
  partnerIdFrom,
  partnerModel,
  partnerSelect,
  partnerSnapshot,
  toPartnerRecord,
  type PartnerRecord,
} from "./partner-record";

export const updatePartnerSchema = partnerFieldsSchema
  .extend({ kind: partnerKindSchema, id: partnerIdInput, version: partnerVersionSchema })
  .strict();

export async function updatePartner(ctx: TenantContext, input: unknown): Promise<PartnerRecord> {
  const { kind, id: rawId, version, ...fields } = parseInput(updatePartnerSchema, input);
  if (!can(ctx.role, "partners.manage")) throw AppError.forbidden();
  const id = partnerIdFrom(kind, rawId);
  try {
    return await withTenantTx(ctx, async (tx) => {
      const model = partnerModel(tx, kind);
      const found = await model.findUnique({ where: { id }, select: partnerSelect });
      if (!found) throw notFound(kind);
      const before = toPartnerRecord(kind, found);
      if (before.version !== version) throw await changedSinceError(tx, ctx, kind, id, "make your change");
      if (PARTNER_FIELD_NAMES.every((key) => before[key] === fields[key])) return before;
      const { count } = await model.updateMany({
        where: { id, version },
        data: { ...fields, version: { increment: 1 } },
      });
      // Changed between the read above and this write: the UPDATE re-checked the version and matched nothing.
      if (count === 0) throw await changedSinceError(tx, ctx, kind, id, "make your change");
      const after = toPartnerRecord(kind, await model.findUniqueOrThrow({ where: { id }, select: partnerSelect }));
      await recordAudit(tx, ctx, {
        action: PARTNER_AUDIT_ACTIONS[kind].updated,
        entityType: kind,
        entityId: id,
        before: partnerSnapshot(before),
        after: partnerSnapshot(after),
      });
      return after;
    });
  } catch (error) {
    throw (await duplicateNameError(ctx, kind, error, fields.name, id)) ?? error;
  }
}
