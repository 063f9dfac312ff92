// Live-update events: small (ids, not rows; pg_notify payloads are capped at 8000 bytes) and always tagged with
// the company they belong to. Pure: the live-update fan-out and the browser filter use the same types.
export const EVENT_CHANNEL = "stockflow_events";

export type DomainEvent =
  | { type: "stock.changed"; productIds: string[]; locationIds: string[] }
  | { type: "product.changed"; productIds: string[] }
  | { type: "location.changed"; locationId: string }
  | { type: "order.changed"; orderId: string; requesterId: string; status: string }
  | { type: "membership.changed"; userId: string }
  // A count or a step on a stocktake document: its id only, never a quantity (a blind stocktake's stay unseen).
  | { type: "stocktake.changed"; stocktakeId: string };

export type CompanyEvent = DomainEvent & { companyId: string; at: string };

export type EventType = DomainEvent["type"];

export const EVENT_TYPES = [
  "stock.changed",
  "product.changed",
  "location.changed",
  "order.changed",
  "membership.changed",
  "stocktake.changed",
] as const satisfies readonly EventType[];

/**
 * Sent by the event stream instead of events it could not deliver (its LISTEN connection was down for a moment):
 * every open page refreshes once.
 */
export const RESYNC_EVENT = "resync";
