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

/** Units in and out per unit, and how many movements, over everything the filters select. */
export function movementTotalsSql(input: MovementsSqlInput): Prisma.Sql {
  return Prisma.sql`
    SELECT p.unit, sum(x.units_in)::text AS units_in, sum(x.units_out)::text AS units_out,
           sum(x.movements_in)::int AS movements_in, sum(x.movements_out)::int AS movements_out
      FROM (SELECT m.product_id,
                   coalesce(sum(m.quantity) FILTER (WHERE m.quantity > 0), 0) AS units_in,
                   coalesce(-sum(m.quantity) FILTER (WHERE m.quantity < 0), 0) AS units_out,
                   count(*) FILTER (WHERE m.quantity > 0) AS movements_in,
                   count(*) FILTER (WHERE m.quantity < 0) AS movements_out
              FROM stock_movements m
             WHERE ${conditions(input)}
             GROUP BY m.product_id) x
      JOIN products p ON p.company_id = ${input.companyId}::uuid AND p.id = x.product_id
     GROUP BY p.unit
     ORDER BY p.unit`;
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

/** The groups' columns: the id grouped by, its name (the page's order) and a detail (a product's SKU). */
function groupColumns(group: MovementGroup, companyId: string) {
  switch (group) {
    case "product":
      return {
        id: Prisma.sql`m.product_id::text`,
        join: Prisma.sql`JOIN products gp ON gp.company_id = ${companyId}::uuid AND gp.id = g.group_id::uuid`,
        label: Prisma.sql`gp.name`,
        detail: Prisma.sql`gp.sku`,
      };
    case "location":
      return {
        id: Prisma.sql`m.location_id::text`,
        join: Prisma.sql`JOIN locations gl ON gl.company_id = ${companyId}::uuid AND gl.id = g.group_id::uuid`,
        label: Prisma.sql`gl.name`,
        detail: Prisma.sql`NULL::text`,
      };
    case "reason":
      return {
        id: Prisma.sql`m.reason::text`,
        join: Prisma.empty,
        label: Prisma.sql`g.group_id`,
        detail: Prisma.sql`NULL::text`,
      };
  }
}

/** A page of groups by name (keyset on name, id), each with its units in and out per unit and its counts. */
export function movementGroupsSql(
  input: MovementsSqlInput,
  group: MovementGroup,
  after: TextCursor | undefined,
  limit: number,
): Prisma.Sql {
  const columns = groupColumns(group, input.companyId);
  const cursor = after
    ? Prisma.sql`WHERE (${columns.label}, g.group_id) > (${after.keys[0]!}, ${after.id})`
    : Prisma.empty;
  return Prisma.sql`
    WITH per_unit AS (
      SELECT ${columns.id} AS group_id, p.unit,
             coalesce(sum(m.quantity) FILTER (WHERE m.quantity > 0), 0) AS units_in,
             coalesce(-sum(m.quantity) FILTER (WHERE m.quantity < 0), 0) AS units_out,
             count(*) FILTER (WHERE m.quantity > 0) AS movements_in,
             count(*) FILTER (WHERE m.quantity < 0) AS movements_out
        FROM stock_movements m
        JOIN products p ON p.company_id = m.company_id AND p.id = m.product_id
       WHERE ${conditions(input)}
       GROUP BY 1, 2),
    g AS (
      SELECT group_id,
             json_agg(json_build_object('unit', unit, 'units_in', units_in, 'units_out', units_out) ORDER BY unit) AS units,
             sum(movements_in)::int AS movements_in, sum(movements_out)::int AS movements_out
        FROM per_unit GROUP BY group_id)
    SELECT g.group_id, ${columns.label} AS label, ${columns.detail} AS detail, g.units, g.movements_in, g.movements_out
      FROM g ${columns.join}
     ${cursor}
     ORDER BY ${columns.label}, g.group_id
     LIMIT ${limit}`;
}
