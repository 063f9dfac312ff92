// Adds a supplier or customer to the caller's company's directory (docs/architecture.md §5 "Partners"). Names are
// unique per company and kind regardless of letter case, archived partners included: the unique index on name_key
// decides, so two people adding the same name at once get one partner and one field error naming it.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { partnerFieldsSchema } from "./partner-fields";
import { PARTNER_AUDIT_ACTIONS, partnerKindSchema } from "./partner-kinds";
import {
  duplicateNameError,
  partnerModel,
  partnerSelect,
  partnerSnapshot,
  toPartnerRecord,
  type PartnerRecord,
} from "./partner-record";

export const createPartnerSchema = partnerFieldsSchema.extend({ kind: partnerKindSchema }).strict();

export async function createPartner(ctx: TenantContext, input: unknown): Promise<PartnerRecord> {
  const { kind, ...fields } = parseInput(createPartnerSchema, input);
  if (!can(ctx.role, "partners.manage")) throw AppError.forbidden();
  try {
    return await withTenantTx(ctx, async (tx) => {
      const partner = toPartnerRecord(
        kind,
        await partnerModel(tx, kind).create({ data: { ...fields, companyId: ctx.companyId }, select: partnerSelect }),
      );
      await recordAudit(tx, ctx, {
        action: PARTNER_AUDIT_ACTIONS[kind].created,
        entityType: kind,
        entityId: partner.id,
        after: partnerSnapshot(partner),
      });
      return partner;
    });
  } catch (error) {
    throw (await duplicateNameError(ctx, kind, error, fields.name)) ?? error;
  }
}
