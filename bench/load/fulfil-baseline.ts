// What the domain layer costs a fulfilment (issue 14 item 4; bench/README.md "Load"): the same fulfilment through the
// lib function (fulfilOrderRequest, in this process, no HTTP) and as its bare SQL through plain `pg`, on approved
// restocks of one line each, every one on a product of its own.
//
// The bare SQL is the lib's own, recorded: one fulfilment runs through the lib while every statement its connection
// sends is captured (text and values, BEGIN to COMMIT), and each plain fulfilment replays that list on a pooled
// connection with the first order's ids swapped for the next order's (request, line, product, location, stock row)
// and every other id the first one made (audit row, email, movement) replaced by a fresh one. The database does the
// same work both ways — the same locks, rows, triggers and notifications; the replay's transaction carries the
// lib's writer mark (withTenantTx's first statement) — so the ratio is what Prisma, zod, the checks and the
// decisions in between cost. Both sides run `concurrency` fulfilments at a time on the app role, straight to
// PostgreSQL.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { TenantContext } from "../../lib/context";

interface Recorded {
  text: string;
  values: unknown[];
}

/** The ids of one approved restock that its fulfilment's statements name. */
interface OrderIds {
  order: string;
  line: string;
  product: string;
  location: string;
  stockLevel: string;
}

export interface FulfilmentBaseline {
  fulfilments: number;
  concurrency: number;
  statements: number;
  libPerSecond: number;
  plainPerSecond: number;
  /** libPerSecond ÷ plainPerSecond (target ≥ 0.4). */
  ratio: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

async function orderIds(db: pg.Pool, orders: string[]): Promise<OrderIds[]> {
  const { rows } = await db.query<OrderIds>(
    `SELECT o.id AS "order", l.id AS line, l.product_id AS product, o.location_id AS location, s.id AS "stockLevel"
       FROM order_requests o
       JOIN order_lines l ON l.order_id = o.id
       JOIN stock_levels s ON s.product_id = l.product_id AND s.location_id = o.location_id
      WHERE o.id = ANY($1::uuid[])`,
    [orders],
  );
  const byOrder = new Map(rows.map((row) => [row.order, row]));
  return orders.map((order) => byOrder.get(order)!);
}

/** Runs `work` on every item, `concurrency` at a time; items per second. */
async function throughput<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
  return items.length / ((performance.now() - started) / 1000);
}

/**
 * `orders`: approved restocks (version 2) of `ctx`'s company, one line each on products of their own; the first is
 * recorded, then half of the rest go through the lib and half through plain pg. Needs DATABASE_URL and
 * DATABASE_SYSTEM_URL set for the lib (direct, app and system roles) before the lib's first use.
 */
export async function fulfilmentBaseline(options: {
  ctx: TenantContext;
  appUrl: string;
  superuserUrl: string;
  orders: string[];
  concurrency: number;
}): Promise<FulfilmentBaseline> {
  const { ctx, concurrency } = options;
  const { fulfilOrderRequest } = await import("../../lib/orders/fulfil-order-request");
  const db = new pg.Pool({ connectionString: options.superuserUrl, max: 2 });
  const plain = new pg.Pool({ connectionString: options.appUrl, max: concurrency });
  try {
    const [first, ...rest] = await orderIds(db, options.orders);
    // The replay sends the recorded statements' values, the quantity moved and the line's fulfilled quantity among
    // them: every request gets the first one's quantity (restocks reserve nothing), so each moves what its line says.
    await db.query(
      `UPDATE order_lines l SET quantity = f.quantity, approved_quantity = f.quantity
         FROM order_lines f WHERE f.order_id = $1 AND l.order_id = ANY($2::uuid[])`,
      [first!.order, rest.map((ids) => ids.order)],
    );
    const half = Math.floor(rest.length / 2);
    const viaLib = rest.slice(0, half);
    const viaPlain = rest.slice(half);

    // Record the first fulfilment's statements, per connection (pool connections are pg.Client instances): the
    // outbox worker the approvals woke may be running in this process too.
    const recorded = new Map<pg.Client, Recorded[]>();
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const statement =
        typeof config === "string"
          ? { text: config, values: values ?? [] }
          : config && typeof config === "object" && "text" in config
            ? { text: config.text, values: config.values ?? [] }
            : null;
      if (statement) recorded.set(this, [...(recorded.get(this) ?? []), statement]);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      await fulfilOrderRequest(ctx, { orderId: first!.order, version: 2 });
    } finally {
      pg.Client.prototype.query = query;
    }
    // The fulfilment's connection: the one that set the request's fulfilled_by_id.
    const statements = [...recorded.values()].find((list) => list.some((s) => s.text.includes("fulfilled_by_id")));
    const begin = statements?.findIndex((statement) => statement.text === "BEGIN") ?? -1;
    const commit = statements?.findIndex((statement, i) => i > begin && statement.text === "COMMIT") ?? -1;
    if (!statements || begin < 0 || commit < 0) throw new Error("no BEGIN … COMMIT recorded for the fulfilment");
    const script = statements.slice(begin + 1, commit);
    // The lib's transaction marks itself as a writer that knows per-line quantities in the statement that sets the
    // company (withTenantTx), so the replay sends the mark too and the trigger treats both alike; a replay without it
    // would write as the previous release does (migration 20261213090000_old_writer_guard).
    if (!script.some((statement) => statement.text.includes("'app.line_quantities', 'on'"))) {
      throw new Error("the recorded fulfilment does not set app.line_quantities: the replay would not be the lib's");
    }

    // The ids the recording may name that stay as they are: the company, the people, the session.
    const kept = new Set([ctx.companyId, ctx.userId].map((id) => id.toLowerCase()));
    const { rows: people } = await db.query<{ id: string }>(
      "SELECT user_id AS id FROM memberships WHERE company_id = $1",
      [ctx.companyId],
    );
    for (const person of people) kept.add(person.id.toLowerCase());
    const swap = (ids: OrderIds) => {
      const map = new Map<string, string>(
        (Object.keys(ids) as (keyof OrderIds)[]).map((key) => [first![key].toLowerCase(), ids[key]]),
      );
      const made = new Map<string, string>();
      const text = (value: string) =>
        value.replace(UUID, (id) => {
          const lower = id.toLowerCase();
          if (kept.has(lower)) return id;
          const mapped = map.get(lower);
          if (mapped) return mapped;
          if (!made.has(lower)) made.set(lower, randomUUID());
          return made.get(lower)!;
        });
      const value = (v: unknown): unknown =>
        typeof v === "string"
          ? text(v)
          : Array.isArray(v)
            ? v.map(value)
            : v instanceof Date
              ? new Date()
              : v && typeof v === "object" && !Buffer.isBuffer(v)
                ? Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, value(inner)]))
                : v;
      return script.map((statement) => ({ text: statement.text, values: statement.values.map(value) }));
    };

    const libPerSecond = await throughput(viaLib, concurrency, (ids) =>
      fulfilOrderRequest(ctx, { orderId: ids.order, version: 2 }),
    );
    const plainPerSecond = await throughput(viaPlain, concurrency, async (ids) => {
      const client = await plain.connect();
      try {
        await client.query("BEGIN");
        for (const statement of swap(ids)) await client.query(statement.text, statement.values);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    });
    // Every replayed fulfilment really fulfilled its request, as the lib's did.
    const { rows: states } = await db.query<{ status: string; n: number }>(
      "SELECT status::text, count(*)::int AS n FROM order_requests WHERE id = ANY($1::uuid[]) GROUP BY status",
      [options.orders],
    );
    const fulfilled = states.find((state) => state.status === "FULFILLED")?.n ?? 0;
    if (fulfilled !== options.orders.length) {
      throw new Error(`${fulfilled} of ${options.orders.length} requests fulfilled: ${JSON.stringify(states)}`);
    }
    return {
      fulfilments: viaLib.length + viaPlain.length,
      concurrency,
      statements: script.length + 2,
      libPerSecond,
      plainPerSecond,
      ratio: libPerSecond / plainPerSecond,
    };
  } finally {
    await Promise.all([db.end(), plain.end()]);
  }
}
