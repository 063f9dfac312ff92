// What a page shows, as the live-update events that make it stale. Pure: the browser decides with it whether an
// event from the stream (already filtered by company and role on the server) is worth refreshing the page for.
import type { CompanyEvent } from "@/lib/events/types";

/** Per kind of thing: `true` for any, or only these ids. */
export interface LiveTopics {
  /** Stock levels (on hand, reserved, available) of products. */
  stock?: boolean | string[];
  /** Product details: name, prices, reorder point, archived. */
  products?: boolean | string[];
  /** Requests the viewer may see: status, lines. */
  orders?: boolean | string[];
  /** Locations: names, default, archived. */
  locations?: boolean;
  /** Stocktake documents: their counts and steps. */
  stocktakes?: boolean | string[];
}

/** Everything: a page that summarises the whole company (the dashboard). */
export const ALL_TOPICS: LiveTopics = { stock: true, products: true, orders: true, locations: true, stocktakes: true };

function concerns(topic: boolean | string[] | undefined, ids: readonly string[]): boolean {
  if (topic === true) return true;
  if (!Array.isArray(topic)) return false;
  return ids.some((id) => topic.includes(id));
}

export function isRelevant(topics: LiveTopics, event: CompanyEvent): boolean {
  switch (event.type) {
    case "stock.changed":
      return concerns(topics.stock, event.productIds);
    case "product.changed":
      return concerns(topics.products, event.productIds);
    case "order.changed":
      return concerns(topics.orders, [event.orderId]);
    case "location.changed":
      return topics.locations === true;
    case "stocktake.changed":
      return concerns(topics.stocktakes, [event.stocktakeId]);
    case "membership.changed":
      // The viewer's own role or access changed (the server sends no one else's): every page may now differ.
      return true;
    default:
      return false;
  }
}
