// The load benchmark's data (issue 14 item 4; bench/README.md "Load"), written set-based as the superuser into a
// database provisioned as production (bench/provision.ts): INSERT … SELECT generate_series, with triggers and
// foreign-key checks off (session_replication_role = replica) for speed, so everything the triggers would keep is
// filled here consistently instead:
//   * COMPANIES companies of SMALL products and the first of BIG, five locations each; half the products stocked at
//     one location;
//   * the ledger: one opening receipt per stock row, then receipts and shipments on random stock rows, HOT of them on
//     one product of the big company; stock_levels.on_hand = the sum of its movements, balance_after the running sum;
//   * product_stock_totals = the sums of stock_levels per product with the product's prices, stock_value_shards the
//     sums of their values per shard (docs/architecture.md §5 "Stock totals"); the dashboard rollups by
//     rebuildStockMovementDays, as the seed and bench/dashboard.ts do;
//   * requests with one line each — pending, closed, and one in forty approved customer orders of a product stocked
//     at the order's location, whose quantities stock_levels.reserved and the totals' reserved then hold — the
//     companies' counters at their last number; audit rows; a manager and a staff member per company with one
//     password, hashed once.
// Everything scales with `scale` (1: the sizes of item 4). Ids are deterministic where the runner needs them.
import pg from "pg";

export interface LoadDataSize {
  companies: number;
  small: number;
  big: number;
  movements: number;
  hot: number;
  requests: number;
  audit: number;
}

export function loadDataSize(scale: number): LoadDataSize {
  const at = (n: number, least: number) => Math.max(least, Math.round(n * scale));
  return {
    companies: at(100, 2),
    small: at(10_000, 20),
    big: at(100_000, 100),
    movements: at(1_000_000, 2_000),
    hot: at(30_000, 100),
    requests: at(100_000, 200),
    audit: at(1_000_000, 1_000),
  };
}

/** The stock rows: one per even product. Each has an opening receipt, the rest of the movements fall on them. */
export function stockRows(size: LoadDataSize): number {
  return Math.floor(size.big / 2) + (size.companies - 1) * Math.floor(size.small / 2);
}

/** The company `n` (1: the big one) and its people: what the runner signs in as. */
export const companyId = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, "0")}`;
export const managerEmail = (n: number) => `manager-${n}@load.bench.example`;
export const staffEmail = (n: number) => `staff-${n}@load.bench.example`;
const userIdSql = (role: "1" | "2", n: string) =>
  `('00000000-0000-7000-900${role}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const companySql = (n: string) => `('00000000-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

export const TIME_ZONE = "Europe/London";

/** The statements, in order, with a label each (timed one by one). */
export function generationSql(size: LoadDataSize, passwordHash: string): [string, string][] {
  const { companies, small, big } = size;
  const productsOf = (c: string) => `CASE WHEN ${c} = 1 THEN ${big} ELSE ${small} END`;
  const totalProducts = big + (companies - 1) * small;
  const hash = passwordHash.replace(/'/g, "''");
  return [
    [
      "companies, people, locations",
      `
      SET session_replication_role = replica;
      CREATE SCHEMA bench_load;
      INSERT INTO companies (id, name, slug, time_zone, rollup_time_zone, currency, updated_at)
        SELECT ${companySql("c")}, 'Load company ' || c, 'load-' || c, '${TIME_ZONE}', '${TIME_ZONE}', 'GBP', now()
          FROM generate_series(1, ${companies}) c;
      INSERT INTO users (id, email, name, password_hash, email_verified_at, updated_at)
        SELECT ${userIdSql("1", "c")}, 'manager-' || c || '@load.bench.example', 'Manager ' || c, '${hash}', now(), now()
          FROM generate_series(1, ${companies}) c
        UNION ALL
        SELECT ${userIdSql("2", "c")}, 'staff-' || c || '@load.bench.example', 'Staff ' || c, '${hash}', now(), now()
          FROM generate_series(1, ${companies}) c;
      INSERT INTO memberships (id, company_id, user_id, role, updated_at)
        SELECT gen_random_uuid(), ${companySql("c")}, ${userIdSql("1", "c")}, 'MANAGER'::"Role", now() FROM generate_series(1, ${companies}) c
        UNION ALL
        SELECT gen_random_uuid(), ${companySql("c")}, ${userIdSql("2", "c")}, 'STAFF'::"Role", now() FROM generate_series(1, ${companies}) c;
      CREATE TABLE bench_load.locations AS
        SELECT c, l, gen_random_uuid() AS id FROM generate_series(1, ${companies}) c, generate_series(1, 5) l;
      INSERT INTO locations (id, company_id, name, is_default, updated_at)
        SELECT id, ${companySql("c")}, 'Location ' || l, l = 1, now() FROM bench_load.locations;
      INSERT INTO order_request_counters (company_id, last_number)
        SELECT ${companySql("c")}, 0 FROM generate_series(1, ${companies}) c;`,
    ],
    [
      `${totalProducts.toLocaleString("en-US")} products`,
      `
      SET session_replication_role = replica;
      CREATE TABLE bench_load.catalogue AS
        SELECT c, n, gen_random_uuid() AS id FROM generate_series(1, ${companies}) c
         CROSS JOIN LATERAL generate_series(1, ${productsOf("c")}) n;
      INSERT INTO products (id, company_id, sku, name, category, barcode, cost_price, sale_price, reorder_point, archived,
                            archived_at, updated_at)
        SELECT id, ${companySql("c")}, 'SKU-' || lpad(n::text, 6, '0'),
               (ARRAY['Hinge', 'Bracket', 'Marine chain', 'Hex bolt', 'Wood screw', 'Cable tie', 'Gasket', 'Washer'])[1 + n % 8]
                 || ' ' || (n % 997) || ' ' || (ARRAY['steel', 'brass', 'zinc', 'nylon'])[1 + n % 4],
               'Category ' || (n % 40), '400638' || lpad(n::text, 7, '0'),
               (n % 5000) / 100.0, (n % 5000) / 70.0, CASE WHEN n % 10 < 3 THEN 0 ELSE 5 + n % 30 END,
               n % 20 = 0, CASE WHEN n % 20 = 0 THEN now() END, now()
          FROM bench_load.catalogue;
      -- The stock rows: the even products, at one location each.
      CREATE TABLE bench_load.pairs AS
        SELECT row_number() OVER (ORDER BY p.c, p.n)::int AS k, p.c, p.id AS product_id, l.id AS location_id
          FROM bench_load.catalogue p
          JOIN bench_load.locations l ON l.c = p.c AND l.l = 1 + (p.n / 2) % 5
         WHERE p.n % 2 = 0;
      CREATE UNIQUE INDEX ON bench_load.pairs (k);`,
    ],
    [
      `${size.movements.toLocaleString("en-US")} movements, stock levels, totals`,
      `
      SET session_replication_role = replica;
      -- Movement g: the opening receipt of stock row g, or (after the last stock row) a receipt or shipment of
      -- stock row 'hot' (the big company's second product) or a random one; spread evenly over the last year.
      -- Receipts of 5.5 and shipments of 3.5 on average: a row's balance drifts up, never below nought.
      INSERT INTO stock_movements (id, company_id, product_id, location_id, quantity, balance_after, reason, actor_id,
                                   created_at)
        SELECT gen_random_uuid(), ${companySql("p.c")}, p.product_id, p.location_id, m.quantity,
               sum(m.quantity) OVER (PARTITION BY m.k ORDER BY m.g)::int,
               m.reason::"MovementReason", ${userIdSql("1", "p.c")},
               now() - (${size.movements} - m.g + 1) * (interval '365 days' / ${size.movements})
          FROM (SELECT g, k,
                       CASE WHEN opening THEN 200 + h % 300 WHEN h % 2 = 0 THEN 1 + h / 2 % 10 ELSE -(1 + h / 2 % 6) END AS quantity,
                       CASE WHEN opening OR h % 2 = 0 THEN 'RECEIVED' ELSE 'SHIPPED' END AS reason
                  FROM (SELECT g, abs(hashtext('m' || g)) AS h, g <= (SELECT count(*) FROM bench_load.pairs) AS opening,
                               CASE WHEN g <= (SELECT count(*) FROM bench_load.pairs) THEN g
                                    WHEN g % 1000 < ${Math.round((1000 * size.hot) / (size.movements - stockRows(size)))} THEN 1
                                    ELSE 1 + abs(hashtext('k' || g)) % (SELECT count(*) FROM bench_load.pairs) END AS k
                          FROM generate_series(1, ${size.movements}) g) r) m
          JOIN bench_load.pairs p ON p.k = m.k
         ORDER BY m.g;
      INSERT INTO stock_levels (id, company_id, product_id, location_id, on_hand, reserved, updated_at)
        SELECT gen_random_uuid(), company_id, product_id, location_id, sum(quantity), 0, now()
          FROM stock_movements GROUP BY company_id, product_id, location_id;
      INSERT INTO product_stock_totals (company_id, product_id, on_hand, reserved, cost_price, sale_price, reorder_point,
                                        archived)
        SELECT p.company_id, p.id, coalesce(s.on_hand, 0), coalesce(s.reserved, 0), p.cost_price, p.sale_price,
               p.reorder_point, p.archived
          FROM products p
          LEFT JOIN (SELECT product_id, sum(on_hand) AS on_hand, sum(reserved) AS reserved
                       FROM stock_levels GROUP BY product_id) s ON s.product_id = p.id;
      INSERT INTO stock_value_shards (company_id, shard, cost_value, sale_value)
        SELECT company_id, (get_byte(uuid_send(product_id), 15) % 16)::smallint, sum(cost_value), sum(sale_value)
          FROM product_stock_totals GROUP BY 1, 2;`,
    ],
    [
      `${size.requests.toLocaleString("en-US")} requests`,
      `
      SET session_replication_role = replica;
      CREATE TABLE bench_load.requests AS
        SELECT c, number, gen_random_uuid() AS id FROM generate_series(1, ${companies}) c
         CROSS JOIN LATERAL generate_series(1, greatest(1, round(${size.requests}::numeric * ${productsOf("c")} / ${totalProducts}))::int) number;
      INSERT INTO order_requests (id, company_id, number, type, status, location_id, requester_id, client_request_id,
                                  payload_hash, decided_by_id, decided_at, created_at, updated_at)
        SELECT r.id, ${companySql("r.c")}, r.number,
               (CASE WHEN r.number % 2 = 0 THEN 'RESTOCK' ELSE 'CUSTOMER_ORDER' END)::"OrderType",
               (CASE WHEN r.number % 20 = 0 THEN 'PENDING' WHEN r.number % 40 = 5 THEN 'APPROVED'
                     ELSE (ARRAY['FULFILLED', 'FULFILLED', 'REJECTED', 'CANCELLED'])[1 + r.number % 4] END)::"OrderStatus",
               l.id, CASE WHEN r.number % 3 = 0 THEN ${userIdSql("1", "r.c")} ELSE ${userIdSql("2", "r.c")} END,
               gen_random_uuid(), repeat('0', 64),
               CASE WHEN r.number % 20 <> 0 AND r.number % 4 < 3 THEN ${userIdSql("1", "r.c")} END,
               CASE WHEN r.number % 20 <> 0 AND r.number % 4 < 3 THEN now() - interval '1 hour' END,
               now() - (r.number % 365) * interval '1 day', now()
          FROM bench_load.requests r JOIN bench_load.locations l ON l.c = r.c AND l.l = 1;
      -- Approved and fulfilled requests were approved whole, and fulfilled ones fulfilled whole.
      INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price, approved_quantity,
                               fulfilled_quantity)
        SELECT gen_random_uuid(), ${companySql("r.c")}, r.id, p.id, 1 + r.number % 9, 2.50,
               CASE WHEN o.status IN ('APPROVED', 'FULFILLED') THEN 1 + r.number % 9 END,
               CASE WHEN o.status = 'FULFILLED' THEN 1 + r.number % 9 ELSE 0 END
          FROM bench_load.requests r
          JOIN order_requests o ON o.id = r.id
          -- An approved customer order (number % 40 = 5) takes a product stocked at location 1 and not archived: n an
          -- odd multiple of 10.
          JOIN bench_load.catalogue p ON p.c = r.c AND p.n = CASE
            WHEN r.number % 40 = 5 THEN 10 * (1 + 2 * (r.number % greatest(1, ${productsOf("r.c")} / 20)))
            ELSE 1 + r.number % ${productsOf("r.c")} END;
      -- What the approved customer orders reserve, on their stock rows and in the totals.
      UPDATE stock_levels s SET reserved = h.reserved
        FROM (SELECT o.location_id, l.product_id, sum(l.approved_quantity)::int AS reserved
                FROM order_requests o JOIN order_lines l ON l.order_id = o.id
               WHERE o.status = 'APPROVED' AND o.type = 'CUSTOMER_ORDER'
               GROUP BY 1, 2) h
       WHERE s.product_id = h.product_id AND s.location_id = h.location_id;
      UPDATE product_stock_totals t SET reserved = s.reserved
        FROM (SELECT product_id, sum(reserved)::int AS reserved FROM stock_levels GROUP BY 1 HAVING sum(reserved) > 0) s
       WHERE t.product_id = s.product_id;
      UPDATE order_request_counters o SET last_number = m.last
        FROM (SELECT c, max(number) AS last FROM bench_load.requests GROUP BY c) m
       WHERE o.company_id = ${companySql("m.c")};`,
    ],
    [
      `${size.audit.toLocaleString("en-US")} audit rows`,
      `
      SET session_replication_role = replica;
      INSERT INTO audit_logs (id, company_id, actor_id, actor_name, actor_email, action, entity_type, entity_id, after,
                              created_at)
        SELECT gen_random_uuid(), ${companySql("c")}, ${userIdSql("1", "c")}, 'Manager ' || c,
               'manager-' || c || '@load.bench.example', 'product.update', 'Product', null,
               jsonb_build_object('reorderPoint', g % 30),
               now() - (${size.audit} - g) * (interval '365 days' / ${size.audit})
          FROM (SELECT g, 1 + g % ${companies} AS c FROM generate_series(1, ${size.audit}) g) a;
      DROP SCHEMA bench_load CASCADE;
      ANALYZE;`,
    ],
  ];
}

export async function runSql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
