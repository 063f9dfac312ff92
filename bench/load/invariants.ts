// What must hold after every load run (issue 14 item 4), read as the superuser: each a count of the rows that break
// it; the messages of those that do not hold.
import type pg from "pg";

const CHECKS: [string, string][] = [
  [
    "stock rows ≠ the sum of their movements",
    `SELECT count(*) FROM stock_levels s
       FULL JOIN (SELECT product_id, location_id, sum(quantity) AS total FROM stock_movements
                   GROUP BY product_id, location_id) m USING (product_id, location_id)
      WHERE coalesce(s.on_hand, 0) <> coalesce(m.total, 0)`,
  ],
  [
    "product totals ≠ the sums of their stock rows",
    `SELECT count(*) FROM product_stock_totals t
       LEFT JOIN (SELECT product_id, sum(on_hand) AS on_hand, sum(reserved) AS reserved FROM stock_levels
                   GROUP BY product_id) s USING (product_id)
      WHERE t.on_hand <> coalesce(s.on_hand, 0) OR t.reserved <> coalesce(s.reserved, 0)`,
  ],
  [
    "value shards ≠ the sums of their products' values",
    `SELECT count(*) FROM (SELECT company_id, (get_byte(uuid_send(product_id), 15) % 16)::smallint AS shard,
                                  sum(cost_value) AS cost_value, sum(sale_value) AS sale_value
                             FROM product_stock_totals GROUP BY 1, 2) t
       FULL JOIN stock_value_shards v USING (company_id, shard)
      WHERE coalesce(v.cost_value, 0) <> coalesce(t.cost_value, 0) OR coalesce(v.sale_value, 0) <> coalesce(t.sale_value, 0)`,
  ],
  [
    "products without a totals row",
    `SELECT count(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM product_stock_totals t WHERE t.product_id = p.id)`,
  ],
  [
    "stock rows whose reserved is not what the approved customer orders and backorders there still hold",
    `SELECT count(*) FROM stock_levels s
       FULL JOIN (SELECT l.product_id, o.location_id, sum(l.approved_quantity - l.fulfilled_quantity) AS quantity
                    FROM order_requests o JOIN order_lines l ON l.order_id = o.id
                   WHERE o.status IN ('APPROVED', 'PARTIALLY_FULFILLED') AND o.type = 'CUSTOMER_ORDER'
                   GROUP BY 1, 2) h ON h.product_id = s.product_id AND h.location_id = s.location_id
      WHERE coalesce(s.reserved, 0) <> coalesce(h.quantity, 0)`,
  ],
  [
    "request counters behind their last request",
    `SELECT count(*) FROM order_request_counters c
       JOIN (SELECT company_id, max(number) AS last FROM order_requests GROUP BY company_id) r USING (company_id)
      WHERE c.last_number < r.last`,
  ],
];

/**
 * The shared invariants, and that every request created with a 201 (by its Idempotency-Key) is stored and every
 * request whose fulfilment was acknowledged ({"ok":true} from the action) is FULFILLED.
 */
export async function checkInvariants(
  db: pg.Pool,
  createdKeys: string[],
  fulfilledIds: string[] = [],
): Promise<string[]> {
  const broken: string[] = [];
  for (const [what, sql] of CHECKS) {
    const { rows } = await db.query<{ count: string }>(sql);
    if (Number(rows[0]!.count) > 0) broken.push(`${rows[0]!.count} ${what}`);
  }
  if (createdKeys.length > 0) {
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) FROM order_requests WHERE client_request_id = ANY($1::uuid[])`,
      [createdKeys],
    );
    const lost = createdKeys.length - Number(rows[0]!.count);
    if (lost !== 0) broken.push(`${lost} of ${createdKeys.length} created requests (201) not in the database`);
  }
  if (fulfilledIds.length > 0) {
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) FROM order_requests WHERE id = ANY($1::uuid[]) AND status = 'FULFILLED'`,
      [fulfilledIds],
    );
    const lost = fulfilledIds.length - Number(rows[0]!.count);
    if (lost !== 0) broken.push(`${lost} of ${fulfilledIds.length} acknowledged fulfilments not FULFILLED`);
  }
  return broken;
}
