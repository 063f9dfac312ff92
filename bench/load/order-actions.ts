// W4 of the load benchmark: approve + fulfil, the request page's server actions (app/(app)/requests/actions.ts),
// called over HTTP as the page's form does: the action id from the build's server-reference manifest (as
// tests/integration/security/http-surface.test.ts finds them), the form's fields in React's reply encoding
// (the root array `[undefined, FormData]` in field "0", the FormData's fields prefixed "_1_", the company the page
// was rendered for in lib/form-company.ts's field). The requests they move are added here, pending, as the superuser.
import fs from "node:fs";
import type pg from "pg";
import { COMPANY_FIELD } from "../../lib/form-company";

const MANIFEST = ".next/server/server-reference-manifest.json";

export function orderActionIds(): { approve: string; fulfil: string } {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const idOf = (name: string) => {
    const found = Object.entries(manifest.node).find(
      ([, entry]) => entry.filename === "app/(app)/requests/actions.ts" && entry.exportedName === name,
    );
    if (!found) throw new Error(`${name} is not in ${MANIFEST}`);
    return found[0];
  };
  return { approve: idOf("approveOrderAction"), fulfil: idOf("fulfilOrderAction") };
}

const BOUNDARY = "----StockFlowLoadBench";
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A transition's form (orderId, version, note) as the browser posts it to the action. */
export function transitionBody(company: string, orderId: string, version: number): string {
  // The root last: the FormData it names holds the fields read before it. (An object would put the key "0" first.)
  const fields: [string, string][] = [
    [`_1_${COMPANY_FIELD}`, company],
    ["_1_orderId", orderId],
    ["_1_version", String(version)],
    ["_1_note", ""],
    ["0", JSON.stringify(["$undefined", "$K1"])],
  ];
  return (
    fields
      .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${BOUNDARY}--\r\n`
  );
}

/**
 * Adds `count` pending restocks of one line to the company, numbered after its counter (moved on with them): each on
 * a product of its own (the active stocked ones in turn), or all on `hotProduct`. Their ids.
 */
export async function addPendingRestocks(
  db: pg.Pool,
  company: string,
  count: number,
  hotProduct?: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH counter AS (
       UPDATE order_request_counters SET last_number = last_number + $2 WHERE company_id = $1
       RETURNING last_number - $2 AS first),
     stocked AS (
       SELECT row_number() OVER (ORDER BY s.product_id) AS n, s.product_id, s.location_id
         FROM stock_levels s JOIN products p ON p.id = s.product_id
        WHERE s.company_id = $1 AND NOT p.archived AND ($3::uuid IS NULL OR s.product_id = $3)),
     orders AS (
       INSERT INTO order_requests (id, company_id, number, type, status, location_id, requester_id,
                                   client_request_id, payload_hash, updated_at)
       SELECT gen_random_uuid(), $1, counter.first + g, 'RESTOCK', 'PENDING', s.location_id,
              (SELECT user_id FROM memberships WHERE company_id = $1 AND role = 'STAFF' LIMIT 1),
              gen_random_uuid(), repeat('0', 64), now()
         FROM counter, generate_series(1, $2) g
         JOIN stocked s ON s.n = 1 + (g - 1) % (SELECT count(*) FROM stocked)
       RETURNING id, number, location_id)
     INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price)
     SELECT gen_random_uuid(), $1, o.id, s.product_id, 1 + o.number % 5, 2.50
       FROM orders o JOIN counter ON true
       JOIN stocked s ON s.n = 1 + (o.number - counter.first - 1) % (SELECT count(*) FROM stocked)
     RETURNING order_id AS id`,
    [company, count, hotProduct ?? null],
  );
  return rows.map((row) => row.id);
}
