// Book a counted stocktake (COUNTED → BOOKED; docs/architecture.md §5 "Stocktake documents"): managers and admins
// apply the counts to the ledger, exactly once per client operation id (lib/stock/stock-operation.ts) and at the
// version the person saw, in one transaction.
//
// Each counted line books counted − expected, where expected is the snapshot taken when that line was counted
// (./count-stocktake-line.ts): stock that moved between the count and the booking — 3 shipped after a count of 10
// — is kept (10 counted against 10 books nothing, and the 7 left stay 7). A line whose difference is 0 moves nothing,
// and a line nobody counted is left as it is. A difference that would now take the stock below zero (more left since
// the count than the count found) books it down to zero, and the answer names the line. Like every stocktake it books
// even below what approved orders reserve (guard "onHand"), and names the products that leaves short
// (lib/stock/shortage.ts). Booking waits until every line flagged for recount has been recounted.
//
// Lock order: the stocktake (FOR NO KEY UPDATE: no count runs meanwhile) → the location → the products → the stock
// rows, then the ledger (lib/stock/apply-stock-movements.ts) re-takes the same locks in the same order.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { kickOutbox } from "../email/outbox-runner";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { applyStockMovements, type StockChange } from "../stock/apply-stock-movements";
import { findStockProducts } from "../stock/find-stock-products";
import { lockStockLevels, stockKey } from "../stock/lock-stock-levels";
import { lockStockLocations } from "../stock/lock-stock-locations";
import { onceStockOperation } from "../stock/stock-operation";
import { checkStocktakeStep, checkStocktakeVersion, lockStocktake } from "./lock-stocktake";
import {
  formatStocktakeNumber,
  idempotencyKeySchema,
  stocktakeIdSchema,
  stocktakeVersionSchema,
} from "./stocktake-fields";

export const bookStocktakeSchema = z
  .object({ operationId: idempotencyKeySchema, stocktakeId: stocktakeIdSchema, version: stocktakeVersionSchema })
  .strict();

interface NamedProduct {
  productId: string;
  sku: string;
  name: string;
}

export interface StocktakeBooked {
  id: string;
  number: number;
  version: number;
  /** Counted lines that moved stock, and those that confirmed it. */
  changed: number;
  unchanged: number;
  /** Lines booked only down to zero, because more left after the count than it found (the first few). */
  floored: (NamedProduct & { difference: number; booked: number })[];
  /** Products this leaves short for approved orders at the location (the first few). */
  short: (NamedProduct & { onHand: number; reserved: number })[];
}

/** Lines named in an answer (it is stored for replays): the report lists them all. */
const NAMED = 20;

interface CountedLine {
  product_id: string;
  counted: number;
  expected: number;
}

/** "Widget (W-1), Gadget (G-2) and 3 more". */
function namedList(rows: { sku: string; name: string }[], total: number): string {
  const names = rows.map((row) => `${row.name} (${row.sku})`);
  const more = total - names.length;
  if (more > 0) return `${names.join(", ")} and ${more} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
}

export async function bookStocktake(ctx: TenantContext, input: unknown): Promise<StocktakeBooked> {
  const { operationId, stocktakeId, version } = parseInput(bookStocktakeSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden("Only managers and admins book stocktakes.");
  const claim = { operationId, kind: "STOCKTAKE_BOOK", payload: { stocktakeId, version } } as const;
  const result = await withTenantTx(
    ctx,
    onceStockOperation(ctx, claim, async (tx) => {
      const stocktake = await lockStocktake(tx, ctx, stocktakeId, "update");
      await checkStocktakeVersion(tx, ctx, stocktake, version);
      checkStocktakeStep(ctx, stocktake, "book");
      const name = formatStocktakeNumber(stocktake.number);
      const pending = await tx.$queryRaw<{ sku: string; name: string; total: number }[]>`
        SELECT p.sku, p.name, count(*) OVER ()::int AS total
          FROM stocktake_lines l
          JOIN products p ON p.company_id = l.company_id AND p.id = l.product_id
         WHERE l.company_id = ${ctx.companyId}::uuid AND l.stocktake_id = ${stocktakeId}::uuid
           AND l.recount = 'REQUESTED'
         ORDER BY lower(p.name), p.sku, p.id
         LIMIT 5`;
      if (pending.length > 0) {
        throw new AppError(
          "INVALID_TRANSITION",
          `Recount before booking ${name}: ${namedList(pending, pending[0]!.total)} ${pending[0]!.total === 1 ? "is" : "are"} flagged for recount.`,
        );
      }

      const lines = await tx.$queryRaw<CountedLine[]>`
        SELECT product_id::text, counted, expected FROM stocktake_lines
         WHERE company_id = ${ctx.companyId}::uuid AND stocktake_id = ${stocktakeId}::uuid AND counted IS NOT NULL
         ORDER BY product_id`;
      const locationId = stocktake.locationId;
      await lockStockLocations(tx, ctx, [locationId]);
      const products = await findStockProducts(
        tx,
        ctx,
        lines.map((line) => line.product_id),
      );
      const moving = lines.filter((line) => line.counted !== line.expected);
      // The rows to change, locked in the ledger's order; a row a gain needs is created first, as the ledger would.
      const levels = await lockStockLevels(
        tx,
        ctx,
        moving.map((line) => ({
          productId: line.product_id,
          locationId,
          counted: Math.max(0, line.counted - line.expected),
        })),
      );
      const booked = new Map<string, number>();
      const floored: StocktakeBooked["floored"] = [];
      const changes: StockChange[] = [];
      for (const line of moving) {
        const difference = line.counted - line.expected;
        const onHand = levels.get(stockKey(line.product_id, locationId))!.onHand;
        const quantity = Math.max(difference, -onHand);
        booked.set(line.product_id, quantity);
        if (quantity !== difference) {
          const product = products.get(line.product_id)!;
          floored.push({ productId: product.id, sku: product.sku, name: product.name, difference, booked: quantity });
        }
        if (quantity !== 0) {
          changes.push({
            productId: line.product_id,
            locationId,
            quantity,
            reason: "STOCKTAKE",
            guard: "onHand",
            note: name,
          });
        }
      }
      const summary = {
        number: stocktake.number,
        locationId,
        locationName: stocktake.locationName,
        counted: lines.length,
        changed: changes.length,
        floored: floored.length,
      };
      const audit = { action: "stocktake.booked", entityType: "stocktake", entityId: stocktakeId, after: summary };
      if (changes.length > 0) await applyStockMovements(tx, ctx, { changes, audit });
      else await recordAudit(tx, ctx, audit);

      // Each counted line keeps what it booked and the cost price it was booked at: the report's value stays as booked.
      await tx.$executeRaw`
        UPDATE stocktake_lines l
           SET booked_quantity = b.booked, unit_cost = b.unit_cost
          FROM unnest(${lines.map((line) => line.product_id)}::uuid[],
                      ${lines.map((line) => booked.get(line.product_id) ?? 0)}::int[],
                      ${lines.map((line) => products.get(line.product_id)!.costPrice)}::numeric[])
               AS b(product_id, booked, unit_cost)
         WHERE l.company_id = ${ctx.companyId}::uuid AND l.stocktake_id = ${stocktakeId}::uuid
           AND l.product_id = b.product_id`;
      await tx.$executeRaw`
        UPDATE stocktakes
           SET status = 'BOOKED', booked_by = ${ctx.userId}::uuid, booked_at = now(), version = version + 1,
               updated_at = now()
         WHERE company_id = ${ctx.companyId}::uuid AND id = ${stocktakeId}::uuid`;

      // Pages showing the stocktake refresh (its progress, its status) for everyone counting it.
      await publishEvent(tx, ctx, { type: "stocktake.changed", stocktakeId });
      const short = changes
        .map((change) => {
          const level = levels.get(stockKey(change.productId, locationId))!;
          const product = products.get(change.productId)!;
          return {
            productId: product.id,
            sku: product.sku,
            name: product.name,
            onHand: level.onHand + change.quantity,
            reserved: level.reserved,
          };
        })
        .filter((row) => row.reserved > row.onHand)
        .sort((x, y) => x.name.localeCompare(y.name) || x.sku.localeCompare(y.sku));
      return {
        id: stocktakeId,
        number: stocktake.number,
        version: stocktake.version + 1,
        changed: changes.length,
        unchanged: lines.length - changes.length,
        floored: floored.sort((x, y) => x.name.localeCompare(y.name)).slice(0, NAMED),
        short: short.slice(0, NAMED),
      };
    }),
    { timeoutMs: 60_000 },
  );
  // Committed: low-stock alerts go out now, not at the next sweep.
  kickOutbox();
  return result;
}
