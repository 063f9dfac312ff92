// Edits a product's fields. The edit carries the version the person saw and is written only if the product is
// still at that version (one conditional UPDATE, never check-then-write by id): otherwise nothing is written and
// the CONFLICT names who changed it and when. Stock is not a field: it changes only through the ledger.
// A SKU or barcode it changes must not be another product's in any letter case (./product-keys.ts). Editing one of
// the products flagged as sharing a value (the duplicates page) resolves it when that value changes: the row then
// enters the unique index, and the group's last other row, now alone with its value, is unflagged too.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { productFieldsSchema, refineReorderLevels, type ProductFields } from "./product-fields";
import { findKeyHolders, keyClashErrors, lockConflictGroup, settleConflicts } from "./product-keys";
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

const conflictSelect = { skuKey: true, barcodeKey: true, skuConflict: true, barcodeConflict: true } as const;

export const updateProductSchema = productFieldsSchema
  .extend({ id: productIdInput, version: productVersionSchema })
  .strict()
  .superRefine(refineReorderLevels);

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
      const keys = await tx.product.findUnique({ where: { id }, select: conflictSelect });
      if (!keys) throw AppError.notFound("That product");
      const flagged = keys.skuConflict || keys.barcodeConflict;
      if (flagged) await lockConflictGroup(tx, ctx.companyId, keys);
      const before = toProductRecord(await tx.product.findUniqueOrThrow({ where: { id }, select: productSelect }));
      if (before.version !== version) throw await changedSinceError(tx, ctx, id, "make your change");
      if (unchanged(before, fields)) return before;
      // Only a changed value is checked: a flagged product's other fields stay editable until it is resolved.
      const skuChanged = fields.sku !== before.sku;
      const barcodeChanged = fields.barcode !== before.barcode;
      const changedKeys = { sku: skuChanged ? fields.sku : null, barcode: barcodeChanged ? fields.barcode : null };
      const clash = keyClashErrors(changedKeys, await findKeyHolders(tx, ctx.companyId, changedKeys, id));
      if (clash) throw AppError.validation(clash, "Another product already uses that SKU or barcode.");
      const { count } = await tx.product.updateMany({
        where: { id, version },
        data: { ...fields, version: { increment: 1 } },
      });
      // Changed between the read above and this write: the UPDATE re-checked the version and matched nothing.
      if (count === 0) throw await changedSinceError(tx, ctx, id, "make your change");
      const after = toProductRecord(await tx.product.findUniqueOrThrow({ where: { id }, select: productSelect }));
      const settled = flagged
        ? await settleConflicts(tx, ctx.companyId, {
            sku: keys.skuConflict && skuChanged ? keys.skuKey : null,
            barcode: keys.barcodeConflict && barcodeChanged ? keys.barcodeKey : null,
          })
        : [];
      await recordAudit(tx, ctx, {
        action: "product.updated",
        entityType: "product",
        entityId: id,
        before: productSnapshot(before),
        after: productSnapshot(after),
      });
      await publishEvent(tx, ctx, { type: "product.changed", productIds: [id, ...settled] });
      return after;
    });
  } catch (error) {
    throw (await uniqueClashError(ctx, error, fields, id)) ?? error;
  }
}
