// A stocktake books what was counted at one location as the truth. In one transaction: the counted rows are locked
// (in the ledger's order) and each difference from on_hand read under that lock is booked as a STOCKTAKE movement
// through one ledger operation, so two people counting the same shelf at once never double-book: the second
// books against what the first left. Counts equal to on hand book nothing. The guard is "onHand": the counted
// truth is booked even below what approved orders have reserved, and the summary lists the approved customer
// orders at this location whose reservation that leaves uncovered. Exactly once per client operation id
// (./stock-operation.ts): a recount is a new operation, never a replay of the first. Refused where a stocktake document
// is open at the location (lib/stocktakes/).
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { outstanding } from "../orders/order-quantities";
import { applyStockMovements, type StockChange } from "./apply-stock-movements";
import { findStockProducts } from "./find-stock-products";
import { lockStockLevels, stockKey } from "./lock-stock-levels";
import { lockStockLocations } from "./lock-stock-locations";
import { refuseBesideOpenStocktake } from "../stocktakes/refuse-beside-open-stocktake";
import { quantitySchema } from "./quantity";
import { locationIdSchema, MAX_STOCKTAKE_COUNTS, noteSchema, productIdSchema } from "./stock-fields";
import { onceStockOperation } from "./stock-operation";
import { idempotencyKeySchema } from "../fields";
import { kickOutbox } from "../email/outbox-runner";

export const recordStocktakeSchema = z
  .object({
    operationId: idempotencyKeySchema,
    locationId: locationIdSchema,
    counts: z
      .array(z.object({ productId: productIdSchema, counted: quantitySchema({ min: 0, label: "Count" }) }).strict(), {
        error: "Enter the counts.",
      })
      .min(1, "Enter at least one count.")
      .max(
        MAX_STOCKTAKE_COUNTS,
        `One stocktake takes at most ${MAX_STOCKTAKE_COUNTS.toLocaleString("en-US")} counts: record the rest as another stocktake.`,
      )
      .superRefine((counts, ctx) => {
        const seen = new Set<string>();
        counts.forEach((count, i) => {
          if (seen.has(count.productId)) {
            ctx.addIssue({
              code: "custom",
              message: "This product is counted twice: enter one total.",
              path: [i, "productId"],
            });
          }
          seen.add(count.productId);
        });
      }),
    note: noteSchema,
  })
  .strict();

export interface StocktakeLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  before: number;
  counted: number;
  /** counted − before; 0 when the count confirmed what was on hand. */
  difference: number;
}

export interface UncoveredOrder {
  orderId: string;
  /** The per-company request number (REQ-000123). */
  number: number;
  productId: string;
  sku: string;
  name: string;
  /** The order line's quantity. */
  quantity: number;
  /** After the stocktake, at this location: what is on hand and what approved orders reserve. */
  onHand: number;
  reserved: number;
}

export interface StocktakeRecorded {
  location: { id: string; name: string };
  /** Every count, by product name. */
  lines: StocktakeLine[];
  changed: number;
  unchanged: number;
  uncoveredOrders: UncoveredOrder[];
}

export async function recordStocktake(ctx: TenantContext, input: unknown): Promise<StocktakeRecorded> {
  const { operationId, locationId, counts, note } = parseInput(recordStocktakeSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden();
  // The same counts in another order are the same stocktake.
  const sorted = [...counts].sort((x, y) => (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));
  const claim = { operationId, kind: "STOCKTAKE", payload: { locationId, counts: sorted, note } } as const;
  const result = await withTenantTx(
    ctx,
    onceStockOperation(ctx, claim, async (tx) => {
      const location = (await lockStockLocations(tx, ctx, [locationId])).get(locationId)!;
      await refuseBesideOpenStocktake(tx, ctx, [location.id]);
      const products = await findStockProducts(
        tx,
        ctx,
        counts.map((c) => c.productId),
      );
      const levels = await lockStockLevels(
        tx,
        ctx,
        counts.map((c) => ({ productId: c.productId, locationId, counted: c.counted })),
      );

      const lines: StocktakeLine[] = counts.map(({ productId, counted }) => {
        const product = products.get(productId)!;
        const before = levels.get(stockKey(productId, locationId))!.onHand;
        return {
          productId,
          sku: product.sku,
          name: product.name,
          unit: product.unit,
          before,
          counted,
          difference: counted - before,
        };
      });
      const changes: StockChange[] = lines
        .filter((line) => line.difference !== 0)
        .map((line) => ({
          productId: line.productId,
          locationId,
          quantity: line.difference,
          reason: "STOCKTAKE",
          guard: "onHand",
          note: note ?? "Stocktake",
        }));
      const summary = { locationId, counted: lines.length, changed: changes.length, note };
      if (changes.length > 0) {
        await applyStockMovements(tx, ctx, {
          changes,
          audit: { action: "stock.stocktake", entityType: "location", entityId: locationId, after: summary },
        });
      } else {
        // Nothing moved, but that everything was counted and matched is worth a line in the audit log.
        await recordAudit(tx, ctx, {
          action: "stock.stocktake",
          entityType: "location",
          entityId: locationId,
          after: summary,
        });
      }

      const short = lines.filter((line) => levels.get(stockKey(line.productId, locationId))!.reserved > line.counted);
      const orders =
        short.length === 0
          ? []
          : await tx.orderRequest.findMany({
              where: {
                locationId,
                // Approved orders and backorders: both still hold a reservation here.
                status: { in: ["APPROVED", "PARTIALLY_FULFILLED"] },
                type: "CUSTOMER_ORDER",
                lines: { some: { productId: { in: short.map((line) => line.productId) } } },
              },
              select: {
                id: true,
                number: true,
                lines: {
                  where: { productId: { in: short.map((line) => line.productId) } },
                  select: { productId: true, quantity: true, approvedQuantity: true, fulfilledQuantity: true },
                },
              },
              orderBy: { number: "asc" },
            });
      const lineByProduct = new Map(lines.map((line) => [line.productId, line]));
      const uncoveredOrders = orders.flatMap((order) =>
        order.lines.map((orderLine) => {
          const line = lineByProduct.get(orderLine.productId)!;
          return {
            orderId: order.id,
            number: order.number,
            productId: line.productId,
            sku: line.sku,
            name: line.name,
            // What the order still reserves: approved and not yet shipped.
            quantity: outstanding(orderLine),
            onHand: line.counted,
            reserved: levels.get(stockKey(line.productId, locationId))!.reserved,
          };
        }),
      );

      return {
        location,
        lines: [...lines].sort((a, b) => a.name.localeCompare(b.name) || a.sku.localeCompare(b.sku)),
        changed: changes.length,
        unchanged: lines.length - changes.length,
        uncoveredOrders,
      };
    }),
    { timeoutMs: 60_000 },
  );
  // Committed: low-stock alerts go out now, not at the next sweep.
  kickOutbox();
  return result;
}
