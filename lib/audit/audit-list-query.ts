// The audit log's SQL, shared by the viewer (one page at a time) and the CSV export (every page of the same filters):
// newest first in keyset pages of (created_at, id), so the millionth entry pages as fast as the first. Each filter
// has an index that leads with company_id: (company_id, actor_id, created_at), (company_id, action, created_at),
// (company_id, entity_type, entity_id, created_at), and (company_id, created_at) for the rest. Every table is
// filtered by company_id explicitly (raw SQL is otherwise scoped by row-level security alone).
import "server-only";
import { Prisma } from "../db/generated/client";
import { formatOrderNumber } from "../orders/order-fields";
import { formatStocktakeNumber } from "../stocktakes/stocktake-fields";
import type { AuditActor } from "./audit-actor";
import { encodeTimeCursor, type TimeCursor } from "../list/keyset-cursor";
import { localDayRangeSql } from "../list/local-day-range";
import { AUDIT_CURSOR, type AuditFilters } from "./audit-list-params";

export interface AuditListEntry {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string | null;
  /** What the entity was called when the entry was written (audit_logs.entity_label); null on older entries. */
  recordedLabel: string | null;
  /**
   * What the entity is called now (a request's number, a product's name and SKU, a location's, supplier's or
   * customer's name), if it exists.
   */
  entityLabel: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditSqlRow {
  id: string;
  created_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  /** The actor's membership here: null for no membership. */
  member_active: boolean | null;
  /** An active member's name and email today; a deactivated one's as they were when deactivated (if known). */
  member_name: string | null;
  member_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_label: string | null;
  order_number: number | null;
  stocktake_number: number | null;
  product_name: string | null;
  product_sku: string | null;
  location_name: string | null;
  partner_name: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

/** An entity id that names a row by uuid (entity_id is text: other entities have other ids). */
export const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/** One page (plus one row, which says whether there is another) of the company's entries that pass the filters. */
export function auditEntriesSql(
  companyId: string,
  filters: AuditFilters,
  timeZone: string,
  after: TimeCursor | undefined,
  limit: number,
): Prisma.Sql {
  const company = Prisma.sql`${companyId}::uuid`;
  const where: Prisma.Sql[] = [Prisma.sql`a.company_id = ${company}`];
  if (filters.actorId) where.push(Prisma.sql`a.actor_id = ${filters.actorId}::uuid`);
  if (filters.action) where.push(Prisma.sql`a.action = ${filters.action}`);
  if (filters.entityType) where.push(Prisma.sql`a.entity_type = ${filters.entityType}`);
  if (filters.entityId) where.push(Prisma.sql`a.entity_id = ${filters.entityId}`);
  where.push(...localDayRangeSql(Prisma.sql`a.created_at`, filters, timeZone));
  if (after) where.push(Prisma.sql`(a.created_at, a.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);

  // The page is chosen first, by index; names are looked up for its rows only. A deactivated member is named as
  // they were when deactivated: the company does not learn what they call themselves since.
  return Prisma.sql`
    SELECT page.id::text, page.created_at, page.actor_id::text, page.actor_name, page.actor_email,
           m.active AS member_active,
           CASE WHEN m.active THEN u.name ELSE m.deactivated_name END AS member_name,
           CASE WHEN m.active THEN u.email ELSE m.deactivated_email END AS member_email,
           page.action, page.entity_type, page.entity_id, page.entity_label,
           o.number AS order_number, st.number AS stocktake_number, p.name AS product_name, p.sku AS product_sku, l.name AS location_name,
           coalesce(sp.name, cu.name) AS partner_name,
           page.before, page.after, page.ip, page.user_agent, page.request_id
      FROM (
        SELECT a.id, a.created_at, a.actor_id, a.actor_name, a.actor_email, a.action, a.entity_type, a.entity_id,
               a.entity_label,
               CASE WHEN a.entity_id ~ ${UUID_PATTERN} THEN a.entity_id::uuid END AS entity_uuid,
               a.before, a.after, a.ip, a.user_agent, a.request_id
          FROM audit_logs a
         WHERE ${Prisma.join(where, " AND ")}
         ORDER BY a.created_at DESC, a.id DESC
         LIMIT ${limit + 1}
      ) page
      LEFT JOIN memberships m ON m.company_id = ${company} AND m.user_id = page.actor_id
      LEFT JOIN users u ON u.id = m.user_id AND m.active
      LEFT JOIN order_requests o ON page.entity_type = 'order' AND o.company_id = ${company} AND o.id = page.entity_uuid
      LEFT JOIN stocktakes st ON page.entity_type = 'stocktake' AND st.company_id = ${company} AND st.id = page.entity_uuid
      LEFT JOIN products p ON page.entity_type = 'product' AND p.company_id = ${company} AND p.id = page.entity_uuid
      LEFT JOIN locations l ON page.entity_type = 'location' AND l.company_id = ${company} AND l.id = page.entity_uuid
      LEFT JOIN suppliers sp ON page.entity_type = 'supplier' AND sp.company_id = ${company} AND sp.id = page.entity_uuid
      LEFT JOIN customers cu ON page.entity_type = 'customer' AND cu.company_id = ${company} AND cu.id = page.entity_uuid
     ORDER BY page.created_at DESC, page.id DESC`;
}

/** The name recorded with the entry when there is one; else the membership's; else only the stored email. */
function auditActor(row: AuditSqlRow): AuditActor {
  const base = { id: row.actor_id, member: row.member_active };
  if (row.actor_name !== null) return { ...base, name: row.actor_name, email: row.actor_email, as: "recorded" };
  if (row.member_name !== null) {
    return {
      ...base,
      name: row.member_name,
      email: row.member_email,
      as: row.member_active ? "current" : "deactivated",
    };
  }
  return { ...base, name: null, email: row.actor_email, as: "recorded" };
}

function entityLabel(row: AuditSqlRow): string | null {
  if (row.order_number !== null) return formatOrderNumber(row.order_number);
  if (row.stocktake_number !== null) return formatStocktakeNumber(row.stocktake_number);
  if (row.product_name !== null) return `${row.product_name} (${row.product_sku})`;
  return row.location_name ?? row.partner_name;
}

export function toAuditEntry(row: AuditSqlRow): AuditListEntry {
  return {
    id: row.id,
    at: row.created_at,
    actor: auditActor(row),
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    recordedLabel: row.entity_label,
    entityLabel: entityLabel(row),
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
  };
}

/** The page the SQL's rows make: the extra row dropped, and the cursor of the next (older) page if there is one. */
export function toAuditPage(rows: AuditSqlRow[], limit: number): { entries: AuditListEntry[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(toAuditEntry),
    next:
      rows.length > limit && last
        ? encodeTimeCursor(AUDIT_CURSOR, { createdAt: last.created_at.toISOString(), id: last.id })
        : null,
  };
}
