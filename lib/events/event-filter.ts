// Which live-update events one subscriber may receive (docs/architecture.md §7): only its own company's, and of those only what
// its role may see. Pure: the event stream applies it to every event before anything leaves the server.
import { can, type Role } from "../auth/permissions";
import type { CompanyEvent } from "./types";

/** Who an event stream is for: fixed when the stream opens (a membership change ends the stream, see below). */
export interface EventAudience {
  companyId: string;
  userId: string;
  role: Role;
}

export function mayReceive(audience: EventAudience, event: CompanyEvent): boolean {
  if (event.companyId !== audience.companyId) return false;
  switch (event.type) {
    case "stock.changed":
      return can(audience.role, "stock.view");
    case "product.changed":
      return can(audience.role, "products.view");
    case "location.changed":
      return can(audience.role, "locations.view");
    case "order.changed":
      // Staff see their own requests only: another person's request is not even announced.
      return can(audience.role, "requests.viewAll") || event.requesterId === audience.userId;
    case "membership.changed":
      return event.userId === audience.userId;
    case "stocktake.changed":
      return can(audience.role, "stock.view");
    default:
      // An event type this build does not know: never forwarded.
      return false;
  }
}

/**
 * A change to the subscriber's own membership (role, deactivation) makes the audience stale: the stream delivers that
 * event, then ends, and the browser reconnects as whoever the session now says it is (or is refused).
 */
export function endsStream(audience: EventAudience, event: CompanyEvent): boolean {
  return event.type === "membership.changed" && mayReceive(audience, event);
}
