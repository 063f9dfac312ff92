// Connections to this run's test database, one per role, for tests that need to step around a layer.
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";

export const testDatabase = inject("testDatabase");

/** A raw node-postgres pool as the app role: no Prisma extension, RLS only. */
export function appRolePool(max = 2): pg.Pool {
  return new pg.Pool({ connectionString: testDatabase.appUrl, max });
}

/** A raw pool as the owner (superuser): sees and does everything; for catalog checks and set-up only. */
export function ownerPool(max = 2): pg.Pool {
  return new pg.Pool({ connectionString: testDatabase.migrateUrl, max });
}

/** A Prisma client as the system role (BYPASSRLS): creates fixtures across companies. */
export function systemClient(max = 3): PrismaClient {
  return createPrismaClient(testDatabase.systemUrl, max);
}

/** A Prisma client as the app role (RLS applies). */
export function appClient(max = 3): PrismaClient {
  return createPrismaClient(testDatabase.appUrl, max);
}

/** Runs `work` in a transaction on `client` with the RLS context set to `companyId` (or none). */
export async function asCompany<T>(
  client: pg.PoolClient | pg.Client,
  companyId: string | null,
  work: () => Promise<T>,
): Promise<T> {
  await client.query("BEGIN");
  try {
    if (companyId) await client.query("SELECT set_config('app.company_id', $1, true)", [companyId]);
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
