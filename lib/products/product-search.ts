// The one product search condition, used wherever a person finds products by typing (the product list, the request
// form's product search, the adjust and transfer pickers, the stocktake list): a substring of the name, the SKU or the
// barcode, in any letter case, with LIKE's wildcards in what was typed matched literally. The rule is LIKE on the
// lower-cased search text (the exact expression of the trigram index products_search_trgm_idx, migration
// 20261124070000_product_search) with a lower-cased, escaped pattern.
//
// Under row-level security the planner may not use that index for the app role (LIKE, lower(), || and coalesce() are
// not leakproof, so they cannot run in an index scan before the policy): a rare term would read every product of the
// company. So when the typed text has a run of at least three letters or digits, from which pg_trgm extracts a
// trigram, one statement first asks search_product_ids(pattern, max_rows) (migration
// 20261209010000_product_search_function) for the matching ids: the same match, run with the index by a role that
// bypasses row-level security and restricted to the transaction's own company by the function itself. It runs in the
// caller's tenant transaction (the function reads app.company_id, set by withTenantTx), one statement before the
// caller's query on the same connection. At most PRODUCT_SEARCH_ID_LIMIT ids become the condition, as a constant
// array; the rows are still read through row-level security. The ids come as an array (`p.id = ANY(ids)`, not
// `p.id IN (SELECT …)`): the request form ORs the search with exact SKU and barcode matches, and only an array
// comparison can join those in one bitmap of index scans; an IN under OR is a filter over every product of the
// company. More matches than that, and the term is common: the plain condition (worded so that the planner takes it
// for common, productCommonTextCondition), which an index walk in the caller's order meets often enough to stop after
// a page — unless its matches sort together far down that order: for the list in name order, firstProductsByName
// asks search_product_ids_by_name for the first matches from the cursor. Shorter text has no trigram to look up in the
// index anyway: it keeps the plain condition.
// docs/architecture.md §4; timings in bench/README.md, "Product list".
//
// For a query that names the products table `p`. Not marked server-only: bench/products-list.ts runs the product
// list's SQL from plain Node.
import { Prisma } from "../db/generated/client";

/**
 * The most ids taken from search_product_ids as the condition. Up to it, the constant id array costs the query one
 * index lookup per id — a few for the rare terms people mostly type (a name, a SKU, a barcode), a few milliseconds at
 * the limit. Beyond it the term is common — at least 1% of a 100k catalogue, far more of a smaller one — and walking
 * an index in the list's order with the plain LIKE filter finds a page after reading about (page × 100) rows, while
 * the ids would cost a lookup and a place in the sort each (a term that 80,000 products hold took 480 ms that way:
 * bench/README.md, "Product list"). The function is asked for one more than the limit and stops there, so a common
 * term costs the probe its index read and that many rechecks, not one recheck per match.
 */
export const PRODUCT_SEARCH_ID_LIMIT = 1000;

/** What productSearchCondition needs of the caller's tenant transaction (withTenantTx's `tx`): one raw query. */
export interface SearchTransaction {
  $queryRaw<T = unknown>(query: Prisma.Sql): PromiseLike<T>;
}

/** The text the trigram index holds for a product row `p` (must stay identical to the index expression). */
const SEARCH_TEXT = Prisma.sql`lower(p.name || ' ' || p.sku || ' ' || coalesce(p.barcode, ''))`;

/** `%text%` for LIKE on the lower-cased search text, with LIKE's pattern characters in `search` taken literally. */
export function containsPattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether pg_trgm can extract a trigram from the typed text: a run of three letters or digits. */
export function hasTrigram(search: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(search);
}

/**
 * The match itself, as a plain condition on `p`: what search_product_ids runs with the index, and the condition for
 * text without a trigram. Under row-level security it reads the rows an index walk brings, or all of the company's.
 */
export function productTextCondition(search: string): Prisma.Sql {
  return Prisma.sql`${SEARCH_TEXT} LIKE ${containsPattern(search)}`;
}

/**
 * The plain condition for a term known to be common (more matches than PRODUCT_SEARCH_ID_LIMIT), worded so that the
 * planner believes it. Under row-level security the planner may not use the statistics of the trigram index's
 * expression with LIKE (not leakproof), so it guesses from the pattern alone, and the longer the text the rarer it
 * guesses: "400638", held by 80,000 of 100,000 products, it took for 18 rows, and so read and sorted every product
 * of the company (170 ms) rather than walk the name index and stop after a page (bench/README.md, "Product list").
 * The same LIKE as the only branch of a CASE is a boolean expression the planner has no estimate for: it takes half
 * of the rows, which is nearer the truth for a common term, and walks an index in the list's order.
 */
export function productCommonTextCondition(search: string): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${productTextCondition(search)} THEN true ELSE false END`;
}

/**
 * Products `p` whose name, SKU or barcode contains `search`, for a query run next in the same transaction `tx` (the
 * ids it may hold are that transaction's company's). `idLimit` is for tests, to take either way with a few products.
 */
export async function productSearchCondition(
  tx: SearchTransaction,
  search: string,
  idLimit: number = PRODUCT_SEARCH_ID_LIMIT,
): Promise<Prisma.Sql> {
  return (await resolveProductSearch(tx, search, idLimit)).condition;
}

/** productSearchCondition's condition, and whether the term is common (more matches than `idLimit`). */
export async function resolveProductSearch(
  tx: SearchTransaction,
  search: string,
  idLimit: number = PRODUCT_SEARCH_ID_LIMIT,
): Promise<{ condition: Prisma.Sql; common: boolean }> {
  if (!hasTrigram(search)) return { condition: productTextCondition(search), common: false };
  // Past the limit only the fact comes back (null), not a thousand ids for this process to parse and drop.
  const [found] = await tx.$queryRaw<{ ids: string[] | null }[]>(
    Prisma.sql`SELECT CASE WHEN cardinality(s.ids) > ${idLimit}::int THEN NULL ELSE s.ids END AS ids
                 FROM (SELECT ARRAY(SELECT id::text FROM search_product_ids(${containsPattern(search)},
                                                                           ${idLimit + 1}::int) id) AS ids) s`,
  );
  const ids = found?.ids;
  return ids
    ? { condition: idsCondition(ids), common: false }
    : { condition: productCommonTextCondition(search), common: true };
}

function idsCondition(ids: string[]): Prisma.Sql {
  return Prisma.sql`p.id = ANY(${ids}::uuid[])`;
}

/**
 * How many products search_product_ids_by_name tests in name order before it turns to the trigram index: enough to
 * find a page of a term that one product in a few dozen holds (and it stops as soon as it has them); a term rarer
 * than that, or bunched further down the order, costs the index read of its matches instead.
 */
export const PRODUCT_NAME_WALK_ROWS = 4000;

/** Where a list in name order continues: after (or, `descending`, before) this name and id; from the start without. */
export interface NameOrderPosition {
  descending: boolean;
  after?: { name: string; id: string };
}

/**
 * For a common term on a list in name order (migration 20261211030000_product_search_by_name): the first `count`
 * products from `position` whose name, SKU or barcode contains `search`, as a condition on `p`, and whether they are
 * all the matches from there (`exhausted`). A walk of the name index under row-level security tests every product it
 * passes, and a common term's matches may sort together far down the order; search_product_ids_by_name finds them with
 * the index where it has to. Run in the caller's tenant transaction, like productSearchCondition.
 */
export async function firstProductsByName(
  tx: SearchTransaction,
  search: string,
  position: NameOrderPosition,
  count: number,
  walkRows: number = PRODUCT_NAME_WALK_ROWS,
): Promise<{ condition: Prisma.Sql; exhausted: boolean }> {
  const [found] = await tx.$queryRaw<{ ids: string[] }[]>(
    Prisma.sql`SELECT ARRAY(SELECT id::text FROM search_product_ids_by_name(${containsPattern(search)},
      ${position.descending}, ${position.after?.name ?? null}::text, ${position.after?.id ?? null}::uuid,
      ${count}::int, ${walkRows}::int) id) AS ids`,
  );
  const ids = found?.ids ?? [];
  return { condition: idsCondition(ids), exhausted: ids.length < count };
}
