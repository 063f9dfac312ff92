// The audit logs and the stock ledger are append-only: no application role may change or remove a row, not even
// through a grant added by mistake (a trigger refuses too), nor remove one by deleting what it references (their
// foreign keys restrict). Only the owner role removes rows (retention, removing a company); nobody rewrites one.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../../lib/db/client";
import { APP_ROLE } from "../../../lib/db/roles";
import { createCompanyFixture, type CompanyFixture } from "../../factories/company";
import { appRolePool, asCompany, ownerRolePool, superuserClient, superuserPool, testDatabase } from "../../helpers/db";

let superuser: PrismaClient;
let superuserDb: pg.Pool;
let app: pg.Pool;
let systemPool: pg.Pool;
let owner: pg.Pool;
let a: CompanyFixture;

beforeAll(async () => {
  superuser = superuserClient();
  superuserDb = superuserPool();
  app = appRolePool();
  systemPool = new pg.Pool({ connectionString: testDatabase.systemUrl, max: 2 });
  owner = ownerRolePool();
  a = await createCompanyFixture(superuser, "append");
});

afterAll(async () => {
  await Promise.all([superuser.$disconnect(), superuserDb.end(), app.end(), systemPool.end(), owner.end()]);
});

async function run(pool: pg.Pool, companyId: string | null, sql: string, params: unknown[]) {
  const client = await pool.connect();
  try {
    return await asCompany(client, companyId, () => client.query(sql, params));
  } finally {
    client.release();
  }
}

/** Runs `work` as `pool`'s role in company A's context, then rolls everything back. */
async function rolledBack(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.company_id', $1, true)", [a.companyId]);
    await work(client);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

const TABLES = [
  { table: "audit_logs", idOf: () => a.auditId, column: "action" },
  { table: "stock_movements", idOf: () => null, column: "note" },
] as const;

async function rowId(table: string, given: string | null): Promise<string> {
  if (given) return given;
  const { rows } = await superuserDb.query(`SELECT id FROM ${table} WHERE company_id = $1 LIMIT 1`, [a.companyId]);
  return rows[0].id;
}

async function exists(table: string, id: string): Promise<boolean> {
  const { rows } = await superuserDb.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id]);
  return rows[0].n === 1;
}

describe.each(TABLES)("$table", ({ table, idOf, column }) => {
  it("the app role, in the owning company, can neither update nor delete a row", async () => {
    const id = await rowId(table, idOf());
    await expect(
      run(app, a.companyId, `UPDATE ${table} SET ${column} = 'x' WHERE id = $1`, [id]),
    ).rejects.toMatchObject({
      code: "42501",
    });
    await expect(run(app, a.companyId, `DELETE FROM ${table} WHERE id = $1`, [id])).rejects.toMatchObject({
      code: "42501",
    });
    expect(await exists(table, id)).toBe(true);
  });

  it("the system role can neither update nor delete a row", async () => {
    const id = await rowId(table, idOf());
    await expect(
      run(systemPool, null, `UPDATE ${table} SET ${column} = 'x' WHERE id = $1`, [id]),
    ).rejects.toMatchObject({
      code: "42501",
    });
    await expect(run(systemPool, null, `DELETE FROM ${table} WHERE id = $1`, [id])).rejects.toMatchObject({
      code: "42501",
    });
  });

  it("a DELETE or TRUNCATE granted to the app role by mistake is still refused (trigger)", async () => {
    const id = await rowId(table, idOf());
    await rolledBack(superuserDb, async (client) => {
      await client.query(`GRANT DELETE, TRUNCATE ON ${table} TO ${APP_ROLE}`);
      await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await client.query("SAVEPOINT attempt");
      await expect(client.query(`DELETE FROM ${table} WHERE id = $1`, [id])).rejects.toMatchObject({
        code: "42501",
        message: expect.stringMatching(/only the table owner removes them/),
      });
      await client.query("ROLLBACK TO SAVEPOINT attempt");
      await expect(client.query(`TRUNCATE ${table}`)).rejects.toMatchObject({
        code: "42501",
        message: expect.stringMatching(/only the table owner removes them/),
      });
    });
    expect(await exists(table, id)).toBe(true);
  });

  it("the owner role may remove a row, but even it cannot rewrite one (trigger)", async () => {
    const id = await rowId(table, idOf());
    await rolledBack(owner, async (client) => {
      await client.query("SAVEPOINT attempt");
      await expect(client.query(`UPDATE ${table} SET ${column} = 'x' WHERE id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await client.query("ROLLBACK TO SAVEPOINT attempt");
      const removed = await client.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
      expect(removed.rowCount).toBe(1);
    });
    expect(await exists(table, id)).toBe(true);
  });
});

describe("no delete reaches the ledger", () => {
  /** A company that received 5 more against its fixture order: on hand 15, ledger 10 + 5. */
  async function receivedAgainstOrder(): Promise<CompanyFixture> {
    const company = await createCompanyFixture(superuser, "cascade");
    await superuser.$transaction([
      superuser.stockMovement.create({
        data: {
          companyId: company.companyId,
          productId: company.productId,
          locationId: company.locationId,
          orderId: company.orderId,
          quantity: 5,
          balanceAfter: 15,
          reason: "RECEIVED",
        },
      }),
      superuser.$executeRaw`UPDATE stock_levels SET on_hand = 15 WHERE company_id = ${company.companyId}::uuid`,
    ]);
    return company;
  }

  async function ledgerAndOnHand(company: CompanyFixture) {
    const { rows } = await superuserDb.query(
      `SELECT (SELECT coalesce(sum(quantity), 0)::int FROM stock_movements WHERE product_id = $1) AS ledger,
              (SELECT coalesce(sum(on_hand), 0)::int FROM stock_levels WHERE product_id = $1) AS on_hand`,
      [company.productId],
    );
    return rows[0] as { ledger: number; on_hand: number };
  }

  const REFERENCED = [
    { table: "order_requests", idOf: (c: CompanyFixture) => c.orderId },
    { table: "products", idOf: (c: CompanyFixture) => c.productId },
    { table: "locations", idOf: (c: CompanyFixture) => c.locationId },
  ];

  it.each(REFERENCED)("the app role cannot delete a row of $table, so the ledger keeps its movements", async (ref) => {
    const company = await receivedAgainstOrder();
    await expect(
      run(app, company.companyId, `DELETE FROM ${ref.table} WHERE id = $1`, [ref.idOf(company)]),
    ).rejects.toMatchObject({ code: "42501" });
    expect(await ledgerAndOnHand(company)).toEqual({ ledger: 15, on_hand: 15 });
  });

  it.each([...REFERENCED, { table: "companies", idOf: (c: CompanyFixture) => c.companyId }])(
    "not even the superuser can delete a row of $table that the ledger names",
    async (ref) => {
      const company = await receivedAgainstOrder();
      await expect(
        superuserDb.query(`DELETE FROM ${ref.table} WHERE id = $1`, [ref.idOf(company)]),
      ).rejects.toMatchObject({ code: "23503" });
      expect(await ledgerAndOnHand(company)).toEqual({ ledger: 15, on_hand: 15 });
    },
  );
});
