// Migration 20261213010000_partial_fulfilment on a database that already holds decided requests: every line of a
// request approved or fulfilled before partial quantities existed was approved whole (and, when fulfilled, fulfilled
// whole), a cancelled request keeps its approval if it had one, pending and rejected requests approved nothing. Run
// as the owner role, as in production: FORCE row-level security binds it, and the backfill must see every company's
// rows all the same. Afterwards the CHECKs refuse quantities beyond what was requested or approved, and a writer
// that knows nothing of the columns still leaves whole quantities behind (the trigger).
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "../../lib/db/schema-engine";
import { scratchMigrations, type ScratchMigrations } from "../helpers/scratch-migrations";

const MIGRATION = "20261213010000_partial_fulfilment";
let migrations: ScratchMigrations;

beforeAll(async () => {
  migrations = await scratchMigrations(MIGRATION);
});

afterAll(() => migrations.cleanUp());

type Status = "PENDING" | "APPROVED" | "REJECTED" | "FULFILLED" | "CANCELLED";

it("backfills the quantities of requests decided before it, in every company, and then holds them", async () => {
  const { ownerUrl, db } = await migrations.scratchDatabase("partial_backfill");
  try {
    await applyMigrations(ownerUrl, migrations.earlier);
    const one = async (sql: string, params: unknown[] = []) =>
      (await db.query<{ id: string }>(sql, params)).rows[0]!.id;
    const user = await one(
      `INSERT INTO users (id, email, name, password_hash, updated_at)
       VALUES (gen_random_uuid(), 'requester@existing.example', 'Requester', 'x', now()) RETURNING id::text`,
    );
    // Each case: its request's status, whether it had been decided, and what the line must hold afterwards.
    const cases: { status: Status; decided: boolean; approved: number | null; fulfilled: number }[] = [
      { status: "PENDING", decided: false, approved: null, fulfilled: 0 },
      { status: "APPROVED", decided: true, approved: 7, fulfilled: 0 },
      { status: "REJECTED", decided: true, approved: null, fulfilled: 0 },
      { status: "FULFILLED", decided: true, approved: 7, fulfilled: 7 },
      { status: "CANCELLED", decided: false, approved: null, fulfilled: 0 },
      { status: "CANCELLED", decided: true, approved: 7, fulfilled: 0 },
    ];
    const lines: string[] = [];
    // Two companies, so a backfill that saw only one (or none, under row-level security) would show.
    for (const slug of ["backfill-a", "backfill-b"]) {
      const company = await one(
        "INSERT INTO companies (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id::text",
        [slug],
      );
      const location = await one(
        "INSERT INTO locations (id, company_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'Main', now()) RETURNING id::text",
        [company],
      );
      const product = await one(
        `INSERT INTO products (id, company_id, sku, name, updated_at)
         VALUES (gen_random_uuid(), $1, 'SKU-1', 'Widget', now()) RETURNING id::text`,
        [company],
      );
      for (const [index, entry] of cases.entries()) {
        const order = await one(
          `INSERT INTO order_requests (id, company_id, number, type, status, location_id, requester_id,
                                       client_request_id, payload_hash, decided_at, updated_at)
           VALUES (gen_random_uuid(), $1, $2, 'CUSTOMER_ORDER', $3::"OrderStatus", $4, $5, gen_random_uuid(),
                   repeat('0', 64), $6, now()) RETURNING id::text`,
          [company, index + 1, entry.status, location, user, entry.decided ? new Date() : null],
        );
        lines.push(
          await one(
            `INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price)
             VALUES (gen_random_uuid(), $1, $2, $3, 7, 1.00) RETURNING id::text`,
            [company, order, product],
          ),
        );
      }
    }

    expect(await applyMigrations(ownerUrl)).toContain(MIGRATION);

    const { rows } = await db.query<{ id: string; approved: number | null; fulfilled: number }>(
      "SELECT id::text, approved_quantity AS approved, fulfilled_quantity AS fulfilled FROM order_lines",
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const expected = [...cases, ...cases].map(({ approved, fulfilled }) => ({ approved, fulfilled }));
    expect(lines.map((id) => ({ approved: byId.get(id)!.approved, fulfilled: byId.get(id)!.fulfilled }))).toEqual(
      expected,
    );
    // Row-level security is forced again on both tables.
    const { rows: forced } = await db.query<{ relname: string; forced: boolean }>(
      `SELECT relname, relforcerowsecurity AS forced FROM pg_class
        WHERE relname IN ('order_lines', 'order_requests') ORDER BY relname`,
    );
    expect(forced).toEqual([
      { relname: "order_lines", forced: true },
      { relname: "order_requests", forced: true },
    ]);
    // Beyond what was requested, or fulfilled beyond what was approved: refused by the CHECKs.
    const line = lines[1]!;
    await expect(db.query("UPDATE order_lines SET approved_quantity = 8 WHERE id = $1", [line])).rejects.toMatchObject({
      code: "23514",
    });
    await expect(db.query("UPDATE order_lines SET fulfilled_quantity = 8 WHERE id = $1", [line])).rejects.toMatchObject(
      { code: "23514" },
    );
    await expect(db.query("UPDATE order_lines SET approved_quantity = -1 WHERE id = $1", [line])).rejects.toMatchObject(
      { code: "23514" },
    );

    // A writer that predates the columns (an older instance during a rolling deploy) moves a pending request to
    // APPROVED, then FULFILLED, writing neither column: each line comes out approved and fulfilled whole.
    const pendingLine = lines[0]!;
    const { rows: owner } = await db.query<{ order: string }>(
      "SELECT order_id::text AS order FROM order_lines WHERE id = $1",
      [pendingLine],
    );
    const quantities = async () =>
      (
        await db.query<{ approved: number | null; fulfilled: number }>(
          "SELECT approved_quantity AS approved, fulfilled_quantity AS fulfilled FROM order_lines WHERE id = $1",
          [pendingLine],
        )
      ).rows[0];
    await db.query("UPDATE order_requests SET status = 'APPROVED', version = 2 WHERE id = $1", [owner[0]!.order]);
    expect(await quantities()).toEqual({ approved: 7, fulfilled: 0 });
    await db.query("UPDATE order_requests SET status = 'FULFILLED', version = 3 WHERE id = $1", [owner[0]!.order]);
    expect(await quantities()).toEqual({ approved: 7, fulfilled: 7 });
  } finally {
    await db.end();
  }
}, 60_000);
