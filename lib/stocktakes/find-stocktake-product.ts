// What a scanned or typed code counts on a stocktake (docs/architecture.md §13 "Camera scanning"): the company's
// products with that barcode or SKU, by the one code rule of the scan feature (lib/products/find-product-by-code.ts),
// each with what counting it needs — its unit and pack size — and its line on this stocktake, if it has one. A
// product not on the document yet is added as a line when it is counted. Nothing here shows an expected quantity;
// a blind stocktake's line flagged for recount hides its first count (stocktake-rules.ts, countShown).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productCodeSchema } from "../products/product-code";
import { productsWithCode } from "../products/find-product-by-code";
import { memberAsKnown } from "../users/member-summary";
import { recountState, stocktakeIdSchema, stocktakeStatus, type RecountState } from "./stocktake-fields";
import { countShown } from "./stocktake-rules";

export const findStocktakeProductSchema = z
  .object({ stocktakeId: stocktakeIdSchema, code: productCodeSchema })
  .strict();

export interface StocktakeProductMatch {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  packSize: number | null;
  archived: boolean;
  matchedBy: "barcode" | "sku";
  onList: boolean;
  /** The line's latest count (null when not counted, or hidden for a blind recount). */
  counted: number | null;
  countedBy: string | null;
  recount: RecountState;
}

export interface StocktakeCodeLookup {
  code: string;
  products: StocktakeProductMatch[];
}

export async function findStocktakeProduct(ctx: TenantContext, input: unknown): Promise<StocktakeCodeLookup> {
  const { stocktakeId, code } = parseInput(findStocktakeProductSchema, input);
  if (!can(ctx.role, "stocktakes.count")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const stocktake = await tx.stocktake.findUnique({
      where: { companyId_id: { companyId: ctx.companyId, id: stocktakeId } },
      select: { blind: true, status: true },
    });
    if (!stocktake) throw AppError.notFound("That stocktake");
    const found = await productsWithCode(tx, ctx, code);
    if (found.length === 0) return { code, products: [] };
    const ids = found.map((product) => product.id);
    const details = await tx.product.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        unit: true,
        packSize: true,
        stocktakeLines: {
          where: { stocktakeId },
          select: {
            counted: true,
            recount: true,
            countedBy: {
              select: {
                active: true,
                deactivatedName: true,
                deactivatedEmail: true,
                user: { select: { name: true, email: true } },
              },
            },
          },
        },
      },
    });
    const byId = new Map(details.map((detail) => [detail.id, detail]));
    const document = { blind: stocktake.blind, status: stocktakeStatus(stocktake.status) };
    return {
      code,
      products: found.map((product) => {
        const detail = byId.get(product.id)!;
        const line = detail.stocktakeLines[0];
        const recount = line ? recountState(line.recount) : "NONE";
        const counter = line?.countedBy ? memberAsKnown(line.countedBy) : null;
        return {
          productId: product.id,
          sku: product.sku,
          name: product.name,
          unit: detail.unit,
          packSize: detail.packSize,
          archived: product.archived,
          matchedBy: product.matchedBy,
          onList: Boolean(line),
          counted: line && countShown(document, { recount }) ? line.counted : null,
          // As the company knows them: a deactivated counter as they were then.
          countedBy: counter ? counter.name || counter.email : null,
          recount,
        };
      }),
    };
  });
}
