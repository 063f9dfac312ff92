// How products and stock read on screen. Pure: shared by server and client components.
import type { MovementRow } from "@/lib/products/get-product";

type MovementReason = MovementRow["reason"];

export const REASON_LABELS: Record<MovementReason, string> = {
  INITIAL: "Opening stock",
  RECEIVED: "Received",
  SHIPPED: "Shipped",
  ADJUSTMENT: "Adjustment",
  TRANSFER_IN: "Transfer in",
  TRANSFER_OUT: "Transfer out",
  STOCKTAKE: "Stocktake",
};

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export function formatQuantity(value: number): string {
  return whole.format(value);
}

/** A movement's quantity with its sign always shown: "+12", "−3" (a true minus sign). */
export function formatSignedQuantity(value: number): string {
  return value > 0 ? `+${whole.format(value)}` : `−${whole.format(-value)}`;
}

export function formatMoney(amount: string, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(Number(amount));
}
