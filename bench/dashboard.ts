// Dashboard benchmark: is the dashboard at 1M movements much slower than at 10k? On a scratch database (roles,
// migrations, row-level security) it loads three companies with the same 100k-product catalogue, stock and 20k
// requests, and three ledgers:
//   * "10k"            — 10,000 movements over the last year;
//   * "1M, long"       — the same last year plus 990,000 movements over the nine years before it (a long history);
//   * "1M, busy"       — 1,000,000 movements over the last year (a company a hundred times busier);
// rolls them up (rebuildStockMovementDays, as the demo seed does) and times every dashboard query — the SQL of
// lib/dashboard/dashboard-queries.ts, and getDashboard itself — as the app role through withTenantTx, so row-level
// security applies as in the app. The companies are measured in turns, run after run, so that whatever else the
// machine does weighs on the three alike. Beside them, the same figures computed straight from the ledger and the
// chart from the per-product day rows (what each rollup saves). Then the reports' first pages (lib/reports: the stock
// valuation and its total on a past day, the movements report, the slow movers), the same way. Drops the database at
// the end.
//
//   npx tsx bench/dashboard.ts postgresql://postgres@127.0.0.1:5432/postgres [--products 100000] [--runs 15] [--plans]
//                              [--quick] [--keep] [--only <label prefix,...>] [--company <label prefix>]
//
// --quick loads a hundredth of the movements (to try the script out); --keep leaves the database for a look at the
// plans by hand. Record the numbers in bench/README.md ("## Dashboard").
import { register } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { dropDatabase, urlFor } from "../lib/db/roles";
import { provisionBenchDatabase } from "./provision";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const serverUrl =
  args.find((a) => /^postgres(ql)?:\/\//.test(a)) ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const PRODUCTS = option("products", 100_000);
const RUNS = option("runs", 15);
const SHOW_PLANS = args.includes("--plans");
const KEEP = args.includes("--keep");
/** --only report,getValuation: time only the cases whose label starts with one of these (the data is built whole). */
const ONLY = args.includes("--only") ? args[args.indexOf("--only") + 1]!.split(",") : null;
/** --company "1M, busy": load and time only the companies whose label starts with this. */
const COMPANY_PREFIX = args.includes("--company") ? args[args.indexOf("--company") + 1]! : null;
const SCALE = args.includes("--quick") ? 0.01 : 1;
/** 80% of movements fall on this many busy products, the rest anywhere in the catalogue. */
const BUSY = 2_000;
const REQUESTS = 20_000;
const TIME_ZONE = "Europe/London";

const MANAGER = "00000000-0000-7000-8000-00000000d0a1";
const STAFF = "00000000-0000-7000-8000-00000000d0a2";

interface LedgerPart {
  movements: number;
  fromDaysAgo: number;
  toDaysAgo: number;
}

interface BenchCompany {
  id: string;
  label: string;
  ledger: LedgerPart[];
}

const scaled = (n: number) => Math.round(n * SCALE);
const COMPANIES: BenchCompany[] = (
  [
    {
      id: "00000000-0000-7000-8000-00000000d001",
      label: "10k",
      ledger: [{ movements: scaled(10_000), fromDaysAgo: 0, toDaysAgo: 365 }],
    },
    {
      id: "00000000-0000-7000-8000-00000000d002",
      label: "1M, long history",
      ledger: [
        { movements: scaled(10_000), fromDaysAgo: 0, toDaysAgo: 365 },
        { movements: scaled(990_000), fromDaysAgo: 365, toDaysAgo: 3_650 },
      ],
    },
    {
      id: "00000000-0000-7000-8000-00000000d003",
      label: "1M, busy year",
      ledger: [{ movements: scaled(1_000_000), fromDaysAgo: 0, toDaysAgo: 365 }],
    },
  ] satisfies BenchCompany[]
)
  .filter((company) => !COMPANY_PREFIX || company.label.startsWith(COMPANY_PREFIX))
  .map((company) => (SCALE === 1 ? company : { ...company, label: `${company.label} (÷${1 / SCALE})` }));

const database = `stockflow_bench_dashboard_${process.pid}_${Date.now().toString(36)}`;

// The lib modules mark themselves server-only; outside Next that marker must resolve to nothing (as in vitest).
const serverOnlyHook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);

const say = (line: string) => console.error(`[bench] ${line}`);
const count = (n: number) => n.toLocaleString("en-US");

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The people (a manager, and a staff member who raised a third of the requests) and helper tables. */
function peopleSql(): string {
  return `
    INSERT INTO users (id, email, name, password_hash, updated_at) VALUES
      ('${MANAGER}', 'manager@bench.example', 'Bench Manager', 'x', now()),
      ('${STAFF}', 'staff@bench.example', 'Bench Staff', 'x', now());
    -- Products and locations by number, for picking them by a hash.
    CREATE TABLE bench_catalogue (company_id uuid, n int, id uuid, PRIMARY KEY (company_id, n));
    CREATE TABLE bench_locations (company_id uuid, n int, id uuid, PRIMARY KEY (company_id, n));`;
}

/** One company: five locations, the catalogue, stock on one or two locations per product, 20k requests. */
function companySql(company: BenchCompany, slug: string): string {
  const id = `'${company.id}'::uuid`;
  return `
    INSERT INTO companies (id, name, slug, time_zone, rollup_time_zone, currency, updated_at)
      VALUES (${id}, 'Bench ${company.label}', '${slug}', '${TIME_ZONE}', '${TIME_ZONE}', 'GBP', now());
    INSERT INTO memberships (id, company_id, user_id, role, updated_at) VALUES
      (gen_random_uuid(), ${id}, '${MANAGER}', 'MANAGER', now()), (gen_random_uuid(), ${id}, '${STAFF}', 'STAFF', now());
    INSERT INTO locations (id, company_id, name, is_default, updated_at)
      SELECT gen_random_uuid(), ${id}, 'Location ' || g, g = 1, now() FROM generate_series(1, 5) g;
    INSERT INTO products (id, company_id, sku, name, category, cost_price, sale_price, reorder_point, archived,
                          archived_at, updated_at)
    SELECT gen_random_uuid(), ${id}, 'SKU-' || lpad(g::text, 6, '0'), 'Product ' || g, 'Category ' || (g % 40),
           (g % 5000) / 100.0, (g % 5000) / 70.0, CASE WHEN g % 10 < 3 THEN 0 ELSE 5 + g % 30 END,
           g % 20 = 0, CASE WHEN g % 20 = 0 THEN now() END, now()
      FROM generate_series(1, ${PRODUCTS}) g;
    INSERT INTO stock_levels (id, company_id, product_id, location_id, on_hand, reserved, updated_at)
    SELECT gen_random_uuid(), p.company_id, p.id, l.id,
           CASE WHEN abs(hashtext(p.sku || l.name)) % 25 = 0 THEN abs(hashtext(p.sku)) % 6 ELSE 40 + abs(hashtext(p.sku || l.name)) % 200 END,
           0, now()
      FROM products p
      JOIN locations l ON l.company_id = p.company_id
     WHERE p.company_id = ${id}
       AND (l.name = 'Location ' || (1 + abs(hashtext(p.sku)) % 5)
            OR (abs(hashtext(p.sku)) % 3 = 0 AND l.name = 'Location ' || (1 + (abs(hashtext(p.sku)) + 1) % 5)));
    -- One stock row in 2,000 short for approved orders (a stocktake counted fewer than they reserve).
    UPDATE stock_levels SET reserved = on_hand + 1 + abs(hashtext(id::text)) % 5
     WHERE company_id = ${id} AND abs(hashtext(product_id::text || location_id::text)) % 2000 = 0;
    INSERT INTO bench_catalogue SELECT company_id, row_number() OVER (ORDER BY sku)::int, id FROM products WHERE company_id = ${id};
    INSERT INTO bench_locations SELECT company_id, row_number() OVER (ORDER BY name)::int, id FROM locations WHERE company_id = ${id};

    -- Requests over the last year: most closed, a few hundred pending; a third raised by the staff member.
    INSERT INTO order_request_counters (company_id, last_number) VALUES (${id}, ${REQUESTS});
    INSERT INTO order_requests (id, company_id, number, type, status, location_id, requester_id, client_request_id,
                                payload_hash, created_at, updated_at)
    SELECT gen_random_uuid(), ${id}, g, CASE WHEN g % 2 = 0 THEN 'RESTOCK' ELSE 'CUSTOMER_ORDER' END::"OrderType",
           (CASE WHEN g > ${REQUESTS} - 300 THEN 'PENDING' WHEN g > ${REQUESTS} - 500 THEN 'APPROVED'
                 ELSE (ARRAY['FULFILLED', 'FULFILLED', 'FULFILLED', 'REJECTED', 'CANCELLED'])[1 + g % 5] END)::"OrderStatus",
           (SELECT id FROM bench_locations WHERE company_id = ${id} AND n = 1),
           CASE WHEN g % 3 = 0 THEN '${STAFF}' ELSE '${MANAGER}' END::uuid,
           gen_random_uuid(), repeat('0', 64), now() - (${REQUESTS} - g) * interval '25 minutes', now()
      FROM generate_series(1, ${REQUESTS}) g;
    INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price, approved_quantity,
                             fulfilled_quantity)
    SELECT gen_random_uuid(), o.company_id, o.id, c.id, 1 + o.number % 9, 2.50,
           CASE WHEN o.status IN ('APPROVED', 'FULFILLED') THEN 1 + o.number % 9 END,
           CASE WHEN o.status = 'FULFILLED' THEN 1 + o.number % 9 ELSE 0 END
      FROM order_requests o JOIN bench_catalogue c ON c.company_id = o.company_id AND c.n = 1 + o.number % ${PRODUCTS}
     WHERE o.company_id = ${id};`;
}

/**
 * Movements `first`..`last` of a company's ledger, spread evenly between `fromDaysAgo` and `toDaysAgo`: 80% on the
 * first BUSY products, the rest anywhere; 40% received, 40% shipped, 10% adjustments either way, 10% transfer legs.
 * Written straight into the table (foreign-key triggers off for speed: the ids are the catalogue's own). Their
 * balances are nominal: the dashboard reads stock_levels and the rollups, not balances.
 */
function ledgerSql(companyId: string, first: number, part: LedgerPart): string {
  const last = first + part.movements - 1;
  return `
    SET session_replication_role = replica;
    INSERT INTO stock_movements (id, company_id, product_id, location_id, quantity, balance_after, reason, actor_id,
                                 average_cost, created_at)
    SELECT gen_random_uuid(), '${companyId}', c.id, l.id,
           CASE WHEN g % 10 < 4 THEN 1 + h % 50
                WHEN g % 10 < 8 THEN -(1 + h % 20)
                WHEN g % 10 = 8 THEN CASE WHEN h % 2 = 0 THEN 1 + h % 5 ELSE -(1 + h % 5) END
                WHEN g % 2 = 0 THEN 1 + h % 10 ELSE -(1 + h % 10) END,
           100,
           (CASE WHEN g % 10 < 4 THEN 'RECEIVED' WHEN g % 10 < 8 THEN 'SHIPPED' WHEN g % 10 = 8 THEN 'ADJUSTMENT'
                 WHEN g % 2 = 0 THEN 'TRANSFER_IN' ELSE 'TRANSFER_OUT' END)::"MovementReason",
           '${MANAGER}',
           -- Receipts carry a (nominal) moving average, as receipts at a cost do: the valuation reads them.
           CASE WHEN g % 10 < 4 THEN (1 + h % 5000) / 100.0 END,
           now() - ${part.fromDaysAgo} * interval '1 day'
                 - (h % (${part.toDaysAgo - part.fromDaysAgo} * 86400)) * interval '1 second'
      FROM generate_series(${first}, ${last}) g
     CROSS JOIN LATERAL (SELECT abs(hashtext(g::text)) AS h) r
      JOIN bench_catalogue c ON c.company_id = '${companyId}'
                            AND c.n = CASE WHEN r.h % 5 < 4 THEN 1 + abs(hashtext('p' || g)) % ${BUSY}
                                           ELSE 1 + abs(hashtext('q' || g)) % ${PRODUCTS} END
      JOIN bench_locations l ON l.company_id = '${companyId}' AND l.n = 1 + abs(hashtext('l' || g)) % 5;
    SET session_replication_role = DEFAULT;`;
}

interface Timing {
  median: number;
  p95: number;
  rows: number;
  plan: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The plan's shape in a line: the scans and indexes it uses, and its execution time. */
function planSummary(lines: string[]): string {
  const nodes = lines
    .map(
      (line) =>
        /(Index Only Scan(?: Backward)? using \S+|Index Scan(?: Backward)? using \S+|Bitmap Index Scan on \S+|Seq Scan on \S+|Parallel Seq Scan on \S+|Hash(?: Right| Left)? Join|Nested Loop|GroupAggregate|HashAggregate|Sort|Function Scan on \S+)/.exec(
          line,
        )?.[1],
    )
    .filter((node): node is string => Boolean(node));
  const execution = lines.find((line) => line.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "";
  return `${[...new Set(nodes)].join(", ")} — EXPLAIN ANALYZE ${execution}`;
}

async function main() {
  if (!serverUrl) {
    throw new Error(
      "Give a superuser database URL: npx tsx bench/dashboard.ts postgresql://postgres@127.0.0.1:5432/postgres",
    );
  }
  const urls = await provisionBenchDatabase(serverUrl, database);
  Object.assign(process.env, {
    DATABASE_URL: urls.appUrl,
    DATABASE_SYSTEM_URL: urls.systemUrl,
    DATABASE_POOL_SIZE: "2",
    AUTH_SECRET: "bench-secret-that-is-at-least-32-characters-long",
    APP_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
  });
  const { createPrismaClient, disconnectAll } = await import("../lib/db/client");
  const { Prisma } = await import("../lib/db/generated/client");
  const { withTenantTx } = await import("../lib/db/tenant");
  const { getDashboard } = await import("../lib/dashboard/get-dashboard");
  const { rebuildStockMovementDays } = await import("../lib/dashboard/stock-movement-days");
  const queries = await import("../lib/dashboard/dashboard-queries");
  const { shortProductsSql } = await import("../lib/stock/shortage");
  const { ledgerValuationTotalSql, valuationPageSql, valuationTotalSql, valueChangeBackfillSql } =
    await import("../lib/reports/valuation-query");
  const { movementRowsSql, movementTotalsSql, movementGroupsSql } = await import("../lib/reports/movements-query");
  const { slowMoversSql } = await import("../lib/reports/slow-movers-query");
  const { getValuation, getValuationTotal } = await import("../lib/reports/valuation");
  const { getMovementsReport } = await import("../lib/reports/movements-report");
  const { getSlowMovers } = await import("../lib/reports/slow-movers");
  type Sql = InstanceType<typeof Prisma.Sql>;

  const app = createPrismaClient(urls.appUrl, 2);
  // The data is written and inspected as the superuser: row-level security binds the owner role too.
  const superuserUrl = urlFor(serverUrl, { database });
  const owner = createPrismaClient(superuserUrl, 1);
  const facts: string[] = [];

  try {
    let started = performance.now();
    await sql(superuserUrl, peopleSql());
    for (const [i, company] of COMPANIES.entries()) {
      say(`${company.label}: loading ${count(PRODUCTS)} products, their stock and ${count(REQUESTS)} requests`);
      await sql(superuserUrl, companySql(company, `bench-${i + 1}`));
      let first = 1;
      for (const part of company.ledger) {
        say(`${company.label}: loading ${count(part.movements)} movements`);
        await sql(superuserUrl, ledgerSql(company.id, first, part));
        first += part.movements;
      }
    }
    say(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s; rolling up`);
    for (const company of COMPANIES) {
      started = performance.now();
      // The ledger was written around the app: each product's current average is made its last receipt's (as the
      // ledger's trigger keeps it; the value shards follow), its value changes are worked out as the migration did
      // for the movements before it (lib/reports/valuation-query.ts), and the rollup below sums them per day.
      await sql(
        superuserUrl,
        `UPDATE product_stock_totals t SET average_cost = r.average_cost
           FROM (SELECT DISTINCT ON (product_id) product_id, average_cost FROM stock_movements
                  WHERE company_id = '${company.id}' AND average_cost IS NOT NULL
                  ORDER BY product_id, created_at DESC, rollup_seq DESC) r
          WHERE t.company_id = '${company.id}' AND t.product_id = r.product_id`,
      );
      await owner.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
          await tx.$executeRaw(valueChangeBackfillSql(company.id));
        },
        { timeout: 30 * 60_000, maxWait: 10_000 },
      );
      await rebuildStockMovementDays(owner, company.id);
      const seconds = (performance.now() - started) / 1000;
      const [row] = (
        await sql(
          superuserUrl,
          `SELECT (SELECT count(*) FROM stock_movements WHERE company_id = '${company.id}')::int AS movements,
                  (SELECT count(*) FROM stock_movement_days WHERE company_id = '${company.id}')::int AS day_rows,
                  (SELECT count(*) FROM stock_movement_days WHERE company_id = '${company.id}'
                      AND day > (now() AT TIME ZONE '${TIME_ZONE}')::date - 30 AND units_out > 0)::int AS out_30,
                  (SELECT count(*) FROM stock_movement_days WHERE company_id = '${company.id}'
                      AND day > (now() AT TIME ZONE '${TIME_ZONE}')::date - 90 AND units_out > 0)::int AS out_90,
                  (SELECT count(*) FROM stock_movement_day_totals WHERE company_id = '${company.id}')::int AS totals`,
        )
      ).rows as { movements: number; day_rows: number; out_30: number; out_90: number; totals: number }[];
      const fact = `${company.label}: ${count(row!.movements)} movements → ${count(row!.day_rows)} product day rows (${count(row!.out_30)} with units out in the last 30 days, ${count(row!.out_90)} in the last 90) and ${count(row!.totals)} day-total rows; rolled up in ${seconds.toFixed(1)} s`;
      facts.push(fact);
      say(fact);
    }
    // The backfill rewrote every movement; the migration builds this index after its own backfill, and the app's
    // movements arrive with their value change: rebuilt, as it stands in a database after the migration.
    await sql(superuserUrl, "REINDEX INDEX stock_movements_report_idx");
    await sql(superuserUrl, "VACUUM ANALYZE");

    const [window] = (
      await sql(
        superuserUrl,
        `SELECT to_char(d, 'YYYY-MM-DD') AS today, to_char(d - 29, 'YYYY-MM-DD') AS from30, to_char(d - 89, 'YYYY-MM-DD') AS from90,
                to_char(d - 1, 'YYYY-MM-DD') AS yesterday, to_char(d - 30, 'YYYY-MM-DD') AS back30,
                to_char(d - 365, 'YYYY-MM-DD') AS back365
           FROM (SELECT (now() AT TIME ZONE '${TIME_ZONE}')::date AS d) t`,
      )
    ).rows as { today: string; from30: string; from90: string; yesterday: string; back30: string; back365: string }[];
    const { today, from30, from90, yesterday, back30, back365 } = window!;
    /** Each company's first location, for the reports filtered by one. */
    const firstLocation = new Map(
      (
        (await sql(superuserUrl, `SELECT company_id::text, id::text FROM bench_locations WHERE n = 1`)).rows as {
          company_id: string;
          id: string;
        }[]
      ).map((row) => [row.company_id, row.id]),
    );
    const managerOf = (companyId: string) =>
      ({ companyId, userId: MANAGER, email: "bench@bench.example", role: "MANAGER" }) as const;
    const valuation = (companyId: string, date: string, locationId?: string) => ({
      companyId,
      date,
      timeZone: TIME_ZONE,
      locationId,
    });
    const last30 = { from: from30, to: today };

    /**
     * The per-product day rows read for the chart's 90 days instead of the day totals (what reading them costs, as
     * before the day totals existed; they hold units per product, so only the number of rows is counted here).
     */
    const productDaysChart = (companyId: string) => Prisma.sql`
      SELECT r.day, count(*) FROM stock_movement_days r
       WHERE r.company_id = ${companyId}::uuid AND r.day BETWEEN ${from90}::date AND ${today}::date GROUP BY r.day`;
    /** The chart and the top movers straight from the ledger: what the dashboard would read without the rollups. */
    const since = Prisma.sql`(${from90}::date)::timestamp AT TIME ZONE ${TIME_ZONE}`;
    const ledgerChart = (companyId: string) => Prisma.sql`
      SELECT (m.created_at AT TIME ZONE ${TIME_ZONE})::date AS day,
             count(*) FILTER (WHERE m.quantity > 0) AS movements_in, count(*) FILTER (WHERE m.quantity < 0) AS movements_out
        FROM stock_movements m
       WHERE m.company_id = ${companyId}::uuid AND m.reason NOT IN ('TRANSFER_IN', 'TRANSFER_OUT') AND m.created_at >= ${since}
       GROUP BY 1 ORDER BY 1`;
    const ledgerMovers = (companyId: string) => Prisma.sql`
      SELECT m.product_id, -sum(m.quantity) AS units_out
        FROM stock_movements m
       WHERE m.company_id = ${companyId}::uuid AND m.reason NOT IN ('TRANSFER_IN', 'TRANSFER_OUT') AND m.quantity < 0
         AND m.created_at >= ${since}
       GROUP BY 1 ORDER BY 2 DESC LIMIT 5`;

    /** The short-for-approved-orders count without the partial index: a pass over the company's stock rows. */
    const shortWithoutIndex = (companyId: string) => Prisma.sql`
      SELECT count(DISTINCT s.product_id) FROM stock_levels s
       WHERE s.company_id = ${companyId}::uuid AND s.reserved - s.on_hand > 0`;

    const sqlCases: [string, (companyId: string) => Sql][] = [
      ["stock value + low-stock count (one pass)", (c) => queries.stockSummarySql(c)],
      ["requests by status (company)", (c) => queries.requestCountsSql(c, null)],
      ["requests by status (staff's own)", (c) => queries.requestCountsSql(c, STAFF)],
      ["movements per day, 30 days (day totals)", (c) => queries.movementsByDaySql(c, from30, today)],
      ["movements per day, 90 days (day totals)", (c) => queries.movementsByDaySql(c, from90, today)],
      ["top 5 movers, 30 days (product day rows)", (c) => queries.topMoversSql(c, from30, today, 5)],
      ["top 5 movers, 90 days (product day rows)", (c) => queries.topMoversSql(c, from90, today, 5)],
      ["oldest 5 pending (company)", (c) => queries.oldestPendingSql(c, null, 5)],
      ["short for approved orders: count + 5 most short (partial index)", (c) => shortProductsSql(c, 5)],
      ["oldest 5 pending (staff's own)", (c) => queries.oldestPendingSql(c, STAFF, 5)],
      ["for comparison: movements per day, 90 days, from the product day rows", productDaysChart],
      ["for comparison: movements per day, 90 days, from the ledger", ledgerChart],
      ["for comparison: top 5 movers, 90 days, from the ledger", ledgerMovers],
      ["for comparison: short products counted over every stock row", shortWithoutIndex],
      [
        "report: valuation, first page, end of yesterday",
        (c) => valuationPageSql({ ...valuation(c, yesterday), limit: 51 }),
      ],
      ["report: valuation, first page, 365 days ago", (c) => valuationPageSql({ ...valuation(c, back365), limit: 51 })],
      [
        "report: valuation, first page at one location, 30 days ago",
        (c) => valuationPageSql({ ...valuation(c, back30, firstLocation.get(c)), limit: 51 }),
      ],
      ["report: valuation total, end of yesterday", (c) => valuationTotalSql(valuation(c, yesterday))],
      ["report: valuation total, 30 days ago", (c) => valuationTotalSql(valuation(c, back30))],
      ["report: valuation total, 365 days ago", (c) => valuationTotalSql(valuation(c, back365))],
      [
        "report: for comparison: valuation total from the ledger, 30 days ago",
        (c) => ledgerValuationTotalSql(valuation(c, back30)),
      ],
      [
        "report: for comparison: valuation total from the ledger, 365 days ago",
        (c) => ledgerValuationTotalSql(valuation(c, back365)),
      ],
      [
        "report: valuation total at one location, 30 days ago (from the ledger)",
        (c) => ledgerValuationTotalSql(valuation(c, back30, firstLocation.get(c))),
      ],
      [
        "report: movements, 30 days, totals per unit",
        (c) => movementTotalsSql({ companyId: c, timeZone: TIME_ZONE, filters: last30 }),
      ],
      [
        "report: movements, 30 days, first page",
        (c) => movementRowsSql({ companyId: c, timeZone: TIME_ZONE, filters: last30 }, undefined, 51),
      ],
      [
        "report: movements, 30 days, first page by product",
        (c) => movementGroupsSql({ companyId: c, timeZone: TIME_ZONE, filters: last30 }, "product", undefined, 51),
      ],
      [
        "report: movements, 30 days, by reason",
        (c) => movementGroupsSql({ companyId: c, timeZone: TIME_ZONE, filters: last30 }, "reason", undefined, 51),
      ],
      ["report: slow movers, 90 days, first page", (c) => slowMoversSql(c, 90, undefined, 51)],
    ];
    /** Each case as one call per company: a query in its own transaction as the app role (like the app), or getDashboard. */
    const cases: [string, (companyId: string) => Promise<number>, ((companyId: string) => Sql) | null][] = [
      ...sqlCases.map(
        ([label, query]): [string, (companyId: string) => Promise<number>, (companyId: string) => Sql] => [
          label,
          async (companyId) =>
            (await withTenantTx({ companyId }, (tx) => tx.$queryRaw<unknown[]>(query(companyId)), { client: app }))
              .length,
          query,
        ],
      ),
      ...(
        [
          ["getDashboard, manager, 30 days", "MANAGER", 30],
          ["getDashboard, manager, 90 days", "MANAGER", 90],
          ["getDashboard, staff, 30 days", "STAFF", 30],
        ] as const
      ).map(([label, role, days]): [string, (companyId: string) => Promise<number>, null] => [
        label,
        async (companyId) =>
          (
            await getDashboard(
              { companyId, userId: role === "MANAGER" ? MANAGER : STAFF, email: "bench@bench.example", role },
              { days },
            )
          ).movements.length,
        null,
      ]),
      ...(
        [
          ["getValuation, end of yesterday (first page)", (c) => getValuation(managerOf(c), { date: yesterday })],
          ["getValuation, 365 days ago (first page)", (c) => getValuation(managerOf(c), { date: back365 })],
          ["getValuationTotal, end of yesterday", (c) => getValuationTotal(managerOf(c), { date: yesterday })],
          ["getValuationTotal, 30 days ago", (c) => getValuationTotal(managerOf(c), { date: back30 })],
          ["getValuationTotal, 365 days ago", (c) => getValuationTotal(managerOf(c), { date: back365 })],
          ["getMovementsReport, last 30 days (totals + page)", (c) => getMovementsReport(managerOf(c), {})],
          [
            "getMovementsReport, last 30 days by product",
            (c) => getMovementsReport(managerOf(c), { groupBy: "product" }),
          ],
          ["getSlowMovers, 90 days", (c) => getSlowMovers(managerOf(c), {})],
        ] as [string, (companyId: string) => Promise<unknown>][]
      ).map(([label, call]): [string, (companyId: string) => Promise<number>, null] => [
        label,
        async (companyId) => {
          await call(companyId);
          return 1;
        },
        null,
      ]),
    ];

    // The total from the rollups must be the ledger's, on this ledger too.
    for (const company of COMPANIES) {
      for (const date of [yesterday, back30, back365]) {
        const [fast, exact] = await withTenantTx(
          { companyId: company.id },
          async (tx) => [
            (await tx.$queryRaw<{ total: string }[]>(valuationTotalSql(valuation(company.id, date))))[0]?.total,
            (await tx.$queryRaw<{ total: string }[]>(ledgerValuationTotalSql(valuation(company.id, date))))[0]!.total,
          ],
          { client: app },
        );
        if (fast !== exact) throw new Error(`${company.label}, ${date}: rollups ${fast}, ledger ${exact}`);
      }
    }
    facts.push("the valuation totals from the rollups equal the ledger's (end of yesterday, 30 and 365 days ago)");

    const results: { label: string; byCompany: Timing[] }[] = [];
    for (const [label, run, query] of cases.filter(([label]) => !ONLY || ONLY.some((p) => label.startsWith(p)))) {
      const times = COMPANIES.map(() => [] as number[]);
      const rows = COMPANIES.map(() => 0);
      for (let i = 0; i < RUNS + 2; i++) {
        // In turns: one run for each company, then the next round; the first two rounds warm up.
        for (const [c, company] of COMPANIES.entries()) {
          const t0 = performance.now();
          rows[c] = await run(company.id);
          if (i >= 2) times[c]!.push(performance.now() - t0);
        }
      }
      const byCompany: Timing[] = [];
      for (const [c, company] of COMPANIES.entries()) {
        const sorted = times[c]!.sort((a, b) => a - b);
        let plan = "two statements in one transaction";
        if (query) {
          const lines = (
            await withTenantTx(
              { companyId: company.id },
              (tx) =>
                tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query(company.id)}`),
              { client: app },
            )
          ).map((row) => row["QUERY PLAN"]);
          if (SHOW_PLANS) console.log(`\n### ${label} @ ${company.label}\n${lines.join("\n")}`);
          plan = planSummary(lines);
        }
        byCompany.push({ median: percentile(sorted, 50), p95: percentile(sorted, 95), rows: rows[c]!, plan });
      }
      results.push({ label, byCompany });
      say(`${label}: ${byCompany.map((t, c) => `${COMPANIES[c]!.label} ${t.median.toFixed(1)} ms`).join(", ")}`);
    }

    const [version] = (await sql(superuserUrl, "SHOW server_version")).rows as { server_version: string }[];
    console.log(
      `\nMachine: ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${version?.server_version}; load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `Each company: ${count(PRODUCTS)} products, ${count(REQUESTS)} requests; ${RUNS} runs each, in turns, as the app role (RLS on)`,
    );
    for (const fact of facts) console.log(`- ${fact}`);
    const last = COMPANIES.length - 1;
    console.log(
      `\n| query | ${COMPANIES.map((c) => `${c.label}: median ms (p95)`).join(" | ")} | plan @ ${COMPANIES[last]!.label} |`,
    );
    console.log(`|---|${COMPANIES.map(() => "---:|").join("")}---|`);
    for (const { label, byCompany } of results) {
      const cells = byCompany.map((t) => `${t.median.toFixed(1)} (${t.p95.toFixed(1)})`);
      console.log(`| ${label} | ${cells.join(" | ")} | ${byCompany[last]!.plan} |`);
    }
  } finally {
    await app.$disconnect();
    await owner.$disconnect();
    await disconnectAll();
    if (KEEP) {
      say(`kept ${database}`);
    } else {
      await dropDatabase(serverUrl, database);
      say(`dropped ${database}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
