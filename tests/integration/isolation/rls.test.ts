// Layer 2 alone: raw SQL as the app role, no Prisma extension in the way. Row-level security must keep
// companies apart by itself, and a connection must carry no tenant context beyond its transaction.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../../lib/db/client";
import { APP_ROLE } from "../../../lib/db/roles";
import { withTenantTx } from "../../../lib/db/tenant";
import { createCompanyFixture, type CompanyFixture } from "../../factories/company";
import { appRolePool, asCompany, superuserPool, superuserClient, testDatabase } from "../../helpers/db";

let system: PrismaClient;
let app: pg.Pool;
let owner: pg.Pool;
let a: CompanyFixture;
let b: CompanyFixture;
let tablesWithCompanyId: string[];

beforeAll(async () => {
  system = superuserClient();
  app = appRolePool(3);
  owner = superuserPool();
  [a, b] = await Promise.all([createCompanyFixture(system, "rls-a"), createCompanyFixture(system, "rls-b")]);
  // Each admin's phone with notifications on: push subscriptions are tenant rows the shared fixture leaves out (its
  // admins would get every test's pushes).
  for (const fixture of [a, b]) {
    const session = await system.session.create({
      data: { userId: fixture.admin.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await system.pushSubscription.create({
      data: {
        companyId: fixture.companyId,
        userId: fixture.admin.id,
        sessionId: session.id,
        endpoint: `https://fcm.googleapis.com/fcm/send/rls-${fixture.slug}`,
        p256dh: "B".repeat(87),
        auth: "A".repeat(22),
      },
    });
  }
  const { rows } = await owner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'company_id' ORDER BY table_name`,
  );
  tablesWithCompanyId = rows.map((row) => row.table_name);
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.end(), owner.end()]);
});

/** Runs SQL as the app role inside a transaction with the RLS context set to `companyId` (or none). */
async function asApp<T extends pg.QueryResultRow>(companyId: string | null, sql: string, params: unknown[] = []) {
  const client = await app.connect();
  try {
    return await asCompany(client, companyId, () => client.query<T>(sql, params));
  } finally {
    client.release();
  }
}

describe("with no tenant context", () => {
  it("every tenant table, companies and users return no rows to the app role (or refuse it outright)", async () => {
    expect(tablesWithCompanyId).toEqual(
      expect.arrayContaining(["products", "stock_levels", "stock_movements", "order_requests", "audit_logs"]),
    );
    for (const table of [...tablesWithCompanyId, "companies", "users"]) {
      const readable = await owner.query("SELECT has_table_privilege($1, $2, 'SELECT') OR $2 = 'users' AS ok", [
        APP_ROLE,
        table,
      ]);
      if (!readable.rows[0].ok) {
        // Tables tenant code never reads (expected-privileges.ts) are closed by their grants as well.
        await expect(asApp(null, `SELECT count(*) FROM "${table}"`), table).rejects.toMatchObject({ code: "42501" });
        continue;
      }
      // The superuser sees rows (the fixtures made some), the app role none.
      const column = table === "users" ? "id" : "*";
      const total = await owner.query(`SELECT count(${column})::int AS n FROM "${table}"`);
      expect(total.rows[0].n, `${table} has fixture rows`).toBeGreaterThan(0);
      const visible = await asApp<{ n: number }>(null, `SELECT count(${column})::int AS n FROM "${table}"`);
      expect(visible.rows[0]!.n, `${table} visible without context`).toBe(0);
    }
  });

  it("platform tables are closed to the app role", async () => {
    for (const table of [
      "platform_audit_logs",
      "contact_messages",
      "rate_limit_buckets",
      "platform_settings",
      "sign_in_lockouts",
    ]) {
      await expect(asApp(a.companyId, `SELECT * FROM "${table}"`), table).rejects.toMatchObject({ code: "42501" });
    }
  });
});

describe("as company B, by company A's ids (RLS alone)", () => {
  it("reads nothing", async () => {
    const queries: [string, string][] = [
      ["SELECT id FROM products WHERE id = $1", a.productId],
      ["SELECT id FROM locations WHERE id = $1", a.locationId],
      ["SELECT id FROM order_requests WHERE id = $1", a.orderId],
      ["SELECT id FROM order_lines WHERE order_id = $1", a.orderId],
      ["SELECT id FROM stock_levels WHERE product_id = $1", a.productId],
      ["SELECT id FROM stock_movements WHERE product_id = $1", a.productId],
      ["SELECT product_id FROM product_stock_totals WHERE product_id = $1", a.productId],
      ["SELECT shard FROM stock_value_shards WHERE company_id = $1", a.companyId],
      ["SELECT id FROM audit_logs WHERE id = $1", a.auditId],
      ["SELECT id FROM memberships WHERE id = $1", a.membershipId],
      ["SELECT id FROM companies WHERE id = $1", a.companyId],
      ["SELECT id FROM users WHERE id = $1", a.admin.id],
    ];
    for (const [sql, id] of queries) {
      const result = await asApp(b.companyId, sql, [id]);
      expect(result.rowCount, sql).toBe(0);
    }
    // The same queries as A do find the rows: the zero above is isolation, not a wrong query.
    const own = await asApp(a.companyId, "SELECT id FROM products WHERE id = $1", [a.productId]);
    expect(own.rowCount).toBe(1);
    const ownTotals = await asApp(a.companyId, "SELECT on_hand FROM product_stock_totals WHERE product_id = $1", [
      a.productId,
    ]);
    expect(ownTotals.rows).toEqual([{ on_hand: "10" }]);
    // A's one product: 10 on hand at a cost of 2.50.
    const ownValue = await asApp(a.companyId, "SELECT sum(cost_value)::text AS value FROM stock_value_shards", []);
    expect(ownValue.rows).toEqual([{ value: "25.00" }]);
  });

  it("updates and deletes nothing", async () => {
    const before = await owner.query("SELECT name, version FROM products WHERE id = $1", [a.productId]);
    const statements: [string, string][] = [
      ["UPDATE products SET name = 'stolen' WHERE id = $1", a.productId],
      ["UPDATE locations SET name = 'stolen' WHERE id = $1", a.locationId],
      ["UPDATE stock_levels SET on_hand = 0 WHERE product_id = $1", a.productId],
      ["UPDATE order_requests SET status = 'CANCELLED' WHERE id = $1", a.orderId],
      ["UPDATE memberships SET role = 'STAFF' WHERE id = $1", a.membershipId],
      ["UPDATE companies SET name = 'stolen' WHERE id = $1", a.companyId],
      ["DELETE FROM order_lines WHERE order_id = $1", a.orderId],
    ];
    for (const [sql, id] of statements) {
      const result = await asApp(b.companyId, sql, [id]);
      expect(result.rowCount, sql).toBe(0);
    }
    const after = await owner.query("SELECT name, version FROM products WHERE id = $1", [a.productId]);
    expect(after.rows).toEqual(before.rows);
    const counts = await owner.query(
      `SELECT (SELECT count(*) FROM order_lines WHERE order_id = $1)::int AS lines,
              (SELECT on_hand FROM stock_levels WHERE product_id = $2) AS on_hand,
              (SELECT status FROM order_requests WHERE id = $1) AS status,
              (SELECT role FROM memberships WHERE id = $3) AS role,
              (SELECT name FROM companies WHERE id = $4) AS company`,
      [a.orderId, a.productId, a.membershipId, a.companyId],
    );
    expect(counts.rows[0]).toEqual({
      lines: 1,
      on_hand: 10,
      status: "PENDING",
      role: "ADMIN",
      company: `Company ${a.slug}`,
    });
  });

  it("cannot insert rows that belong to company A", async () => {
    const inserts: [string, unknown[]][] = [
      [
        "INSERT INTO products (id, company_id, sku, name, updated_at) VALUES (gen_random_uuid(), $1, 'X-1', 'x', now())",
        [a.companyId],
      ],
      [
        "INSERT INTO locations (id, company_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'x', now())",
        [a.companyId],
      ],
      [
        "INSERT INTO audit_logs (id, company_id, action, entity_type) VALUES (gen_random_uuid(), $1, 'x.y', 'x')",
        [a.companyId],
      ],
      [
        "INSERT INTO email_outbox (id, company_id, template, to_address, subject, props) VALUES (gen_random_uuid(), $1, 't', 'a@b.c', 's', '{}')",
        [a.companyId],
      ],
      [
        "INSERT INTO memberships (id, company_id, user_id, role, updated_at) VALUES (gen_random_uuid(), $1, $2, 'ADMIN', now())",
        [a.companyId, b.admin.id],
      ],
      // Refused by its grants as well (the app role only reads the totals; triggers write them).
      [
        "INSERT INTO product_stock_totals (company_id, product_id, cost_price, sale_price, reorder_point, archived) VALUES ($1, $2, 0, 0, 0, false)",
        [a.companyId, a.productId],
      ],
      ["INSERT INTO stock_value_shards (company_id, shard) VALUES ($1, 15)", [a.companyId]],
    ];
    for (const [sql, params] of inserts) {
      // 42501: new row violates row-level security policy.
      await expect(asApp(b.companyId, sql, params), sql).rejects.toMatchObject({ code: "42501" });
    }
    const leaked = await owner.query(
      "SELECT count(*)::int AS n FROM memberships WHERE company_id = $1 AND user_id = $2",
      [a.companyId, b.admin.id],
    );
    expect(leaked.rows[0].n).toBe(0);
  });
});

describe("users", () => {
  it("another company's users are invisible, and nobody's password hash is readable", async () => {
    const other = await asApp(b.companyId, "SELECT id, email FROM users WHERE id = $1", [a.admin.id]);
    expect(other.rowCount).toBe(0);
    const own = await asApp(b.companyId, "SELECT id, email FROM users WHERE id = $1", [b.admin.id]);
    expect(own.rows).toEqual([{ id: b.admin.id, email: b.admin.email }]);
    await expect(
      asApp(b.companyId, "SELECT password_hash FROM users WHERE id = $1", [b.admin.id]),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe("the tenant context does not outlive its transaction", () => {
  it("on a raw pool of one connection", async () => {
    const pool = appRolePool(1);
    try {
      const client = await pool.connect();
      const inside = await asCompany(client, a.companyId, () =>
        client.query("SELECT id FROM products WHERE company_id = $1", [a.companyId]),
      );
      client.release();
      expect(inside.rowCount).toBeGreaterThan(0);
      const after = await pool.query("SELECT count(*)::int AS n FROM products");
      expect(after.rows[0].n).toBe(0);
      const setting = await pool.query("SELECT current_setting('app.company_id', true) AS value");
      expect(setting.rows[0].value ?? "").toBe("");
    } finally {
      await pool.end();
    }
  });

  it("on a Prisma client of one connection", async () => {
    const client = createPrismaClient(testDatabase.appUrl, 1);
    try {
      const inside = await withTenantTx(a, (tx) => tx.product.findMany({ where: {}, select: { id: true } }), {
        client,
      });
      expect(inside.map((p) => p.id)).toContain(a.productId);
      // Straight on the client: no transaction, so no context, so no rows.
      expect(await client.product.findMany({ where: {}, select: { id: true } })).toEqual([]);
      expect(await client.stockLevel.count({ where: {} })).toBe(0);
      // Nor does the mark of a writer that knows per-line quantities (migration 20261213090000_old_writer_guard).
      const mark = "SELECT coalesce(current_setting('app.line_quantities', true), '') AS value";
      expect(await withTenantTx(a, (tx) => tx.$queryRawUnsafe(mark), { client })).toEqual([{ value: "on" }]);
      expect(await client.$queryRawUnsafe(mark)).toEqual([{ value: "" }]);
    } finally {
      await client.$disconnect();
    }
  });
});
