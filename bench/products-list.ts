// Product list benchmark: how the list, search, low-stock count and movement history behave at 100k products per
// company. Provisions its own scratch database on the given server (a superuser URL) the way production is set up
// (lib/db/roles.ts: the non-superuser owner runs the migrations; the app, system and search roles), loads a catalogue
// in SQL as the superuser, then runs the same SQL as lib/products/list-products.ts and lib/stock/low-stock.ts — logged
// in as the app role, through Prisma and withTenantTx, so row-level security applies exactly as in the app — and drops
// the database at the end. The searches are timed again as the system role (BYPASSRLS) with the plain condition: what
// the trigram index gives when no policy stands in the way.
//
//   npx tsx bench/products-list.ts [postgresql://postgres@127.0.0.1:5432/postgres] [--products 100000] [--runs 15] [--plans]
//     [--keep]
//
// The URL may also come from BENCH_DATABASE_URL or TEST_DATABASE_URL. --plans prints each query's EXPLAIN ANALYZE.
// Rows whose search has a trigram also show the plan of the probe inside search_product_ids (auto_explain, loaded by
// the superuser: EXPLAIN shows only the call) and which condition it chose; --plans prints it in full.
import os from "node:os";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../lib/db/client";
import { Prisma } from "../lib/db/generated/client";
import { APP_ROLE, dropDatabase, SYSTEM_ROLE, urlFor } from "../lib/db/roles";
import { provisionBenchDatabase } from "./provision";
import { withTenantTx } from "../lib/db/tenant";
import { encodeCursor, productListInputSchema } from "../lib/products/product-list-params";
import { productListSql } from "../lib/products/product-list-query";
import {
  containsPattern,
  hasTrigram,
  PRODUCT_SEARCH_ID_LIMIT,
  productSearchCondition,
  productTextCondition,
  type SearchTransaction,
} from "../lib/products/product-search";
import { lowStockCountSql } from "../lib/stock/low-stock";
import { reorderListSchema, reorderSql, toReorderPage, type ReorderSqlRow } from "../lib/stock/reorder-query";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const serverUrl =
  args.find((a) => /^postgres(ql)?:\/\//.test(a)) ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const PRODUCTS = option("products", 100_000);
const OTHER_PRODUCTS = Math.max(1, Math.round(PRODUCTS / 10));
const RUNS = option("runs", 15);
const SHOW_PLANS = flag("plans");
/** Leaves the scratch database in place (its name is printed) for EXPLAIN by hand; drop it afterwards. */
const KEEP = flag("keep");

const BIG = "00000000-0000-7000-8000-00000000b001";
const OTHER = "00000000-0000-7000-8000-00000000b002";
const database = `stockflow_bench_products_${process.pid}_${Date.now().toString(36)}`;

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** A catalogue like a hardware wholesaler's: names from a vocabulary, 40 categories, 5 locations, stock on 1–2 of them. */
function catalogueSql(): string {
  return `
    INSERT INTO companies (id, name, slug, time_zone, updated_at) VALUES
      ('${BIG}', 'Bench Big', 'bench-big', 'Europe/London', now()),
      ('${OTHER}', 'Bench Other', 'bench-other', 'UTC', now());
    INSERT INTO users (id, email, name, password_hash, updated_at)
      VALUES ('00000000-0000-7000-8000-00000000b0a1', 'bench@bench.example', 'Bench Person', 'x', now());
    INSERT INTO memberships (id, company_id, user_id, role, updated_at)
      SELECT gen_random_uuid(), c, '00000000-0000-7000-8000-00000000b0a1', 'MANAGER', now() FROM unnest(ARRAY['${BIG}', '${OTHER}']::uuid[]) c;
    INSERT INTO locations (id, company_id, name, is_default, updated_at)
      SELECT gen_random_uuid(), c, 'Location ' || g, g = 1, now()
        FROM unnest(ARRAY['${BIG}', '${OTHER}']::uuid[]) c, generate_series(1, 5) g;

    CREATE TEMP TABLE vocabulary AS SELECT
      ARRAY['Wood','Machine','Wall','Hex','Drywall','Claw','Cordless','Spirit','Utility','Tape','LED','Extension',
            'Cable','Copper','Safety','Packing','Stretch','Bubble','Kraft','Gloss','Masonry','Basin','Ball',
            'Junction','Compression','Dust','Ear','Knee','Steel','Brass','Galvanised','Stainless','Heavy-duty',
            'Outdoor','Marine','Flexible','Insulated','Coated','Threaded','Self-tapping'] AS adjectives,
      ARRAY['screws','bolts','plugs','nuts','washers','hammer','drill','level','knife','measure','bulb','lead',
            'ties','pipe','gloves','tape','film','wrap','paper','paint','tap','valve','box','elbow','masks',
            'defenders','pads','hinge','bracket','chain','rivets','anchors','clamps','hooks','cord','sealant',
            'adhesive','primer','brush','roller'] AS nouns;

    INSERT INTO products (id, company_id, sku, name, category, unit, barcode, cost_price, sale_price, reorder_point,
                          archived, archived_at, updated_at, created_at)
    SELECT gen_random_uuid(), c.id,
           'SKU-' || lpad(g::text, 6, '0'),
           v.adjectives[1 + abs(hashtext('a' || g)) % 40] || ' ' || v.nouns[1 + abs(hashtext('n' || g)) % 40] || ' ' || (1 + g % 250) || ' mm',
           'Category ' || lpad((abs(hashtext('c' || g)) % 40)::text, 2, '0'),
           'each',
           CASE WHEN g % 5 <> 0 THEN (4006381000000 + g)::text END,
           (g % 5000) / 100.0, (g % 5000) / 70.0,
           CASE WHEN g % 10 < 3 THEN 0 ELSE 5 + g % 30 END,
           g % 20 = 0, CASE WHEN g % 20 = 0 THEN now() END,
           now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute',
           now() - interval '400 days'
      FROM vocabulary v,
           (VALUES ('${BIG}'::uuid, ${PRODUCTS}), ('${OTHER}'::uuid, ${OTHER_PRODUCTS})) AS c(id, n),
           generate_series(1, c.n) g;

    -- Stock at a home location, and at a second one for every third product; about 4% end up low.
    INSERT INTO stock_levels (id, company_id, product_id, location_id, on_hand, reserved, updated_at)
    SELECT gen_random_uuid(), p.company_id, p.id, l.id,
           CASE WHEN abs(hashtext(p.sku || l.name)) % 25 = 0 THEN abs(hashtext(p.sku)) % 6 ELSE 40 + abs(hashtext(p.sku || l.name)) % 200 END,
           CASE WHEN abs(hashtext(p.sku)) % 10 = 0 THEN 3 ELSE 0 END,
           now()
      FROM products p
      JOIN locations l ON l.company_id = p.company_id
     WHERE l.name = 'Location ' || (1 + abs(hashtext(p.sku)) % 5)
        OR (abs(hashtext(p.sku)) % 3 = 0 AND l.name = 'Location ' || (1 + (abs(hashtext(p.sku)) + 1) % 5));
    UPDATE stock_levels SET reserved = least(reserved, on_hand);

    -- The ledger: one INITIAL movement per stock row, and 30,000 movements of one busy product (SKU-000001).
    INSERT INTO stock_movements (id, company_id, product_id, location_id, quantity, balance_after, reason, actor_id, created_at)
    SELECT gen_random_uuid(), company_id, product_id, location_id, on_hand, on_hand, 'INITIAL',
           '00000000-0000-7000-8000-00000000b0a1', now() - interval '60 days'
      FROM stock_levels WHERE on_hand > 0;
    INSERT INTO stock_movements (id, company_id, product_id, location_id, quantity, balance_after, reason, actor_id, created_at)
    SELECT gen_random_uuid(), p.company_id, p.id, l.id, CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END, 100 + g % 2, 'ADJUSTMENT',
           '00000000-0000-7000-8000-00000000b0a1', now() - g * interval '1 minute'
      FROM products p JOIN locations l ON l.company_id = p.company_id AND l.name IN ('Location 1', 'Location 2', 'Location 3'),
           generate_series(1, 10000) g
     WHERE p.company_id = '${BIG}' AND p.sku = 'SKU-000001';

    -- Restock suggestions (lib/stock/reorder-query.ts): 50 suppliers, a preferred one for 4 products in 5 (the others
    -- buy from two without preferring), a reorder quantity or a target level for some products, a location's own
    -- reorder point on one stock row in 20, and 2,000 open restocks of low products.
    INSERT INTO suppliers (id, company_id, name, updated_at)
    SELECT gen_random_uuid(), c, 'Supplier ' || lpad(g::text, 2, '0'), now()
      FROM unnest(ARRAY['${BIG}', '${OTHER}']::uuid[]) c, generate_series(1, 50) g;
    INSERT INTO product_suppliers (company_id, product_id, supplier_id, supplier_sku, purchase_price, lead_time_days,
                                   preferred, updated_at)
    SELECT p.company_id, p.id, s.id, 'P-' || p.sku, p.cost_price, 3 + abs(hashtext(p.sku)) % 20,
           abs(hashtext(p.sku)) % 5 <> 0 AND s.name = 'Supplier ' || lpad((1 + abs(hashtext(p.sku)) % 50)::text, 2, '0'), now()
      FROM products p
      JOIN suppliers s ON s.company_id = p.company_id
       AND s.name IN ('Supplier ' || lpad((1 + abs(hashtext(p.sku)) % 50)::text, 2, '0'),
                      'Supplier ' || lpad((1 + (abs(hashtext(p.sku)) + 7) % 50)::text, 2, '0'));
    UPDATE products SET reorder_quantity = CASE WHEN abs(hashtext(sku)) % 3 = 0 THEN 24 END,
                        target_level = CASE WHEN abs(hashtext(sku)) % 3 = 1 AND reorder_point > 0 THEN reorder_point * 4 END;
    UPDATE stock_levels SET reorder_point = 20 + abs(hashtext(id::text)) % 60 WHERE abs(hashtext(id::text)) % 20 = 0;
    INSERT INTO order_requests (id, company_id, number, type, status, location_id, requester_id, client_request_id,
                                payload_hash, created_at, updated_at)
    SELECT gen_random_uuid(), '${BIG}', g, 'RESTOCK', 'PENDING',
           (SELECT id FROM locations WHERE company_id = '${BIG}' AND is_default),
           '00000000-0000-7000-8000-00000000b0a1', gen_random_uuid(), repeat('0', 64), now(), now()
      FROM generate_series(1, 2000) g;
    INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price)
    SELECT gen_random_uuid(), o.company_id, o.id, t.product_id, 10, 1.00
      FROM (SELECT id, company_id, row_number() OVER (ORDER BY number) AS n FROM order_requests WHERE company_id = '${BIG}') o
      JOIN (SELECT product_id, row_number() OVER (ORDER BY product_id) AS n FROM product_stock_totals
             WHERE company_id = '${BIG}' AND reorder_point > 0 AND on_hand <= reorder_point) t ON t.n = o.n;
    INSERT INTO order_request_counters (company_id, last_number) VALUES ('${BIG}', 2000);`;
}

interface Timing {
  label: string;
  rows: number;
  median: number;
  p95: number;
  plan: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The scans, joins and indexes of a plan, each once. */
function planNodes(lines: string[]): string {
  const nodes = lines
    .map(
      (line) =>
        /(Index Only Scan(?: Backward)? using \S+|Index Scan(?: Backward)? using \S+|Bitmap Index Scan on \S+|Seq Scan on \S+|Parallel Seq Scan on \S+|Function Scan on \S+|ProjectSet|hashed SubPlan|Hash(?: Right| Left)?(?: Semi)? Join|Nested Loop(?: Semi Join)?|GroupAggregate|HashAggregate|Incremental Sort|Sort)/.exec(
          line,
        )?.[1],
    )
    .filter((node): node is string => Boolean(node));
  return [...new Set(nodes)].join(", ");
}

/** The plan's shape in a line: the scans and indexes it uses, and its execution time. */
function planSummary(lines: string[]): string {
  const execution = lines.find((line) => line.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "";
  return `${planNodes(lines)} — EXPLAIN ANALYZE ${execution}`;
}

/**
 * The plan search_product_ids runs inside (EXPLAIN shows only the call) for the probe of productSearchCondition, and
 * how many ids the probe found: the superuser loads auto_explain, which logs nested statements to the client, then
 * makes the probe's call as the app role in the company's transaction.
 */
async function functionPlan(superuserUrl: string, search: string): Promise<{ plan: string[]; ids: number }> {
  const client = new pg.Client({ connectionString: superuserUrl });
  const logged: string[] = [];
  client.on("notice", (notice) => logged.push(notice.message ?? ""));
  await client.connect();
  try {
    await client.query(
      `LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
       SET auto_explain.log_analyze = on; SET client_min_messages = log; SET ROLE ${APP_ROLE}`,
    );
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.company_id', $1, true)", [BIG]);
    const probe = await client.query<{ ids: number }>(
      "SELECT cardinality(ARRAY(SELECT search_product_ids($1, $2))) AS ids",
      [containsPattern(search), PRODUCT_SEARCH_ID_LIMIT + 1],
    );
    await client.query("COMMIT");
    const plan = (logged.find((message) => message.includes("public.products")) ?? "").split("\n");
    return { plan, ids: probe.rows[0]!.ids };
  } finally {
    await client.end();
  }
}

/** A query as the caller builds it in its transaction (the search condition may take a statement first). */
type Query = (tx: SearchTransaction) => Promise<Prisma.Sql>;

async function measure(client: PrismaClient, label: string, query: Query): Promise<Timing> {
  const run = () =>
    withTenantTx({ companyId: BIG }, async (tx) => tx.$queryRaw<unknown[]>(await query(tx)), { client });
  let rows = 0;
  for (let i = 0; i < 2; i++) rows = (await run()).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const explained = await withTenantTx(
    { companyId: BIG },
    async (tx) => tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${await query(tx)}`),
    { client },
  );
  const plan = explained.map((row) => row["QUERY PLAN"]);
  if (SHOW_PLANS) console.log(`\n### ${label}\n${plan.join("\n")}`);
  return { label, rows, median: percentile(times, 50), p95: percentile(times, 95), plan: planSummary(plan) };
}

async function main() {
  if (!serverUrl)
    throw new Error(
      "Give a superuser database URL: npx tsx bench/products-list.ts postgresql://postgres@127.0.0.1:5432/postgres",
    );
  const say = (line: string) => console.error(`[bench] ${line}`);
  say(`scratch database ${database}: provisioning the roles and applying the migrations as the owner role`);
  const urls = await provisionBenchDatabase(serverUrl, database);
  // The catalogue is loaded and counted as the superuser: the owner role is bound by row-level security, and the
  // system role holds only the grants its code uses.
  const superuserUrl = urlFor(serverUrl, { database });
  let client: PrismaClient | undefined;
  let system: PrismaClient | undefined;
  try {
    say(
      `loading ${PRODUCTS.toLocaleString("en-US")} products (+${OTHER_PRODUCTS.toLocaleString("en-US")} in another company)`,
    );
    const loadStarted = performance.now();
    await sql(superuserUrl, catalogueSql());
    await sql(superuserUrl, "VACUUM ANALYZE");
    // The list reads the stored stock totals, which no code of the system role reads (it holds no grant on them): this
    // scratch database lets it, so that its comparison rows below run the list's own SQL.
    await sql(superuserUrl, `GRANT SELECT ON product_stock_totals TO ${SYSTEM_ROLE}`);
    say(`loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
    const [counts] = (
      await sql(
        superuserUrl,
        `SELECT (SELECT count(*) FROM products WHERE company_id = '${BIG}')::int AS products,
                (SELECT count(*) FROM stock_levels WHERE company_id = '${BIG}')::int AS stock_levels,
                (SELECT count(*) FROM stock_movements WHERE company_id = '${BIG}')::int AS movements`,
      )
    ).rows as { products: number; stock_levels: number; movements: number }[];
    say(`company under test: ${JSON.stringify(counts)}`);

    // Logged in as the app role (no BYPASSRLS, not owner), as the app is.
    client = createPrismaClient(urls.appUrl, 2);
    const db = client;
    const [location] = await withTenantTx(
      { companyId: BIG },
      (tx) => tx.location.findMany({ where: { name: "Location 2" }, select: { id: true } }),
      { client: db },
    );
    const [hot] = await withTenantTx(
      { companyId: BIG },
      (tx) => tx.product.findMany({ where: { sku: "SKU-000001" }, select: { id: true } }),
      { client: db },
    );
    const [quiet] = await withTenantTx(
      { companyId: BIG },
      (tx) => tx.product.findMany({ where: { sku: "SKU-050002" }, select: { id: true } }),
      { client: db },
    );

    const list = (input: Record<string, unknown>) => productListInputSchema.parse(input);
    // As listProducts runs it: the search condition first, in the same transaction.
    const listSql =
      (input: Record<string, unknown>): Query =>
      async (tx) => {
        const parsed = list(input);
        return productListSql(BIG, parsed, parsed.q ? await productSearchCondition(tx, parsed.q) : undefined);
      };
    // The same list with the plain search condition, for the system role, which may not run search_product_ids and
    // needs no detour: row-level security does not bind it.
    const plainListSql =
      (input: Record<string, unknown>): Query =>
      async () => {
        const parsed = list(input);
        return productListSql(BIG, parsed, parsed.q ? productTextCondition(parsed.q) : undefined);
      };
    const searches: [string, Record<string, unknown>][] = [
      ['search: a word of many names ("hinge")', { q: "hinge" }],
      ['search: a rare name ("marine chain 17")', { q: "marine chain 17" }],
      ['search: one SKU ("sku-012345")', { q: "sku-012345" }],
      ['search: a barcode ("4006381012346")', { q: "4006381012346" }],
      ['search: what most barcodes hold ("400638")', { q: "400638" }],
      ['search: two letters ("ho")', { q: "ho" }],
      ['search: no match ("zzqx")', { q: "zzqx" }],
      ['search + by on hand ("hinge")', { q: "hinge", sort: "onHand" }],
    ];
    // The cursor of the page that starts halfway through the active products by name.
    const [half] = await withTenantTx(
      { companyId: BIG },
      (tx) => tx.$queryRaw<{ name: string; id: string }[]>`
        SELECT name, id::text FROM products WHERE company_id = ${BIG}::uuid AND NOT archived
         ORDER BY name, id OFFSET ${Math.floor(counts!.products / 2)} LIMIT 1`,
      { client: db },
    );
    const deep = encodeCursor("name", { value: half!.name, id: half!.id });
    const company = Prisma.sql`${BIG}::uuid`;
    // The reorder page as getReorderView reads it; its second page starts after the first page's last row.
    const reorder = (input: Record<string, unknown>) => reorderListSchema.parse(input);
    const firstReorderPage = await withTenantTx(
      { companyId: BIG },
      (tx) => tx.$queryRaw<ReorderSqlRow[]>(reorderSql(BIG, reorder({}))),
      { client: db },
    );
    const secondReorderPage = toReorderPage(reorder({}), firstReorderPage, true).next!;
    const [busySupplier] = await withTenantTx(
      { companyId: BIG },
      (tx) => tx.supplier.findMany({ where: { name: "Supplier 01" }, select: { id: true } }),
      { client: db },
    );

    const cases: [string, Query][] = [
      ["list: active, by name (first page)", listSql({})],
      ["list: active, by name, page halfway (cursor)", listSql({ after: deep })],
      ["list: active, by name, the page before halfway", listSql({ before: deep })],
      ["list: active, by name Z–A", listSql({ dir: "desc" })],
      ["list: all statuses, by name", listSql({ status: "all" })],
      ["list: archived, by name", listSql({ status: "archived" })],
      ["list: by SKU", listSql({ sort: "sku" })],
      ["list: by SKU Z–A", listSql({ sort: "sku", dir: "desc" })],
      ["list: recently updated", listSql({ sort: "updated" })],
      ["list: by total on hand, least first", listSql({ sort: "onHand" })],
      ["list: by total on hand, most first", listSql({ sort: "onHand", dir: "desc" })],
      ["list: category filter, by name", listSql({ category: "Category 07" })],
      ["list: location filter, by name", listSql({ locationId: location!.id })],
      ["list: low stock (all locations), by name", listSql({ stock: "low" })],
      ["list: low stock at a location, by name", listSql({ stock: "low", locationId: location!.id })],
      ["list: category filter, by on hand", listSql({ category: "Category 07", sort: "onHand" })],
      ["list: low stock, category, by on hand", listSql({ stock: "low", category: "Category 07", sort: "onHand" })],
      ["list: location filter, by on hand", listSql({ locationId: location!.id, sort: "onHand" })],
      ...searches.map(([label, input]): [string, Query] => [label, listSql(input)]),
      ["reorder: first page (50 rows, all groups)", async () => reorderSql(BIG, reorder({}))],
      ["reorder: second page (cursor)", async () => reorderSql(BIG, reorder({ after: secondReorderPage }))],
      ["reorder: one supplier's group", async () => reorderSql(BIG, reorder({ supplierId: busySupplier!.id }))],
      ["reorder: no preferred supplier", async () => reorderSql(BIG, reorder({ supplierId: "none" }))],
      ["reorder: one location", async () => reorderSql(BIG, reorder({ locationId: location!.id }))],
      ["dashboard: count low stock (all locations)", async () => lowStockCountSql(BIG)],
      ["dashboard: count low stock at a location", async () => lowStockCountSql(BIG, location!.id)],
      [
        "detail: newest 21 movements of a product with 30k",
        async () => Prisma.sql`SELECT m.id, m.created_at FROM stock_movements m WHERE m.company_id = ${company} AND m.product_id = ${hot!.id}::uuid
                          ORDER BY m.created_at DESC, m.id DESC LIMIT 21`,
      ],
      [
        "detail: 21 older movements, 21k back",
        async () => Prisma.sql`SELECT m.id, m.created_at FROM stock_movements m WHERE m.company_id = ${company} AND m.product_id = ${hot!.id}::uuid
                            AND (m.created_at, m.id) < (now() - interval '5 days', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)
                          ORDER BY m.created_at DESC, m.id DESC LIMIT 21`,
      ],
      [
        "detail: movements of a quiet product",
        async () => Prisma.sql`SELECT m.id, m.created_at FROM stock_movements m WHERE m.company_id = ${company} AND m.product_id = ${quiet!.id}::uuid
                          ORDER BY m.created_at DESC, m.id DESC LIMIT 21`,
      ],
    ];

    const results: Timing[] = [];
    for (const [label, query] of cases) {
      const result = await measure(db, label, query);
      const search = searches.find(([name]) => name === label)?.[1].q as string | undefined;
      if (search && hasTrigram(search)) {
        const { plan: inner, ids } = await functionPlan(superuserUrl, search);
        if (SHOW_PLANS) console.log(`\n### ${label}: inside search_product_ids\n${inner.join("\n")}`);
        const duration = /duration: (\S+ ms)/.exec(inner[0] ?? "")?.[1] ?? "?";
        const taken =
          ids > PRODUCT_SEARCH_ID_LIMIT ? `over ${PRODUCT_SEARCH_ID_LIMIT}, plain condition` : `${ids}, id array`;
        result.plan = `${result.plan}; probe ids: ${taken}; inside search_product_ids: ${planNodes(inner)} (${duration})`;
      }
      results.push(result);
      say(`${label}: ${result.median.toFixed(1)} ms median, ${result.p95.toFixed(1)} ms p95 (${result.rows} rows)`);
    }
    // The same searches where row-level security does not apply, with the plain condition: what the trigram index
    // gives when the planner may use it directly (under RLS it may not: LIKE and lower() are not leakproof).
    system = createPrismaClient(urls.systemUrl, 2);
    for (const [label, input] of searches) {
      const result = await measure(system, `${label}, as the system role (RLS bypassed)`, plainListSql(input));
      results.push(result);
      say(`${result.label}: ${result.median.toFixed(1)} ms median`);
    }

    console.log(
      `\nMachine: ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    const [version] = (await sql(superuserUrl, "SHOW server_version")).rows as { server_version: string }[];
    console.log(
      `PostgreSQL ${version?.server_version}; ${counts!.products.toLocaleString("en-US")} products, ${counts!.stock_levels.toLocaleString("en-US")} stock rows, ${counts!.movements.toLocaleString("en-US")} movements in the company under test; ${RUNS} runs each, as the app role (RLS on) unless the row says otherwise\n`,
    );
    console.log("| query | rows | median ms | p95 ms | plan |");
    console.log("|---|---:|---:|---:|---|");
    for (const r of results)
      console.log(`| ${r.label} | ${r.rows} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.plan} |`);
  } finally {
    await client?.$disconnect();
    await system?.$disconnect();
    if (KEEP) say(`kept ${database}: drop it with DROP DATABASE ${database} WITH (FORCE)`);
    else {
      await dropDatabase(serverUrl, database);
      say(`dropped ${database}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
