// The duplicates page (/products/duplicates): products that already shared a SKU or barcode in another letter case
// when case-insensitive uniqueness arrived (migration 20261206020000), flagged and left out of the unique indexes
// until someone resolves them (./product-keys.ts). Listed by group; each product is resolved by giving it another
// SKU or barcode through updateProduct — the normal edit, with its version check and the same clash checks — which
// unflags it, and the group's last other product with it. Managers and admins, like any product edit.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productFieldsSchema } from "./product-fields";
import {
  productIdFrom,
  productIdInput,
  productSelect,
  productVersionSchema,
  toProductRecord,
  type ProductRecord,
} from "./product-record";
import { updateProduct } from "./update-product";

export interface DuplicateProduct {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  archived: boolean;
  version: number;
}

export interface DuplicateGroup {
  field: "sku" | "barcode";
  /** The shared value, lower-cased: what the products' spellings have in common. */
  key: string;
  products: DuplicateProduct[];
}

interface FlaggedRow extends DuplicateProduct {
  sku_key: string;
  barcode_key: string | null;
  sku_conflict: boolean;
  barcode_conflict: boolean;
}

/** The flagged products of the caller's company, in groups of one shared value (SKU groups first). */
export async function listProductDuplicates(ctx: TenantContext): Promise<DuplicateGroup[]> {
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const rows = await withTenantTx(
    ctx,
    (tx) => tx.$queryRaw<FlaggedRow[]>`
      SELECT p.id::text, p.sku, p.barcode, p.name, p.archived, p.version,
             p.sku_key, p.barcode_key, p.sku_conflict, p.barcode_conflict
        FROM products p
       WHERE p.company_id = ${ctx.companyId}::uuid AND (p.sku_conflict OR p.barcode_conflict)
       ORDER BY p.sku_key, p.id`,
  );
  const groups = new Map<string, DuplicateGroup>();
  const add = (field: "sku" | "barcode", key: string, row: FlaggedRow) => {
    const id = `${field}:${key}`;
    const group = groups.get(id) ?? { field, key, products: [] };
    group.products.push({
      id: row.id,
      sku: row.sku,
      barcode: row.barcode,
      name: row.name,
      archived: row.archived,
      version: row.version,
    });
    groups.set(id, group);
  };
  for (const row of rows) if (row.sku_conflict) add("sku", row.sku_key, row);
  for (const row of rows) if (row.barcode_conflict && row.barcode_key !== null) add("barcode", row.barcode_key, row);
  return [...groups.values()];
}

/**
 * Whether the caller's company has products to resolve, in the caller's transaction: the product list
 * (./product-list-page.ts) links the page only then, and only for those who may resolve them.
 */
export async function readHasProductDuplicates(tx: TenantTx, ctx: TenantContext): Promise<boolean> {
  if (!can(ctx.role, "products.manage")) return false;
  const [row] = await tx.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM products p
       WHERE p.company_id = ${ctx.companyId}::uuid AND (p.sku_conflict OR p.barcode_conflict)) AS any`;
  return row?.any ?? false;
}

export const resolveSchema = productFieldsSchema
  .pick({ sku: true, barcode: true })
  .extend({ id: productIdInput, version: productVersionSchema })
  .strict();

/** Gives one flagged product another SKU and/or barcode; its other fields stay as they are. */
export async function resolveProductDuplicate(ctx: TenantContext, input: unknown): Promise<ProductRecord> {
  const { id: rawId, version, sku, barcode } = parseInput(resolveSchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const id = productIdFrom(rawId);
  const found = await withTenantTx(ctx, (tx) => tx.product.findUnique({ where: { id }, select: productSelect }));
  if (!found) throw AppError.notFound("That product");
  const {
    description,
    category,
    unit,
    name,
    costPrice,
    salePrice,
    reorderPoint,
    packSize,
    reorderQuantity,
    targetLevel,
  } = toProductRecord(found);
  // updateProduct re-checks the version, so a change made since this read is a CONFLICT, not overwritten.
  return updateProduct(ctx, {
    id,
    version,
    sku,
    barcode,
    name,
    description,
    category,
    unit,
    costPrice,
    salePrice,
    reorderPoint,
    packSize,
    reorderQuantity,
    targetLevel,
  });
}
