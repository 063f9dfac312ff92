// Archiving and restoring, one conditional write each: the product must still be at the version the person saw
// and in the state they saw (active to archive, archived to restore), or nothing is written and the CONFLICT
// names who changed it and when. An archived product keeps its stock, history and SKU; lists hide it by default.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import {
  changedSinceError,
  productIdFrom,
  productIdInput,
  productSelect,
  productSnapshot,
  productVersionSchema,
  toProductRecord,
  type ProductRecord,
} from "./product-record";

export const archivingSchema = z.object({ id: productIdInput, version: productVersionSchema }).strict();

export async function setArchived(ctx: TenantContext, input: unknown, archived: boolean): Promise<ProductRecord> {
  const { id: rawId, version } = parseInput(archivingSchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const id = productIdFrom(rawId);
  const verb = archived ? "archive it" : "restore it";
  return withTenantTx(ctx, async (tx) => {
    const found = await tx.product.findUnique({ where: { id }, select: productSelect });
    if (!found) throw AppError.notFound("That product");
    const { count } = await tx.product.updateMany({
      where: { id, version, archived: !archived },
      data: { archived, archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) throw await changedSinceError(tx, ctx, id, verb);
    const after = toProductRecord(await tx.product.findUniqueOrThrow({ where: { id }, select: productSelect }));
    await recordAudit(tx, ctx, {
      action: archived ? "product.archived" : "product.restored",
      entityType: "product",
      entityId: id,
      before: productSnapshot(toProductRecord(found)),
      after: productSnapshot(after),
    });
    await publishEvent(tx, ctx, { type: "product.changed", productIds: [id] });
    return after;
  });
}
