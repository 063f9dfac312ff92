// The movements report's SQL (docs/architecture.md §8 "Reports"): the ledger's movements filtered by product,
// location, reason and whole days in the company's time zone; their totals in and out per unit (units of different
// products never add up: §5 "Units") with counts; the same per product, location or reason in keyset pages by the
// group's name; the movements themselves newest first. In and out are the movements' signs as listed: a transfer's
// two legs are one out and one in (filter by reason to leave them out).
// Not marked server-only: the benchmark runs it outside Next.
import { Prisma } from "../db/generated/client";
import { localDayRangeSql } from "../list/local-day-range";
import type { TextCursor, TimeCursor } from "../list/keyset-cursor";
import type { MovementFilters, MovementGroup } from "./report-params";

export interface MovementsSqlInput {
  companyId: string;
  timeZone: string;
  filters: Omit<MovementFilters, "groupBy">;
}

function conditions({ companyId, timeZone, filters }: MovementsSqlInput): Prisma.Sql {
  const parts = [
    Prisma.sql`m.company_id = ${companyId}::uuid`,
    ...(filters.productId ? [Prisma.sql`m.product_id = ${filters.productId}::uuid`] : []),
    ...(filters.locationId ? [Prisma.sql`m.location_id = ${filters.locationId}::uuid`] : []),
    ...(filters.reason ? [Prisma.sql`m.reason = ${filters.reason}::"MovementReason"`] : []),
    ...localDayRangeSql(Prisma.sql`m.created_at`, { from: filters.from, to: filters.to }, timeZone),
  ];
  return Prisma.join(parts, " AND ");
}

export interface UnitTotalsSqlRow {
  unit: string;
  units_in: string;
  units_out: string;
  movements_in: number;
  movements_out: number;
}

const unitsIn = Prisma.sql`coalesce(sum(m.quantity) FILTER (WHERE m.quantity > 0), 0)`;
const unitsOut = Prisma.sql`coalesce(-sum(m.quantity) FILTER (WHERE m.quantity < 0), 0)`;
const movementsIn = Prisma.sql`count(*) FILTER (WHERE m.quantity > 0)`;
const movementsOut = Prisma.sql`count(*) FILTER (WHERE m.quantity < 0)`;

/**
 * The movements the filters select, summed per `groupId` (an expression over the ledger row `m`, or none) and product:
 * an index-only scan of stock_movements_report_idx for the period, one row per product (and group) out.
 */
function perProduct(input: MovementsSqlInput, groupId: Prisma.Sql | null): Prisma.Sql {
  return Prisma.sql`
    SELECT ${groupId ?? Prisma.sql`NULL::text`} AS group_id, m.product_id,
           ${unitsIn} AS units_in, ${unitsOut} AS units_out,
           ${movementsIn} AS movements_in, ${movementsOut} AS movements_out
      FROM stock_movements m
     WHERE ${conditions(input)}
     GROUP BY 1, 2`;
}

/**
 * The unit of the product `productId` (a column of the rows it is joined to), read by key: a LATERAL with LIMIT is
 * never flattened into a join, so the planner probes products_report_idx once per product that moved instead of
 * hashing the whole catalogue.
 */
const unitOf = (companyId: string, productId: Prisma.Sql) => Prisma.sql`
  CROSS JOIN LATERAL (SELECT p.unit FROM products p
                       WHERE p.company_id = ${companyId}::uuid AND p.id = ${productId} LIMIT 1) u`;

/** Units in and out per unit, and how many movements, over everything the filters select. */
export function movementTotalsSql(input: MovementsSqlInput): Prisma.Sql {
  return Prisma.sql`
    SELECT u.unit, sum(x.units_in)::text AS units_in, sum(x.units_out)::text AS units_out,
           sum(x.movements_in)::int AS movements_in, sum(x.movements_out)::int AS movements_out
      FROM (${perProduct(input, null)}) x
      ${unitOf(input.companyId, Prisma.sql`x.product_id`)}
     GROUP BY u.unit
     ORDER BY u.unit`;
}

export interface MovementSqlRow {
  id: string;
  created_at: Date;
  product_id: string;
  product_name: string;
  sku: string;
  unit: string;
  location_id: string;
  location_name: string;
  reason: string;
  quantity: number;
  balance_after: number;
  note: string | null;
}

/** A page of movements, newest first, after the cursor. */
export function movementRowsSql(input: MovementsSqlInput, after: TimeCursor | undefined, limit: number): Prisma.Sql {
  const cursor = after
    ? Prisma.sql`AND (m.created_at, m.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT m.id::text, m.created_at, m.product_id::text, p.name AS product_name, p.sku, p.unit,
           m.location_id::text, l.name AS location_name, m.reason::text AS reason, m.quantity, m.balance_after, m.note
      FROM stock_movements m
      JOIN products p ON p.company_id = m.company_id AND p.id = m.product_id
      JOIN locations l ON l.company_id = m.company_id AND l.id = m.location_id
     WHERE ${conditions(input)} ${cursor}
     ORDER BY m.created_at DESC, m.id DESC
     LIMIT ${limit}`;
}

export interface MovementGroupSqlRow {
  group_id: string;
  label: string;
  detail: string | null;
  units: { unit: string; units_in: number; units_out: number }[];
  movements_in: number;
  movements_out: number;
}

/**
 * A page of groups by name (keyset on name, id), each with its units in and out per unit and its counts. The
 * movements are summed per group and product first (perProduct above); a product group then reads each product's name,
 * SKU and unit by key and sorts the products that moved by name; a location or reason group reads the units of the
 * products that moved by key and adds them up per group and unit (a handful of groups).
 */
export function movementGroupsSql(
  input: MovementsSqlInput,
  group: MovementGroup,
  after: TextCursor | undefined,
  limit: number,
): Prisma.Sql {
  const { companyId } = input;
  if (group === "product") {
    const cursor = after ? Prisma.sql`WHERE (p.name, p.id) > (${after.keys[0]!}, ${after.id}::uuid)` : Prisma.empty;
    return Prisma.sql`
      SELECT x.product_id::text AS group_id, p.name AS label, p.sku AS detail,
             json_build_array(json_build_object('unit', p.unit, 'units_in', x.units_in, 'units_out', x.units_out))
               AS units,
             x.movements_in::int AS movements_in, x.movements_out::int AS movements_out
        FROM (${perProduct(input, null)}) x
       CROSS JOIN LATERAL (SELECT p.id, p.name, p.sku, p.unit FROM products p
                            WHERE p.company_id = ${companyId}::uuid AND p.id = x.product_id LIMIT 1) p
       ${cursor}
       ORDER BY p.name, p.id
       LIMIT ${limit}`;
  }
  const groupId = group === "location" ? Prisma.sql`m.location_id::text` : Prisma.sql`m.reason::text`;
  const label =
    group === "location"
      ? Prisma.sql`(SELECT l.name FROM locations l WHERE l.company_id = ${companyId}::uuid AND l.id = g.group_id::uuid)`
      : Prisma.sql`g.group_id`;
  const cursor = after ? Prisma.sql`WHERE (g.label, g.group_id) > (${after.keys[0]!}, ${after.id})` : Prisma.empty;
  return Prisma.sql`
    WITH per_product AS MATERIALIZED (${perProduct(input, groupId)}),
    units AS (
      SELECT d.product_id, u.unit FROM (SELECT DISTINCT product_id FROM per_product) d
      ${unitOf(companyId, Prisma.sql`d.product_id`)}),
    per_unit AS (
      SELECT x.group_id, n.unit, sum(x.units_in) AS units_in, sum(x.units_out) AS units_out,
             sum(x.movements_in) AS movements_in, sum(x.movements_out) AS movements_out
        FROM per_product x JOIN units n ON n.product_id = x.product_id
       GROUP BY 1, 2),
    g AS (
      SELECT group_id, NULL::text AS detail,
             json_agg(json_build_object('unit', unit, 'units_in', units_in, 'units_out', units_out) ORDER BY unit) AS units,
             sum(movements_in)::int AS movements_in, sum(movements_out)::int AS movements_out
        FROM per_unit GROUP BY group_id)
    SELECT g.group_id, g.label, g.detail, g.units, g.movements_in, g.movements_out
      FROM (SELECT g.*, ${label} AS label FROM g) g
     ${cursor}
     ORDER BY g.label, g.group_id
     LIMIT ${limit}`;
}
