// Where a product can be bought (docs/architecture.md §5, "Product suppliers"): several suppliers per product, each
// link with the supplier's part number, the purchase price and lead time there, and at most one preferred supplier.
//
// Every change locks the product row first (FOR NO KEY UPDATE: stock operations' KEY SHARE never waits for it, a
// product edit does), so two changes to one product's links run one after the other. Marking a supplier preferred
// clears the previous one in the same transaction; two people marking two suppliers at once are therefore applied
// in turn — the later one wins — and never meet the partial unique index (product_suppliers_one_preferred) as a
// failure. Links are not versioned: the later save of the same link wins, like the preferred mark.
//
// An archived supplier cannot be newly linked nor newly made preferred (a field error); links made before it was
// archived stay, shown as archived, and can still be edited or removed. The purchase price is a cost price: whoever
// may not see money (docs/architecture.md §7) reads the links without it. Writing needs products.manage, a permission
// only roles that see money hold.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { productIdFrom, productIdInput } from "./product-record";
import { productSupplierTermsShape, supplierIdSchema, type ProductSupplierTerms } from "./product-supplier-fields";

export const setProductSupplierSchema = z
  .object({ productId: productIdInput, supplierId: supplierIdSchema, ...productSupplierTermsShape })
  .strict();
export const productSupplierKeySchema = z.object({ productId: productIdInput, supplierId: supplierIdSchema }).strict();
export const listProductSuppliersSchema = z.object({ productId: productIdInput }).strict();

export interface ProductSupplierLink {
  supplier: { id: string; name: string; archived: boolean };
  supplierSku: string | null;
  /** Absent for whoever may not see money; null when not known. */
  purchasePrice?: string | null;
  leadTimeDays: number | null;
  preferred: boolean;
}

export interface ProductSuppliers {
  /** The preferred supplier first, then by supplier name. */
  links: ProductSupplierLink[];
  /** Whether the caller may add, edit and remove links (products.manage). */
  canManage: boolean;
  /** Whether the links carry their purchase price for this caller. */
  seesMoney: boolean;
}

export interface ProductSupplierChanged {
  supplierName: string;
  /** What happened: a new link, a changed one, or nothing to change. */
  outcome: "linked" | "updated" | "unchanged";
}

const linkSelect = {
  supplierId: true,
  supplierSku: true,
  purchasePrice: true,
  leadTimeDays: true,
  preferred: true,
} as const;

type LinkRow = {
  supplierId: string;
  supplierSku: string | null;
  purchasePrice: { toFixed(digits: number): string } | null;
  leadTimeDays: number | null;
  preferred: boolean;
};

function termsOf(row: LinkRow): ProductSupplierTerms {
  return {
    supplierSku: row.supplierSku,
    purchasePrice: row.purchasePrice?.toFixed(2) ?? null,
    leadTimeDays: row.leadTimeDays,
    preferred: row.preferred,
  };
}

const samePrice = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : Number(a) === Number(b);

function unchanged(before: ProductSupplierTerms, after: ProductSupplierTerms): boolean {
  return (
    before.supplierSku === after.supplierSku &&
    samePrice(before.purchasePrice, after.purchasePrice) &&
    before.leadTimeDays === after.leadTimeDays &&
    before.preferred === after.preferred
  );
}

/**
 * The product, locked against other changes to its links until commit (see the top of this file). Another company's
 * product and an unknown one are the same NOT_FOUND.
 */
async function lockProduct(tx: TenantTx, companyId: string, productId: string): Promise<void> {
  const [product] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM products WHERE company_id = ${companyId}::uuid AND id = ${productId}::uuid
       FOR NO KEY UPDATE`;
  if (!product) throw AppError.notFound("That product");
}

/** The supplier as the person picked it: another company's or an unknown one is NOT_FOUND, said beside the picker. */
async function findSupplier(
  tx: TenantTx,
  supplierId: string,
): Promise<{ id: string; name: string; archived: boolean }> {
  const supplier = await tx.supplier.findFirst({
    where: { id: supplierId },
    select: { id: true, name: true, archivedAt: true },
  });
  if (!supplier) {
    throw new AppError("NOT_FOUND", "That supplier was not found.", { supplierId: ["That supplier was not found."] });
  }
  return { id: supplier.id, name: supplier.name, archived: supplier.archivedAt !== null };
}

/**
 * Clears the product's preferred mark from any supplier but `supplierId`; returns the supplier it was cleared from,
 * for the audit entry. The product row is locked, so no other transaction sets one meanwhile.
 */
async function clearPreferred(
  tx: TenantTx,
  productId: string,
  supplierId: string,
): Promise<{ supplierId: string; supplierName: string } | null> {
  const previous = await tx.productSupplier.findFirst({
    where: { productId, preferred: true, supplierId: { not: supplierId } },
    select: { supplierId: true, supplier: { select: { name: true } } },
  });
  if (!previous) return null;
  await tx.productSupplier.updateMany({
    where: { productId, supplierId: previous.supplierId },
    data: { preferred: false },
  });
  return { supplierId: previous.supplierId, supplierName: previous.supplier.name };
}

function archivedRefusal(name: string, doing: "link" | "prefer"): AppError {
  return AppError.validation({
    supplierId: [
      doing === "link"
        ? `${name} is archived: restore the supplier first, or choose another.`
        : `${name} is archived: it cannot become the preferred supplier.`,
    ],
  });
}

/**
 * Adds a supplier to a product, or changes the link it has: part number, purchase price, lead time, preferred.
 * Ticking preferred takes the mark from the product's previous preferred supplier; leaving it unticked on the
 * preferred link leaves the product without one.
 */
export async function setProductSupplier(ctx: TenantContext, input: unknown): Promise<ProductSupplierChanged> {
  const { productId: rawId, supplierId, ...terms } = parseInput(setProductSupplierSchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const productId = productIdFrom(rawId);
  return withTenantTx(ctx, async (tx) => {
    await lockProduct(tx, ctx.companyId, productId);
    const supplier = await findSupplier(tx, supplierId);
    const existing = await tx.productSupplier.findFirst({ where: { productId, supplierId }, select: linkSelect });
    const before = existing ? termsOf(existing) : null;
    if (!before && supplier.archived) throw archivedRefusal(supplier.name, "link");
    if (terms.preferred && !before?.preferred && supplier.archived) throw archivedRefusal(supplier.name, "prefer");
    if (before && unchanged(before, terms)) return { supplierName: supplier.name, outcome: "unchanged" };

    const previousPreferred = terms.preferred ? await clearPreferred(tx, productId, supplierId) : null;
    const data = {
      supplierSku: terms.supplierSku,
      purchasePrice: terms.purchasePrice,
      leadTimeDays: terms.leadTimeDays,
      preferred: terms.preferred,
    };
    const row = before
      ? await tx.productSupplier.update({
          where: { companyId_productId_supplierId: { companyId: ctx.companyId, productId, supplierId } },
          data,
          select: linkSelect,
        })
      : await tx.productSupplier.create({
          data: { companyId: ctx.companyId, productId, supplierId, ...data },
          select: linkSelect,
        });
    const named = { supplierId, supplierName: supplier.name };
    await recordAudit(tx, ctx, {
      action: before ? "product.supplier_updated" : "product.supplier_linked",
      entityType: "product",
      entityId: productId,
      before: before && { ...named, ...before },
      after: { ...named, ...termsOf(row), ...(previousPreferred && { previousPreferred }) },
    });
    await publishEvent(tx, ctx, { type: "product.changed", productIds: [productId] });
    return { supplierName: supplier.name, outcome: before ? "updated" : "linked" };
  });
}

/** Makes one linked supplier the product's preferred one, taking the mark from the previous one. */
export async function makePreferredSupplier(ctx: TenantContext, input: unknown): Promise<ProductSupplierChanged> {
  const { productId: rawId, supplierId } = parseInput(productSupplierKeySchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const productId = productIdFrom(rawId);
  return withTenantTx(ctx, async (tx) => {
    await lockProduct(tx, ctx.companyId, productId);
    const supplier = await findSupplier(tx, supplierId);
    const existing = await tx.productSupplier.findFirst({ where: { productId, supplierId }, select: linkSelect });
    if (!existing) throw notLinked(supplier.name);
    if (existing.preferred) return { supplierName: supplier.name, outcome: "unchanged" };
    if (supplier.archived) throw archivedRefusal(supplier.name, "prefer");
    const previousPreferred = await clearPreferred(tx, productId, supplierId);
    const row = await tx.productSupplier.update({
      where: { companyId_productId_supplierId: { companyId: ctx.companyId, productId, supplierId } },
      data: { preferred: true },
      select: linkSelect,
    });
    const named = { supplierId, supplierName: supplier.name };
    await recordAudit(tx, ctx, {
      action: "product.supplier_updated",
      entityType: "product",
      entityId: productId,
      before: { ...named, ...termsOf(existing) },
      after: { ...named, ...termsOf(row), ...(previousPreferred && { previousPreferred }) },
    });
    await publishEvent(tx, ctx, { type: "product.changed", productIds: [productId] });
    return { supplierName: supplier.name, outcome: "updated" };
  });
}

function notLinked(name: string): AppError {
  return new AppError("NOT_FOUND", `${name} is not a supplier of this product (any more).`, {
    supplierId: [`${name} is not a supplier of this product (any more).`],
  });
}

/** Removes a supplier from a product; removing the preferred one leaves the product without one. */
export async function removeProductSupplier(ctx: TenantContext, input: unknown): Promise<ProductSupplierChanged> {
  const { productId: rawId, supplierId } = parseInput(productSupplierKeySchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const productId = productIdFrom(rawId);
  return withTenantTx(ctx, async (tx) => {
    await lockProduct(tx, ctx.companyId, productId);
    const supplier = await findSupplier(tx, supplierId);
    const existing = await tx.productSupplier.findFirst({ where: { productId, supplierId }, select: linkSelect });
    if (!existing) throw notLinked(supplier.name);
    await tx.productSupplier.deleteMany({ where: { productId, supplierId } });
    await recordAudit(tx, ctx, {
      action: "product.supplier_unlinked",
      entityType: "product",
      entityId: productId,
      before: { supplierId, supplierName: supplier.name, ...termsOf(existing) },
      after: null,
    });
    await publishEvent(tx, ctx, { type: "product.changed", productIds: [productId] });
    return { supplierName: supplier.name, outcome: "updated" };
  });
}

/** A product's suppliers as its page shows them: the preferred one first, then by name. */
export async function listProductSuppliers(ctx: TenantContext, input: unknown): Promise<ProductSuppliers> {
  const { productId: rawId } = parseInput(listProductSuppliersSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  const productId = productIdFrom(rawId);
  return withTenantTx(ctx, async (tx) => {
    const product = await tx.product.findFirst({ where: { id: productId }, select: { id: true } });
    if (!product) throw AppError.notFound("That product");
    const rows = await tx.productSupplier.findMany({
      where: { productId },
      select: { ...linkSelect, supplier: { select: { name: true, nameKey: true, archivedAt: true } } },
    });
    const seesMoney = await callerSeesMoney(tx, ctx);
    rows.sort(
      (a, b) =>
        Number(b.preferred) - Number(a.preferred) ||
        (a.supplier.nameKey < b.supplier.nameKey ? -1 : a.supplier.nameKey > b.supplier.nameKey ? 1 : 0),
    );
    return {
      links: rows.map((row) => {
        const { purchasePrice, ...terms } = termsOf(row);
        return {
          supplier: { id: row.supplierId, name: row.supplier.name, archived: row.supplier.archivedAt !== null },
          ...terms,
          ...(seesMoney && { purchasePrice }),
        };
      }),
      canManage: can(ctx.role, "products.manage"),
      seesMoney,
    };
  });
}
