// The platform's list of companies: one page of 50, searchable by name or slug, filterable by status, each with
// its counts of people (active memberships) and products (not archived). The counts are correlated subqueries
// over the page's rows only, each an index lookup on (company_id, …): no query per company and no scan of every
// tenant's products. Counts only: platform administrators never see a tenant's inventory. A registration reaches the
// platform once its admin has confirmed their address (lib/accounts/email-confirmation.ts): until then a pending
// company is listed as waiting for that, and is not counted as waiting for approval. Newest first, in keyset pages
// (docs/architecture.md §3 "Lists"): a page is the companies after (or before) the cursor's (created_at, id), read
// along the index on (created_at, id).
import "server-only";
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { systemPrisma } from "../db/system";
import { parseInput } from "../errors";
import { searchTextSchema } from "../fields";
import { decodeTimeCursor, encodeTimeCursor } from "../list/keyset-cursor";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import type { CompanyStatus } from "./company-status-changes";
import { requirePlatformAdmin, type PlatformContext } from "./require-platform-admin";

export const COMPANIES_PAGE_SIZE = 50;

const COMPANIES_CURSOR = "companies";

/** A companies cursor from a URL or a caller, or null for one this list did not make. */
export const decodeCompanyCursor = (text: string) => decodeTimeCursor(COMPANIES_CURSOR, text);

export const listSchema = z
  .object({
    query: searchTextSchema,
    status: z.enum(["PENDING", "ACTIVE", "SUSPENDED"]).optional(),
    ...cursorTextShape,
    limit: z.number().int().min(1).max(100).default(COMPANIES_PAGE_SIZE),
  })
  .strict()
  .transform(decodeCursors(decodeCompanyCursor));

export interface CompanySummary {
  id: string;
  name: string;
  slug: string;
  status: CompanyStatus;
  createdAt: Date;
  userCount: number;
  productCount: number;
  /** Whether an active admin of the company has confirmed their email address. */
  adminConfirmed: boolean;
}

export interface CompanyList {
  companies: CompanySummary[];
  /** Companies matching the search and filter, on any page. */
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
  /** Companies waiting for approval (their admin has confirmed), whatever the filter. */
  pendingCount: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

export async function listCompanies(ctx: PlatformContext, input: unknown): Promise<CompanyList> {
  const { query, status, after, before, limit } = parseInput(listSchema, input);
  const db = systemPrisma();
  await requirePlatformAdmin(db, ctx);

  const conditions: Prisma.Sql[] = [];
  if (query) {
    const pattern = `%${escapeLike(query)}%`;
    conditions.push(Prisma.sql`(c.name ILIKE ${pattern} OR c.slug ILIKE ${pattern})`);
  }
  if (status) conditions.push(Prisma.sql`c.status = ${status}::"CompanyStatus"`);
  const matches = conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
  // Newest first; a page before the cursor is read backwards (oldest first) from it, then shown newest first.
  const cursor = after ?? before;
  const scan = before ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const onPage = cursor
    ? Prisma.sql`${matches} AND (c.created_at, c.id) ${before ? Prisma.sql`>` : Prisma.sql`<`} (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : matches;
  const adminConfirmed = (company: Prisma.Sql) => Prisma.sql`EXISTS (
    SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.company_id = ${company} AND m.role = 'ADMIN' AND m.active AND u.email_verified_at IS NOT NULL)`;

  const [[totals], read] = await Promise.all([
    db.$queryRaw<{ total: number; pending: number }[]>`
      SELECT count(*) FILTER (WHERE ${matches})::int AS total,
             count(*) FILTER (WHERE c.status = 'PENDING' AND ${adminConfirmed(Prisma.sql`c.id`)})::int AS pending
        FROM companies c`,
    db.$queryRaw<CompanySummary[]>`
      WITH page AS (
        SELECT c.id, c.name, c.slug, c.status::text AS status, c.created_at
          FROM companies c
         WHERE ${onPage}
         ORDER BY c.created_at ${scan}, c.id ${scan}
         LIMIT ${limit + 1}
      )
      SELECT page.id, page.name, page.slug, page.status, page.created_at AS "createdAt",
             (SELECT count(*)::int FROM memberships m WHERE m.company_id = page.id AND m.active) AS "userCount",
             (SELECT count(*)::int FROM products p WHERE p.company_id = page.id AND NOT p.archived) AS "productCount",
             ${adminConfirmed(Prisma.sql`page.id`)} AS "adminConfirmed"
        FROM page
       ORDER BY page.created_at DESC, page.id DESC`,
  ]);
  const page = keysetPage(read, { limit, after, before }, (row) =>
    encodeTimeCursor(COMPANIES_CURSOR, { createdAt: row.createdAt.toISOString(), id: row.id }),
  );
  return {
    companies: page.rows,
    total: totals?.total ?? 0,
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    pendingCount: totals?.pending ?? 0,
  };
}
