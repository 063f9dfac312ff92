// What the request list can be asked for — status, type, requester, a supplier or customer (a directory entry's page
// lists its requests this way), a date range in the company's time zone, a request number, the "needs my decision" view (`view=decide`: pending requests the caller may decide, oldest
// first; docs/architecture.md "Decisions on a phone"), and a keyset cursor — shared by the list page (which reads it from the URL, so a filtered list
// is a deep link), its filter form and listOrderRequests. Pure: no server imports.
import { z } from "zod";
import { isUuid } from "../fields";
import { checkDayRange, dayRangeFromParams, daySchema } from "../list/day-range";
import { decodeTimeCursor, STALE_CURSOR_MESSAGE, type TimeCursor } from "../list/keyset-cursor";
import { ORDER_TYPES, parseOrderNumber } from "./order-fields";
import { ORDER_STATUSES } from "./order-state-machine";

export const ORDER_PAGE_SIZE = 25;

/** What the request list's cursors are named (lib/list/keyset-cursor.ts). */
export const ORDER_CURSOR = "orders";

/** The list's preset views: "decide" is "needs my decision". */
export const ORDER_VIEWS = ["decide"] as const;
export type OrderView = (typeof ORDER_VIEWS)[number];

/** listOrderRequests' input; unknown keys are refused. */
export const orderListInputSchema = z
  .object({
    view: z.enum(ORDER_VIEWS, { error: "Choose a view from the list." }).optional(),
    status: z.enum(ORDER_STATUSES, { error: "Choose a status from the list." }).optional(),
    type: z.enum(ORDER_TYPES, { error: "Choose a type from the list." }).optional(),
    requesterId: z
      .uuid({ error: "Choose a person from the list." })
      .transform((s) => s.toLowerCase())
      .optional(),
    // A partner's page lists its requests (lib/partners/get-partner-summary.ts): read along the partial indexes of
    // migration 20261213060000.
    supplierId: z
      .uuid({ error: "That supplier was not found." })
      .transform((s) => s.toLowerCase())
      .optional(),
    customerId: z
      .uuid({ error: "That customer was not found." })
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
    checkDayRange(input, ctx);
    let after: TimeCursor | undefined;
    if (input.after !== undefined) {
      after = decodeTimeCursor(ORDER_CURSOR, input.after) ?? undefined;
      if (!after) ctx.addIssue({ code: "custom", path: ["after"], message: STALE_CURSOR_MESSAGE });
    }
    return { ...input, after };
  });

export type OrderListInput = z.output<typeof orderListInputSchema>;

/** The list's URL parameters as they appear in the address bar. */
export interface OrderListQuery {
  view?: OrderView;
  status?: string;
  type?: string;
  requesterId?: string;
  supplierId?: string;
  customerId?: string;
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
  const view = ORDER_VIEWS.find((v) => v === first(params.view));
  const status = ORDER_STATUSES.find((s) => s === first(params.status));
  const type = ORDER_TYPES.find((t) => t === first(params.type));
  const requesterId = first(params.requesterId);
  const supplierId = first(params.supplierId);
  const customerId = first(params.customerId);
  const from = first(params.from);
  const to = first(params.to);
  const q = (first(params.q) ?? "").trim().slice(0, 40);
  const after = first(params.after);
  const number = q ? parseOrderNumber(q) : null;
  const days = dayRangeFromParams(from, to);
  const afterCursor = after && decodeTimeCursor(ORDER_CURSOR, after) ? after : undefined;
  const query: OrderListQuery = {
    ...(view && { view }),
    ...(status && { status }),
    ...(type && { type }),
    ...(isUuid(requesterId) && { requesterId }),
    ...(isUuid(supplierId) && { supplierId }),
    ...(isUuid(customerId) && { customerId }),
    ...days,
    ...(q && { q }),
    ...(afterCursor && { after: afterCursor }),
  };
  const input: Record<string, unknown> = {
    ...(view && { view }),
    ...(status && { status }),
    ...(type && { type }),
    ...(isUuid(requesterId) && { requesterId }),
    ...(isUuid(supplierId) && { supplierId }),
    ...(isUuid(customerId) && { customerId }),
    ...days,
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
