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
import { findKeyHolders, keyClashErrors } from "./product-keys";
import { isUuid } from "./product-list-params";

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

/** A product id from input: anything that is not one is as unknown as another company's product. */
export function productIdFrom(value: string): string {
  if (!isUuid(value)) throw AppError.notFound("That product");
  return value.toLowerCase();
}

export const productIdSchema = z
  .string({ error: "That product was not found." })
  .max(64, "That product was not found.");

const VERSION_MISSING = "Reload the page: the product's version is missing.";
const VERSION_INVALID = "Reload the page: the product's version is not a version number.";

/**
 * The version the person saw; any whole number from 1 (a wrong one is a CONFLICT, not a form error). Strict like
 * quantities (lib/stock/quantity.ts): digits only, so "0x10", "1e3", "1.0" or " 2abc" are refused, not read as
 * some other version; up to PostgreSQL's integer limit, the column's type.
 */
export const productVersionSchema = z
  .union([z.number(), z.string().trim()], { error: VERSION_MISSING })
  .transform((value, ctx) => {
    const text = typeof value === "number" ? String(value) : value;
    if (text === "") {
      ctx.addIssue({ code: "custom", message: VERSION_MISSING });
      return z.NEVER;
    }
    const version = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(version) || version < 1 || version > 2_147_483_647) {
      ctx.addIssue({ code: "custom", message: VERSION_INVALID });
      return z.NEVER;
    }
    return version;
  });

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

/**
 * The CONFLICT for a conditional write that matched nothing although the product exists: who changed it last and
 * when, so the person knows what to reload for. The newest product.* audit entry names them when it produced the
 * version the product is at now (stock movements audited against the product change no version; a bulk import
 * audits the file, not each product): otherwise the message gives the time of the change alone.
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
    where: { entityType: "product", entityId: productId, action: { startsWith: "product." } },
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
