// What the audit log viewer can be asked for — who acted, what they did, to which entity, a day range in the
// company's time zone, and a keyset cursor — shared by the page (which reads it from the URL, so a filtered log is a
// deep link: the request and product pages link to their entries), its filter form, the CSV export and
// listAuditEntries. Also where an entry's entity leads. Pure: no server imports.
import { z } from "zod";
import { hasControlCharacters, isUuid, stripControlCharacters } from "../fields";
import { checkDayRange, dayRangeFromParams, daySchema } from "../list/day-range";
import { decodeTimeCursor, STALE_CURSOR_MESSAGE, type TimeCursor } from "../list/keyset-cursor";
import { partnerHref } from "../partners/partner-kinds";

export const AUDIT_PAGE_SIZE = 50;

/** `entity.verb` as recordAudit writes it: "order.approved", "auth.login_failed". */
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
/** "order", "stock_level", "authorization". */
const ENTITY_TYPE = /^[a-z][a-z0-9_]*$/;

const MAX_ACTION_LENGTH = 64;
const MAX_ENTITY_TYPE_LENGTH = 40;
export const MAX_ENTITY_ID_LENGTH = 64;

/** What the audit log's cursors are named (lib/list/keyset-cursor.ts). */
export const AUDIT_CURSOR = "audit";

export function isAuditAction(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_ACTION_LENGTH && ACTION.test(value);
}

export function isEntityType(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_ENTITY_TYPE_LENGTH && ENTITY_TYPE.test(value);
}

/** An entity id as stored: ids are lower-case UUIDs, so a pasted upper-case one still matches. */
function normaliseEntityId(value: string): string {
  const trimmed = value.trim();
  return isUuid(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/** The filters of the log and of its export (no cursor); unknown keys are refused. */
const filterShape = {
  actorId: z
    .uuid({ error: "Choose a person from the list." })
    .transform((s) => s.toLowerCase())
    .optional(),
  action: z.string().refine(isAuditAction, "Choose an action from the list.").optional(),
  entityType: z.string().refine(isEntityType, "Choose an entity type from the list.").optional(),
  entityId: z
    .string()
    .max(MAX_ENTITY_ID_LENGTH, `An id has at most ${MAX_ENTITY_ID_LENGTH} characters.`)
    .refine((id) => !hasControlCharacters(id), "The id must not contain control characters.")
    .transform((value) => normaliseEntityId(value) || undefined)
    .optional(),
  from: daySchema("From"),
  to: daySchema("To"),
};

export const auditFilterSchema = z
  .object(filterShape)
  .strict()
  .superRefine((input, ctx) => checkDayRange(input, ctx));

export type AuditFilters = z.output<typeof auditFilterSchema>;

/** listAuditEntries' input: the filters, a page cursor and a page size. */
export const auditListInputSchema = z
  .object({
    ...filterShape,
    after: z.string().max(600).optional(),
    limit: z.number().int().min(1).max(100).default(AUDIT_PAGE_SIZE),
  })
  .strict()
  .transform((input, ctx) => {
    checkDayRange(input, ctx);
    let after: TimeCursor | undefined;
    if (input.after !== undefined) {
      after = decodeTimeCursor(AUDIT_CURSOR, input.after) ?? undefined;
      if (!after) ctx.addIssue({ code: "custom", path: ["after"], message: STALE_CURSOR_MESSAGE });
    }
    return { ...input, after };
  });

/** The log's URL parameters as they appear in the address bar. */
export interface AuditListQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  after?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The log's query from a URL: values that cannot be filters are dropped rather than refused, so a hand-edited or
 * outdated link shows the log instead of an error. The query is also listAuditEntries' input (its keys are the same).
 */
export function auditListQueryFromParams(params: SearchParams): AuditListQuery {
  const actorId = first(params.actorId)?.trim();
  const action = first(params.action)?.trim();
  const entityType = first(params.entityType)?.trim();
  const entityId = stripControlCharacters(first(params.entityId) ?? "")
    .trim()
    .slice(0, MAX_ENTITY_ID_LENGTH);
  const from = first(params.from);
  const to = first(params.to);
  const after = first(params.after);
  return {
    ...(isUuid(actorId) && { actorId: actorId.toLowerCase() }),
    ...(isAuditAction(action) && { action }),
    ...(isEntityType(entityType) && { entityType }),
    ...(entityId && { entityId: normaliseEntityId(entityId) }),
    ...dayRangeFromParams(from, to),
    ...(after && decodeTimeCursor(AUDIT_CURSOR, after) && { after }),
  };
}

/** Whether the log is narrowed by anything but its page. */
export function hasAuditFilters(query: AuditListQuery): boolean {
  return Boolean(query.actorId || query.action || query.entityType || query.entityId || query.from || query.to);
}

function withParams(path: string, query: AuditListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** "/audit?action=…&…" for a query (empty values left out). */
export function auditListHref(query: AuditListQuery): string {
  return withParams("/audit", query);
}

/** The CSV export of the log's current filters (every page of them, so no cursor). */
export function auditExportHref(query: AuditListQuery): string {
  return withParams("/audit/export.csv", { ...query, after: undefined });
}

/** The entries about one entity: what the request and product pages link to. */
export function entityHistoryHref(entityType: string, entityId: string): string {
  return auditListHref({ entityType, entityId });
}

/**
 * Where an entry's entity can be seen, for the entities that have a page: a request, a product, a supplier, a
 * customer, a stocktake; a location's stock is its product list filtered to it (locations have no page of their own). Null for
 * anything else, or an id that is not one of ours.
 */
export function entityHref(entityType: string, entityId: string | null): string | null {
  if (!entityId || !isUuid(entityId)) return null;
  switch (entityType) {
    case "order":
      return `/requests/${entityId}`;
    case "product":
      return `/products/${entityId}`;
    case "location":
      return `/products?location=${entityId}`;
    case "supplier":
    case "customer":
      return partnerHref(entityType, entityId);
    case "stocktake":
      return `/stocktakes/${entityId}`;
    default:
      return null;
  }
}
