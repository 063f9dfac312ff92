// One supplier or customer of the caller's company, for its edit page. Unknown ids, malformed ones and other
// companies' ids are all NOT_FOUND; any other key is a VALIDATION error.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { partnerIdInput } from "./partner-fields";
import { partnerKindSchema } from "./partner-kinds";
import {
  notFound,
  partnerIdFrom,
  partnerModel,
  partnerSelect,
  toPartnerRecord,
  type PartnerRecord,
} from "./partner-record";

export const getPartnerSchema = z.object({ kind: partnerKindSchema, id: partnerIdInput }).strict();

export async function getPartner(ctx: TenantContext, input: unknown): Promise<PartnerRecord> {
  const { kind, id: rawId } = parseInput(getPartnerSchema, input);
  if (!can(ctx.role, "partners.view")) throw AppError.forbidden();
  const id = partnerIdFrom(kind, rawId);
  const found = await withTenantTx(ctx, (tx) =>
    partnerModel(tx, kind).findUnique({ where: { id }, select: partnerSelect }),
  );
  if (!found) throw notFound(kind);
  return toPartnerRecord(kind, found);
}
