// Live-update events: small (ids, not rows; pg_notify payloads are capped at 8000 bytes) and always tagged with
// the company they belong to. Pure: the live-update fan-out and the browser filter use the same types.
export const EVENT_CHANNEL = "stockflow_events";

export type DomainEvent =
  | { type: "stock.changed"; productIds: string[]; locationIds: string[] }
  | { type: "product.changed"; productId: string }
  | { type: "order.changed"; orderId: string; requesterId: string; status: string }
  | { type: "membership.changed"; userId: string };

export type CompanyEvent = DomainEvent & { companyId: string; at: string };
