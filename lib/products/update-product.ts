// Edits a product's fields. The edit carries the version the person saw and is written only if the product is
// still at that version (one conditional UPDATE, never check-then-write by id): otherwise nothing is written and
// the CONFLICT names who changed it and when. Stock is not a field: it changes only through the ledger.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { productFieldsSchema, type ProductFields } from "./product-fields";
import {
  changedSinceError,
  productIdFrom,
  productIdInput,
  productSelect,
  productSnapshot,
  productVersionSchema,
  toProductRecord,
  uniqueClashError,
  type ProductRecord,
} from "./product-record";

const updateProductSchema = productFieldsSchema.extend({ id: productIdInput, version: productVersionSchema }).strict();

function unchanged(product: ProductRecord, fields: ProductFields): boolean {
  return (Object.keys(fields) as (keyof ProductFields)[]).every((key) =>
    key === "costPrice" || key === "salePrice"
      ? Number(product[key]) === Number(fields[key])
      : product[key] === fields[key],
  );
}

export async function updateProduct(ctx: TenantContext, input: unknown): Promise<ProductRecord> {
  const { id: rawId, version, ...fields } = parseInput(updateProductSchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const id = productIdFrom(rawId);
  try {
    return await withTenantTx(ctx, async (tx) => {
      const found = await tx.product.findUnique({ where: { id }, select: productSelect });
      if (!found) throw AppError.notFound("That product");
      const before = toProductRecord(found);
      if (before.version !== version) throw await changedSinceError(tx, ctx, id, "make your change");
      if (unchanged(before, fields)) return before;
      const { count } = await tx.product.updateMany({
        where: { id, version },
        data: { ...fields, version: { increment: 1 } },
      });
      // Changed between the read above and this write: the UPDATE re-checked the version and matched nothing.
      if (count === 0) throw await changedSinceError(tx, ctx, id, "make your change");
      const after = toProductRecord(await tx.product.findUniqueOrThrow({ where: { id }, select: productSelect }));
      await recordAudit(tx, ctx, {
        action: "product.updated",
        entityType: "product",
        entityId: id,
        before: productSnapshot(before),
        after: productSnapshot(after),
      });
      await publishEvent(tx, ctx, { type: "product.changed", productIds: [id] });
      return after;
    });
  } catch (error) {
    throw (await uniqueClashError(ctx, error, fields, id)) ?? error;
  }
}
