// Moves stock of one product from one location to another: one ledger operation with both legs (TRANSFER_OUT and
// TRANSFER_IN share a batch), so it is applied whole or not at all. The source keeps what approved orders have
// reserved (guard "available"); both locations must be active. Exactly once per client operation id
// (./stock-operation.ts).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { applyStockMovements } from "./apply-stock-movements";
import { findStockProducts } from "./find-stock-products";
import { lockStockLocations } from "./lock-stock-locations";
import { quantitySchema } from "./quantity";
import { locationIdSchema, noteSchema, productIdSchema } from "./stock-fields";
import { onceStockOperation } from "./stock-operation";
import { idempotencyKeySchema } from "../fields";

export const transferStockSchema = z
  .object({
    operationId: idempotencyKeySchema,
    productId: productIdSchema,
    fromLocationId: locationIdSchema,
    toLocationId: locationIdSchema,
    quantity: quantitySchema({ min: 1, label: "Quantity" }),
    note: noteSchema,
  })
  .strict()
  .refine((input) => input.fromLocationId !== input.toLocationId, {
    message: "Choose a location other than the one the stock comes from.",
    path: ["toLocationId"],
  });

export interface StockTransferred {
  product: { id: string; sku: string; name: string; unit: string };
  from: { id: string; name: string; onHand: number };
  to: { id: string; name: string; onHand: number };
  quantity: number;
}

export async function transferStock(ctx: TenantContext, input: unknown): Promise<StockTransferred> {
  const { operationId, ...transfer } = parseInput(transferStockSchema, input);
  const { productId, fromLocationId, toLocationId, quantity, note } = transfer;
  if (!can(ctx.role, "stock.transfer")) throw AppError.forbidden();
  const claim = { operationId, kind: "TRANSFER", payload: transfer } as const;
  const move = onceStockOperation(ctx, claim, async (tx) => {
    const locations = await lockStockLocations(tx, ctx, [fromLocationId, toLocationId]);
    const { costPrice: _cost, ...product } = (await findStockProducts(tx, ctx, [productId])).get(productId)!;
    const movements = await applyStockMovements(tx, ctx, {
      changes: [
        {
          productId,
          locationId: fromLocationId,
          quantity: -quantity,
          reason: "TRANSFER_OUT",
          guard: "available",
          note,
        },
        { productId, locationId: toLocationId, quantity, reason: "TRANSFER_IN", note },
      ],
      audit: {
        action: "stock.transferred",
        entityType: "product",
        entityId: productId,
        // The locations' names as they are today: the log names them as they were (docs/architecture.md §8).
        after: {
          fromLocationId,
          fromLocationName: locations.get(fromLocationId)!.name,
          toLocationId,
          toLocationName: locations.get(toLocationId)!.name,
          quantity,
          note,
        },
      },
    });
    const balance = (locationId: string) => movements.find((m) => m.locationId === locationId)!.balanceAfter;
    return {
      product,
      from: { ...locations.get(fromLocationId)!, onHand: balance(fromLocationId) },
      to: { ...locations.get(toLocationId)!, onHand: balance(toLocationId) },
      quantity,
    };
  });
  return withTenantTx(ctx, move);
}
