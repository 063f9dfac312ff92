// What the product functions share: the explicit select and the plain object they return, the audit snapshot,
// how a clash on the per-company unique SKU or barcode becomes a field error, and the "changed since you
// opened it" message of a refused conditional write.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import type { Prisma } from "../db/generated/client";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { formatMoment } from "../format-moment";
import { productIdSchema, versionSchema } from "../fields";
import { findKeyHolders, keyClashErrors } from "./product-keys";

export const productSelect = {
  id: true,
  sku: true,
  name: true,
  description: true,
  category: true,
  unit: true,
  barcode: true,
  costPrice: true,
  salePrice: true,
  reorderPoint: true,
  packSize: true,
  reorderQuantity: true,
  targetLevel: true,
  archived: true,
  archivedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ProductSelect;

type ProductRow = Prisma.ProductGetPayload<{ select: typeof productSelect }>;

export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  category: string | null;
  unit: string;
  barcode: string | null;
  /** Money as a decimal string with two decimals, e.g. "12.50". */
  costPrice: string;
  salePrice: string;
  reorderPoint: number;
  /** How many units one pack holds; null when counted in single units. */
  packSize: number | null;
  /** What a restock suggestion orders when it runs low; null: up to twice the reorder point. */
  reorderQuantity: number | null;
  /** The total a restock suggestion orders up to (above the reorder point); null: none. */
  targetLevel: number | null;
  archived: boolean;
  archivedAt: Date | null;
  /** The version an edit, archive or restore must carry. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toProductRecord(row: ProductRow): ProductRecord {
  return { ...row, costPrice: row.costPrice.toFixed(2), salePrice: row.salePrice.toFixed(2) };
}

/** The product as the audit trail keeps it: its fields and state, no timestamps of its own. */
export function productSnapshot(product: ProductRecord): Record<string, unknown> {
  const { id: _id, createdAt: _created, updatedAt: _updated, archivedAt: _archivedAt, ...snapshot } = product;
  return snapshot;
}

/**
 * A product id from input, checked after the permission (so the input schemas take it as it comes, productIdInput):
 * anything that is not one is as unknown as another company's product, NOT_FOUND rather than a field error.
 */
export function productIdFrom(value: unknown): string {
  const parsed = productIdSchema.safeParse(value);
  if (!parsed.success) throw AppError.notFound("That product");
  return parsed.data;
}

export const productIdInput = z.unknown();

/** The version the person saw; a wrong one is a CONFLICT, not a form error. */
export const productVersionSchema = versionSchema("product");

const UNIQUE_INDEX_FIELD: Record<string, "sku" | "barcode"> = {
  products_company_id_sku_key_key: "sku",
  products_company_id_barcode_key_key: "barcode",
};

interface UniqueViolation {
  code?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { index?: unknown; fields?: unknown } } } };
}

/** Which of the product's unique fields a Prisma unique violation (P2002) is about, if it is one of them. */
function clashingField(error: unknown): "sku" | "barcode" | null {
  const { code, meta } = (error ?? {}) as UniqueViolation;
  if (code !== "P2002") return null;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const index = typeof constraint?.index === "string" ? constraint.index : undefined;
  if (index && UNIQUE_INDEX_FIELD[index]) return UNIQUE_INDEX_FIELD[index]!;
  const fields = JSON.stringify(constraint?.fields ?? meta?.target ?? "");
  if (fields.includes("barcode")) return "barcode";
  if (fields.includes("sku")) return "sku";
  return null;
}

/**
 * The field errors for a write the unique indexes refused, naming the product that holds the value. The index
 * decided (no check-then-write race); this only reads who won, after the refused transaction rolled back.
 */
export async function uniqueClashError(
  ctx: TenantContext,
  error: unknown,
  values: { sku: string; barcode: string | null },
  exceptId?: string,
): Promise<AppError | null> {
  const field = clashingField(error);
  if (!field) return null;
  const holders = await withTenantTx(ctx, (tx) => findKeyHolders(tx, ctx.companyId, values, exceptId));
  const fieldErrors = keyClashErrors(values, holders) ?? {};
  if (!fieldErrors[field]) {
    fieldErrors[field] = [
      field === "sku"
        ? `SKU ${values.sku} is already used by another product.`
        : `Barcode ${values.barcode} is already used by another product.`,
    ];
  }
  return AppError.validation(fieldErrors, "Another product already uses that SKU or barcode.");
}

/** How the company shows times (its IANA time zone) and money (its currency) to its people. */
export async function companyDisplay(tx: TenantTx): Promise<{ timeZone: string; currency: string }> {
  const company = await tx.company.findFirst({ where: {}, select: { timeZone: true, currency: true } });
  return { timeZone: company?.timeZone ?? "UTC", currency: company?.currency ?? "USD" };
}

/** The audit actions of a product's supplier links, which change no version of the product (./product-suppliers.ts). */
const SUPPLIER_LINK_PREFIX = "product.supplier_";

/**
 * The CONFLICT for a conditional write that matched nothing although the product exists: who changed it last and
 * when, so the person knows what to reload for. The newest product.* audit entry (supplier links aside) names them
 * when it produced the version the product is at now (stock movements audited against the product change no version;
 * a bulk import audits the file, not each product): otherwise the message gives the time of the change alone.
 */
export async function changedSinceError(
  tx: TenantTx,
  ctx: TenantContext,
  productId: string,
  what: string,
): Promise<AppError> {
  // One query at a time: a transaction is one connection.
  const current = await tx.product.findUnique({ where: { id: productId }, select: { version: true, updatedAt: true } });
  const entry = await tx.auditLog.findFirst({
    where: {
      entityType: "product",
      entityId: productId,
      action: { startsWith: "product." },
      NOT: { action: { startsWith: SUPPLIER_LINK_PREFIX } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { actorId: true, actorEmail: true, createdAt: true, after: true },
  });
  const { timeZone } = await companyDisplay(tx);
  const reload = `Reload the page to see the current version, then ${what} again.`;
  const auditedVersion = (entry?.after as { version?: unknown } | null | undefined)?.version;
  if (!entry || !current || auditedVersion !== current.version) {
    const when = current ? ` on ${formatMoment(current.updatedAt, timeZone)}` : "";
    return new AppError("CONFLICT", `This product was changed${when}, after you opened it. ${reload}`);
  }
  const actor = entry.actorId
    ? await tx.user.findUnique({ where: { id: entry.actorId }, select: { name: true, email: true } })
    : null;
  const who =
    entry.actorId === ctx.userId
      ? "You (in another tab or window)"
      : actor
        ? `${actor.name} (${actor.email})`
        : (entry.actorEmail ?? "Someone");
  return new AppError(
    "CONFLICT",
    `${who} changed this product on ${formatMoment(entry.createdAt, timeZone)}, after you opened it. ${reload}`,
  );
}
