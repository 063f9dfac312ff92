// Product labels to print (docs/architecture.md "Labels"): each chosen product's name, SKU and barcode (its own as
// EAN-13 or UPC-A when valid, else Code 128 — barcode-symbology.ts), drawn once per product and repeated for each
// copy, in the order chosen. The sale price only on request and only for whoever may see money in the company (§7:
// a staff member where the company hides money gets no price on a label either). Everyone who may view products may
// print their labels. Read through the tenant client: an unknown id, a malformed one and another company's are the
// same NOT_FOUND, and nothing of that company is read.
import "server-only";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productIdSchema } from "../fields";
import { companyDisplay } from "../products/product-record";
import { chooseProductBarcode, type LabelSymbology } from "./barcode-symbology";
import { productLabelsSchema } from "./label-fields";
import type { LabelPresetId } from "./label-presets";
import { barcodeSvg } from "./render-barcode";

export interface ProductLabel {
  productId: string;
  name: string;
  sku: string;
  /** The sale price as a decimal string ("12.50"), present only when prices are printed. */
  price?: string;
  barcode: { symbology: LabelSymbology; text: string; svg: string } | null;
}

export interface ProductLabelSheet {
  preset: LabelPresetId;
  copies: number;
  /** One entry per label: each product `copies` times in a row, products in the order chosen. */
  labels: ProductLabel[];
  /** Whether the labels carry the price: asked for, and this person may see money here. */
  showPrice: boolean;
  currency: string;
}

/** Distinct ids in their first order; any that is not a UUID is as unknown as another company's product. */
function productIdsFrom(values: unknown[]): string[] {
  const ids = values.map((value) => {
    const parsed = productIdSchema.safeParse(value);
    if (!parsed.success) throw AppError.notFound(values.length === 1 ? "That product" : "One of those products");
    return parsed.data;
  });
  return [...new Set(ids)];
}

export async function getProductLabels(ctx: TenantContext, input: unknown): Promise<ProductLabelSheet> {
  const { productIds, preset, copies, showPrice } = parseInput(productLabelsSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  const ids = productIdsFrom(productIds);

  return withTenantTx(ctx, async (tx) => {
    const rows = await tx.product.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, sku: true, barcode: true, salePrice: true },
    });
    if (rows.length !== ids.length) {
      throw AppError.notFound(ids.length === 1 ? "That product" : "One of those products");
    }
    const canShowPrice = await callerSeesMoney(tx, ctx);
    const { currency } = await companyDisplay(tx);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const labels = ids.flatMap((id) => {
      const row = byId.get(id)!;
      const choice = chooseProductBarcode(row);
      const label: ProductLabel = {
        productId: row.id,
        name: row.name,
        sku: row.sku,
        ...(showPrice && canShowPrice && { price: row.salePrice.toFixed(2) }),
        barcode: choice && { ...choice, svg: barcodeSvg(choice.symbology, choice.text) },
      };
      return Array.from({ length: copies }, () => label);
    });
    return { preset, copies, labels, showPrice: showPrice && canShowPrice, currency };
  });
}
