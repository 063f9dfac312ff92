// The audit log and the stock ledger are append-only: no application role may change or remove a row, and
// not even the owner may rewrite one.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../../lib/db/client";
import { createCompanyFixture, type CompanyFixture } from "../../factories/company";
import { appRolePool, asCompany, ownerPool, systemClient, testDatabase } from "../../helpers/db";

let system: PrismaClient;
let app: pg.Pool;
let systemPool: pg.Pool;
let owner: pg.Pool;
let a: CompanyFixture;

beforeAll(async () => {
  system = systemClient();
  app = appRolePool();
  systemPool = new pg.Pool({ connectionString: testDatabase.systemUrl, max: 2 });
  owner = ownerPool();
  a = await createCompanyFixture(system, "append");
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.end(), systemPool.end(), owner.end()]);
});

async function run(pool: pg.Pool, companyId: string | null, sql: string, params: unknown[]) {
  const client = await pool.connect();
  try {
    return await asCompany(client, companyId, () => client.query(sql, params));
  } finally {
    client.release();
  }
}

const TABLES = [
  { table: "audit_logs", idOf: () => a.auditId, column: "action" },
  { table: "stock_movements", idOf: () => null, column: "note" },
] as const;

async function rowId(table: string, given: string | null): Promise<string> {
  if (given) return given;
  const { rows } = await owner.query(`SELECT id FROM ${table} WHERE company_id = $1 LIMIT 1`, [a.companyId]);
  return rows[0].id;
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
    const still = await owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id]);
    expect(still.rows[0].n).toBe(1);
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

  it("even the owner cannot rewrite a row (trigger)", async () => {
    const id = await rowId(table, idOf());
    const client = await owner.connect();
    try {
      await client.query("BEGIN");
      await expect(client.query(`UPDATE ${table} SET ${column} = 'x' WHERE id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
