// Checks what a request names against the company's data, for creating and editing alike: the location and every
// product must exist in the company (another company's id is NOT_FOUND, like an unknown one) and be in use
// (archived ones are field errors a person can act on). Each line gets its unit price at request time: the sale
// price for a customer order, the cost price for a restock. Its quantities are totalled per unit, never added across
// units (docs/architecture.md §5). A supplier or customer it names must be one of the company's directory entries
// (another company's is NOT_FOUND, said beside the picker) and not archived.
import "server-only";
import type { TenantTx } from "../db/tenant";
import { AppError, type FieldErrors } from "../errors";
import { unitTotals, type UnitTotal } from "../products/unit-totals";
import type { OrderDraft } from "./order-fields";

export interface ResolvedLine {
  productId: string;
  quantity: number;
  unitPrice: string;
  sku: string;
  name: string;
  unit: string;
}

export interface ResolvedPartner {
  kind: "supplier" | "customer";
  id: string;
  name: string;
}

export interface ResolvedDraft {
  location: { id: string; name: string };
  /** The supplier or customer the request names, if any. */
  partner: ResolvedPartner | null;
  lines: ResolvedLine[];
  /** "3 × Blue widget (WID-1), 2 × Gadget (GAD-9)", cut to fit an email. */
  summary: string;
  /** The quantities per unit, in the order the units first appear in the draft's lines. */
  unitTotals: UnitTotal[];
}

const SUMMARY_LENGTH = 500;

function summarise(lines: ResolvedLine[]): string {
  const parts = lines.map((line) => `${line.quantity.toLocaleString("en-US")} × ${line.name} (${line.sku})`);
  let summary = "";
  for (const [i, part] of parts.entries()) {
    const next = summary ? `${summary}, ${part}` : part;
    const rest = parts.length - i - 1;
    const tail = rest > 0 ? ` and ${rest} more` : "";
    if ((next + tail).length > SUMMARY_LENGTH) return `${summary} and ${parts.length - i} more`;
    summary = next;
  }
  return summary;
}

/** The directory entry the draft names: one read by id under row-level security, so another company's is not there. */
async function resolvePartner(
  tx: TenantTx,
  draft: OrderDraft,
): Promise<{ partner: ResolvedPartner; archived: boolean } | null> {
  const kind: ResolvedPartner["kind"] | null = draft.supplierId ? "supplier" : draft.customerId ? "customer" : null;
  if (!kind) return null;
  const id = (draft.supplierId ?? draft.customerId)!;
  const query = { where: { id }, select: { id: true, name: true, archivedAt: true } };
  const row = kind === "supplier" ? await tx.supplier.findFirst(query) : await tx.customer.findFirst(query);
  if (!row) {
    const message = `That ${kind} was not found.`;
    throw new AppError("NOT_FOUND", message, { [`${kind}Id`]: [message] });
  }
  return { partner: { kind, id: row.id, name: row.name }, archived: row.archivedAt !== null };
}

export async function resolveOrderDraft(tx: TenantTx, companyId: string, draft: OrderDraft): Promise<ResolvedDraft> {
  // One query at a time: a transaction is one connection.
  // FOR KEY SHARE: an archive locks the location FOR UPDATE before counting the requests that name it, so either it
  // sees this request or this request sees the location archived.
  const [location] = await tx.$queryRaw<{ id: string; name: string; archivedAt: Date | null }[]>`
    SELECT id::text, name, archived_at AS "archivedAt"
      FROM locations
     WHERE company_id = ${companyId}::uuid AND id = ${draft.locationId}::uuid
       FOR KEY SHARE`;
  // The products' keys too, in id order before the lines that reference them are written: every path locks products
  // in id order (lib/stock/find-stock-products.ts), so this never waits in a circle with a product import.
  const productIds = draft.lines.map((line) => line.productId);
  const products = await tx.$queryRaw<
    { id: string; sku: string; name: string; unit: string; archived: boolean; costPrice: string; salePrice: string }[]
  >`
    SELECT id::text, sku, name, unit, archived, cost_price::text AS "costPrice", sale_price::text AS "salePrice"
      FROM products
     WHERE company_id = ${companyId}::uuid AND id = ANY(${productIds}::uuid[])
     ORDER BY id
       FOR KEY SHARE`;
  if (!location) throw AppError.notFound("That location");
  const productById = new Map(products.map((product) => [product.id, product]));
  if (productById.size !== draft.lines.length) throw AppError.notFound("That product");
  const named = await resolvePartner(tx, draft);

  const fieldErrors: FieldErrors = {};
  if (location.archivedAt) fieldErrors.locationId = [`${location.name} is archived: choose another location.`];
  if (named?.archived) {
    const { kind, name } = named.partner;
    fieldErrors[`${kind}Id`] = [`${name} is archived: choose another ${kind}, or none.`];
  }
  const lines = draft.lines.map((line, index) => {
    const product = productById.get(line.productId)!;
    if (product.archived) {
      fieldErrors[`lines.${index}.productId`] = [
        `${product.name} (${product.sku}) is archived: remove it or restore the product first.`,
      ];
    }
    const price = draft.type === "CUSTOMER_ORDER" ? product.salePrice : product.costPrice;
    return { ...line, unitPrice: price, sku: product.sku, name: product.name, unit: product.unit };
  });
  if (Object.keys(fieldErrors).length > 0) throw AppError.validation(fieldErrors);
  return {
    location: { id: location.id, name: location.name },
    partner: named?.partner ?? null,
    lines,
    summary: summarise(lines),
    unitTotals: unitTotals(lines),
  };
}

/** The partner as the audit trail keeps it: its id and its name then (supplierId and supplierName, or customer…). */
export function partnerAudit(resolved: Pick<ResolvedDraft, "partner">): Record<string, string | null> {
  const { partner } = resolved;
  if (!partner) return { supplierId: null, customerId: null };
  return { [`${partner.kind}Id`]: partner.id, [`${partner.kind}Name`]: partner.name };
}
