// What the request list can be asked for — status, type, requester, a date range in the company's time zone, a
// request number, and a keyset cursor — shared by the list page (which reads it from the URL, so a filtered list
// is a deep link), its filter form and listOrderRequests. Pure: no server imports.
import { z } from "zod";
import { decodeKeyset, encodeKeyset, isIsoTime, isUuid } from "../products/product-list-params";
import { ORDER_TYPES, parseOrderNumber } from "./order-fields";
import { ORDER_STATUSES } from "./order-state-machine";

export const ORDER_PAGE_SIZE = 25;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as a date input sends it ("2026-11-24"), and one that exists (not "2026-02-30"). */
export function isDay(value: unknown): value is string {
  if (typeof value !== "string" || !DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value && value >= "2000-01-01";
}

export interface OrderCursor {
  createdAt: string;
  id: string;
}

export function encodeOrderCursor(cursor: OrderCursor): string {
  return encodeKeyset(["orders", cursor.createdAt, cursor.id]);
}

export function decodeOrderCursor(text: string): OrderCursor | null {
  const parts = decodeKeyset(text, 3);
  if (!parts) return null;
  const [kind, createdAt, id] = parts;
  if (kind !== "orders" || !isIsoTime(createdAt) || !isUuid(id)) return null;
  return { createdAt, id: id.toLowerCase() };
}

const daySchema = (label: string) => z.string().refine(isDay, `${label}: enter a date such as 2026-11-24.`).optional();

/** listOrderRequests' input; unknown keys are refused. */
export const orderListInputSchema = z
  .object({
    status: z.enum(ORDER_STATUSES, { error: "Choose a status from the list." }).optional(),
    type: z.enum(ORDER_TYPES, { error: "Choose a type from the list." }).optional(),
    requesterId: z
      .uuid({ error: "Choose a person from the list." })
      .transform((s) => s.toLowerCase())
      .optional(),
    from: daySchema("From"),
    to: daySchema("To"),
    // 0 matches nothing: what a search that is not a request number asks for.
    number: z.number().int().min(0).max(999_999_999).optional(),
    after: z.string().max(600).optional(),
    limit: z.number().int().min(1).max(100).default(ORDER_PAGE_SIZE),
  })
  .strict()
  .transform((input, ctx) => {
    if (input.from && input.to && input.from > input.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "To: choose a day on or after the From day." });
    }
    let after: OrderCursor | undefined;
    if (input.after !== undefined) {
      after = decodeOrderCursor(input.after) ?? undefined;
      if (!after) {
        ctx.addIssue({
          code: "custom",
          path: ["after"],
          message: "That page link is out of date: start from the first page.",
        });
      }
    }
    return { ...input, after };
  });

export type OrderListInput = z.output<typeof orderListInputSchema>;

/** The list's URL parameters as they appear in the address bar. */
export interface OrderListQuery {
  status?: string;
  type?: string;
  requesterId?: string;
  from?: string;
  to?: string;
  q?: string;
  after?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The list's input from a URL: values that are not one of the choices are dropped rather than refused, so a
 * hand-edited or outdated link shows the list instead of an error.
 */
export function orderListQueryFromParams(params: SearchParams): {
  query: OrderListQuery;
  input: Record<string, unknown>;
} {
  const status = ORDER_STATUSES.find((s) => s === first(params.status));
  const type = ORDER_TYPES.find((t) => t === first(params.type));
  const requesterId = first(params.requesterId);
  const from = first(params.from);
  const to = first(params.to);
  const q = (first(params.q) ?? "").trim().slice(0, 40);
  const after = first(params.after);
  const number = q ? parseOrderNumber(q) : null;
  const validFrom = isDay(from) ? from : undefined;
  const validTo = isDay(to) && !(validFrom && to < validFrom) ? to : undefined;
  const afterCursor = after && decodeOrderCursor(after) ? after : undefined;
  const query: OrderListQuery = {
    ...(status && { status }),
    ...(type && { type }),
    ...(isUuid(requesterId) && { requesterId }),
    ...(validFrom && { from: validFrom }),
    ...(validTo && { to: validTo }),
    ...(q && { q }),
    ...(afterCursor && { after: afterCursor }),
  };
  const input: Record<string, unknown> = {
    ...(status && { status }),
    ...(type && { type }),
    ...(isUuid(requesterId) && { requesterId }),
    ...(validFrom && { from: validFrom }),
    ...(validTo && { to: validTo }),
    ...(afterCursor && { after: afterCursor }),
  };
  // A search that is not a request number finds nothing rather than everything.
  if (q) input.number = number ?? 0;
  return { query, input };
}

/** "/requests?status=PENDING&…" for a query (empty values left out). */
export function orderListHref(query: OrderListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `/requests?${text}` : "/requests";
}
