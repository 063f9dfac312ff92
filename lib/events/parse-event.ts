// What a NOTIFY payload must look like to be fanned out. Any role that can connect may NOTIFY on any channel, so the
// listener trusts nothing it cannot parse; unknown keys are dropped, so only these fields ever reach a browser.
import { z } from "zod";
import type { CompanyEvent } from "./types";

const id = z.string().min(1).max(64);
const ids = z.array(id).max(500);
const tagged = { companyId: z.uuid(), at: z.string().max(40) };

const companyEventSchema: z.ZodType<CompanyEvent> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stock.changed"), productIds: ids, locationIds: ids, ...tagged }),
  z.object({ type: z.literal("product.changed"), productIds: ids, ...tagged }),
  z.object({ type: z.literal("location.changed"), locationId: id, ...tagged }),
  z.object({ type: z.literal("order.changed"), orderId: id, requesterId: id, status: z.string().max(32), ...tagged }),
  z.object({ type: z.literal("membership.changed"), userId: id, ...tagged }),
  z.object({ type: z.literal("stocktake.changed"), stocktakeId: id, ...tagged }),
]);

/** The event a payload carries, or null for anything else (not JSON, an unknown type, a missing field). */
export function parseCompanyEvent(payload: string | undefined): CompanyEvent | null {
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = companyEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
