// Connections to this run's test database, one per role, for tests that need to step around a layer.
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";
import { urlFor } from "../../lib/db/roles";

export const testDatabase = inject("testDatabase");

/** A raw node-postgres pool as the app role: no Prisma extension, RLS only. */
export function appRolePool(max = 2): pg.Pool {
  return new pg.Pool({ connectionString: testDatabase.appUrl, max });
}

/**
 * A raw pool as the server's superuser on the test database: sees and does everything (no row-level security, no
 * grants); for set-up and inspection only, never in place of a role the app uses.
 */
export function superuserPool(max = 2): pg.Pool {
  return new pg.Pool({ connectionString: urlFor(testDatabase.serverUrl, { database: testDatabase.database }), max });
}

/** A raw pool as the owner role (owns the tables, runs migrations; FORCE row-level security binds it). */
export function ownerRolePool(max = 2): pg.Pool {
  return new pg.Pool({ connectionString: testDatabase.migrateUrl, max });
}

/** A Prisma client as the system role (BYPASSRLS), for code that production runs as that role (the demo seed). */
export function systemClient(max = 3): PrismaClient {
  return createPrismaClient(testDatabase.systemUrl, max);
}

/**
 * A Prisma client as the server's superuser on the test database: arranges fixtures and reads them back across
 * companies, including states no role of the app may write (a stock level set directly). The roles keep only the
 * grants production uses (tests/integration/expected-privileges.ts), so fixtures cannot go through them.
 */
export function superuserClient(max = 3): PrismaClient {
  return createPrismaClient(urlFor(testDatabase.serverUrl, { database: testDatabase.database }), max);
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
