// A company's suppliers or customers, by name regardless of letter case, in keyset pages read along the unique index
// (company_id, name_key) (docs/architecture.md §3 "Lists"): a page is the partners after (or before) the cursor's
// (name_key, id). A search matches the name, the contact or the email; under row-level security ILIKE is a filter on
// the rows the index walk reads (it is not leakproof, docs/architecture.md §4), which a directory of a few thousand
// partners affords. Each row counts the partner's open requests (pending, approved, partly fulfilled) by an
// index-only read of the page's partners' entries in the partial index of their requests (migration
// 20261213060000); staff count only their own requests, as they see only those (§7).
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { keysetPage } from "../list/keyset-page";
import type { PartnerKind } from "./partner-kinds";
import { encodePartnerCursor, partnerListInputSchema } from "./partner-list-params";
import { OPEN_STATUSES_SQL } from "../orders/open-statuses-sql";
import { PARTNER_SQL } from "./partner-record";

export interface PartnerListRow {
  id: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  archived: boolean;
  /** Requests naming the partner that are still pending, approved or partly fulfilled (staff: their own). */
  openRequests: number;
}

export interface PartnerList {
  kind: PartnerKind;
  rows: PartnerListRow[];
  nextCursor: string | null;
  previousCursor: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

export async function listPartners(ctx: TenantContext, input: unknown): Promise<PartnerList> {
  const { kind, q, status, after, before, limit } = parseInput(partnerListInputSchema, input);
  if (!can(ctx.role, "partners.view")) throw AppError.forbidden();
  const { table, link } = PARTNER_SQL[kind];
  const conditions: Prisma.Sql[] = [Prisma.sql`t.company_id = ${ctx.companyId}::uuid`];
  if (status === "active") conditions.push(Prisma.sql`t.archived_at IS NULL`);
  if (status === "archived") conditions.push(Prisma.sql`t.archived_at IS NOT NULL`);
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      Prisma.sql`(t.name ILIKE ${pattern} OR t.contact_name ILIKE ${pattern} OR t.email ILIKE ${pattern})`,
    );
  }
  const cursor = after ?? before;
  if (cursor) {
    const past = before ? Prisma.sql`<` : Prisma.sql`>`;
    conditions.push(Prisma.sql`(t.name_key, t.id) ${past} (${cursor.keys[0]}::text, ${cursor.id}::uuid)`);
  }
  // A page before the cursor is read backwards from it, then shown in the list's order.
  const scan = before ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const mine = can(ctx.role, "requests.viewAll") ? Prisma.empty : Prisma.sql`AND o.requester_id = ${ctx.userId}::uuid`;
  const read = await withTenantTx(
    ctx,
    (tx) =>
      tx.$queryRaw<(Omit<PartnerListRow, "openRequests"> & { nameKey: string; open_requests: number })[]>`
      WITH page AS (
        SELECT t.id, t.name, t.name_key, t.contact_name, t.email, t.phone, t.archived_at IS NOT NULL AS archived
          FROM ${table} t
         WHERE ${Prisma.join(conditions, " AND ")}
         ORDER BY t.name_key ${scan}, t.id ${scan}
         LIMIT ${limit + 1}
      )
      SELECT page.id::text, page.name, page.name_key AS "nameKey", page.contact_name AS "contactName", page.email,
             page.phone, page.archived,
             (SELECT count(*)::int FROM order_requests o
               WHERE o.company_id = ${ctx.companyId}::uuid AND o.${link} = page.id AND o.status IN ${OPEN_STATUSES_SQL}
                     ${mine}) AS open_requests
        FROM page
       ORDER BY page.name_key ${scan}, page.id ${scan}`,
  );
  const page = keysetPage(before ? read.reverse() : read, { limit, after, before }, (row) =>
    encodePartnerCursor(kind, row),
  );
  return {
    kind,
    rows: page.rows.map(({ nameKey: _nameKey, open_requests, ...row }) => ({ ...row, openRequests: open_requests })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
  };
}
