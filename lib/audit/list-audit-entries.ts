// The audit log viewer (docs/architecture.md §7: admins only; §8: who the entries name): the company's entries
// newest first, 50 to a page, filtered by who acted, the action, the entity and a day range in the company's time
// zone; with the choices the filter form offers (a deactivated member by the name they had then). Another company's entries are never seen: the query names the caller's company and row-level security
// holds it too, so another company's entity or person id simply matches nothing.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { auditListInputSchema } from "./audit-list-params";
import { memberAsKnown } from "../users/member-summary";
import { auditEntriesSql, toAuditPage, UUID_PATTERN, type AuditListEntry, type AuditSqlRow } from "./audit-list-query";

export type { AuditListEntry } from "./audit-list-query";

export interface AuditActorOption {
  id: string;
  name: string;
  /** False for a deactivated membership: still offered, their entries stay in the log. */
  active: boolean;
}

export interface AuditList {
  entries: AuditListEntry[];
  /** The cursor of the next (older) page, when there is one. */
  nextCursor: string | null;
  timeZone: string;
  /**
   * Today's names of the locations the page's entries name by id in their data (a stock adjustment's location): the
   * sentences use them for entries that recorded no name (lib/audit/describe-audit-entry.ts), marked as today's.
   */
  locationNames: Record<string, string>;
  /** What the filter form offers: the company's members, and the actions and entity types its log holds. */
  options: { actors: AuditActorOption[]; actions: string[]; entityTypes: string[] };
}

export const AUDIT_FORBIDDEN_MESSAGE = "Only admins can see the audit log.";

/**
 * The distinct values of an indexed column, by a loose index scan: each step jumps to the next value above the last
 * one in the (company_id, column, …) index, so the cost grows with the number of distinct values (dozens), not
 * with the number of entries (millions). `column` is one of ours, never input.
 */
async function distinctValues(tx: TenantTx, companyId: string, column: "action" | "entity_type"): Promise<string[]> {
  const name = Prisma.raw(column);
  const rows = await tx.$queryRaw<{ value: string }[]>`
    WITH RECURSIVE found(value) AS (
      (SELECT ${name}::text FROM audit_logs WHERE company_id = ${companyId}::uuid ORDER BY ${name} LIMIT 1)
      UNION ALL
      SELECT (SELECT a.${name}::text FROM audit_logs a
               WHERE a.company_id = ${companyId}::uuid AND a.${name} > found.value
               ORDER BY a.${name} LIMIT 1)
        FROM found
       WHERE found.value IS NOT NULL
    )
    SELECT value FROM found WHERE value IS NOT NULL`;
  return rows.map((row) => row.value);
}

const UUID = new RegExp(UUID_PATTERN);
const LOCATION_KEYS = ["locationId", "fromLocationId", "toLocationId", "defaultLocationId"] as const;

/**
 * The location ids an entry's data names — its own keys, its opening stock's and its movements' — for looking up
 * their names (the keys lib/audit/describe-audit-entry.ts reads).
 */
function referencedLocationIds(entries: Pick<AuditListEntry, "before" | "after">[]): string[] {
  const ids = new Set<string>();
  const collect = (value: unknown) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    for (const key of LOCATION_KEYS) {
      const id = record[key];
      if (typeof id === "string" && UUID.test(id)) ids.add(id);
    }
    collect(record.opening);
    if (Array.isArray(record.movements)) record.movements.forEach(collect);
  };
  for (const entry of entries) {
    collect(entry.before);
    collect(entry.after);
  }
  return [...ids];
}

/** Today's names of the locations the entries' data name by id (AuditList.locationNames). */
export async function auditLocationNames(
  tx: TenantTx,
  entries: Pick<AuditListEntry, "before" | "after">[],
): Promise<Record<string, string>> {
  const ids = referencedLocationIds(entries);
  if (ids.length === 0) return {};
  const locations = await tx.location.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return Object.fromEntries(locations.map((location) => [location.id, location.name]));
}

export async function listAuditEntries(ctx: TenantContext, input: unknown): Promise<AuditList> {
  const { after, limit, ...filters } = parseInput(auditListInputSchema, input);
  if (!can(ctx.role, "audit.view")) throw AppError.forbidden(AUDIT_FORBIDDEN_MESSAGE);
  return withTenantTx(ctx, async (tx) => {
    const company = await tx.company.findFirst({ select: { timeZone: true } });
    if (!company) throw AppError.notFound("Your company");
    const rows = await tx.$queryRaw<AuditSqlRow[]>(
      auditEntriesSql(ctx.companyId, filters, company.timeZone, after, limit),
    );
    const page = toAuditPage(rows, limit);
    const locationNames = await auditLocationNames(tx, page.entries);
    const members = await tx.membership.findMany({
      where: {},
      select: {
        active: true,
        deactivatedName: true,
        deactivatedEmail: true,
        user: { select: { id: true, name: true, email: true } },
      },
    });
    return {
      entries: page.entries,
      nextCursor: page.next,
      timeZone: company.timeZone,
      locationNames,
      options: {
        actors: members
          .map((member) => ({ id: member.user.id, ...memberAsKnown(member), active: member.active }))
          .sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email))
          .map(({ id, name, email, active }) => ({ id, name: name || email, active })),
        actions: await distinctValues(tx, ctx.companyId, "action"),
        entityTypes: await distinctValues(tx, ctx.companyId, "entity_type"),
      },
    };
  });
}
