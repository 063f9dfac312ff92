// The one product search condition, used wherever a person finds products by typing (the product list, the request
// form's product search, the adjust and transfer pickers, the stocktake list): a substring of the name, the SKU or the
// barcode, in any letter case, with LIKE's wildcards in what was typed matched literally. The rule is LIKE on the
// lower-cased search text (the exact expression of the trigram index products_search_trgm_idx, migration
// 20261124070000_product_search) with a lower-cased, escaped pattern.
//
// Under row-level security the planner may not use that index for the app role (LIKE, lower(), || and coalesce() are
// not leakproof, so they cannot run in an index scan before the policy): a rare term would read every product of the
// company. So when the typed text has a run of at least three letters or digits, from which pg_trgm extracts a
// trigram, the ids come from search_product_ids(pattern) (migration 20261209010000_product_search_function): the same
// match, run with the index by a role that bypasses row-level security and restricted to the transaction's own company
// by the function itself; the rows are still read through row-level security. The ids come as an array
// (`p.id = ANY(ARRAY(SELECT …))`, not `p.id IN (SELECT …)`): the request form ORs the search with exact SKU and
// barcode matches, and only an array comparison can join those in one bitmap of index scans; an IN under OR is a
// filter over every product of the company. Shorter text has no trigram to look up in the index anyway: it keeps the
// plain condition, which matches many rows, so an index-ordered walk (the list by name) stops after a page.
// docs/architecture.md §4; timings in bench/README.md, "Product list".
//
// For a query that names the products table `p`. Not marked server-only: bench/products-list.ts runs the product
// list's SQL from plain Node.
import { Prisma } from "../db/generated/client";

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

/** Products `p` whose name, SKU or barcode contains `search`. */
export function productSearchCondition(search: string): Prisma.Sql {
  return hasTrigram(search)
    ? Prisma.sql`p.id = ANY(ARRAY(SELECT search_product_ids(${containsPattern(search)})))`
    : productTextCondition(search);
}
