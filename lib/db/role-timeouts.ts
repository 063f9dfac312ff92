// Time limits the database enforces on the app and system roles (docs/architecture.md, "Connections and
// contention"): a statement waiting on a lock, a runaway statement, or a transaction left open by a stuck process
// ends on its own instead of holding locks and connections for everyone else. They are role settings (ALTER ROLE
// ... SET), made where the roles are made — lib/db/roles.ts for the embedded and test databases, README "Your own
// PostgreSQL" for an operator's server — because roles are cluster-wide and outside migrations; the server checks
// them at start-up (lib/startup.ts). A job that legitimately runs long raises them for its own transaction only
// (allowLongWork). Hitting one is AppError BUSY (lib/errors.ts databaseContention), never INTERNAL.
// Not marked server-only: the provisioning scripts use it.
import type pg from "pg";
import type { Prisma } from "./generated/client";

/** Each role's limits. Prisma's transaction timeout is 15 s: a statement may not outlast its transaction. */
export const ROLE_TIMEOUTS = {
  lock_timeout: "5s",
  statement_timeout: "15s",
  idle_in_transaction_session_timeout: "30s",
} as const;

export type RoleTimeout = keyof typeof ROLE_TIMEOUTS;

/** The statements that give `role` (an SQL identifier, quoted where needed) its limits, e.g. for the README. */
export function roleTimeoutStatements(role: string, inDatabase?: string): string[] {
  const target = inDatabase ? `${role} IN DATABASE ${inDatabase}` : role;
  return Object.entries(ROLE_TIMEOUTS).map(([name, value]) => `ALTER ROLE ${target} SET ${name} = '${value}'`);
}

/**
 * Sets the limits on a role in one database (provisioning, as a superuser). In that database only: the roles are
 * shared by every database of the server (other checkouts' test databases too), and a dropped database takes its
 * settings with it.
 */
export async function applyRoleTimeouts(client: pg.Client, role: string, database: string): Promise<void> {
  const statements = roleTimeoutStatements(client.escapeIdentifier(role), client.escapeIdentifier(database));
  for (const statement of statements) await client.query(statement);
}

type RawReader = { $queryRaw: Prisma.TransactionClient["$queryRaw"] };

/**
 * The limits the connected role lacks ("0" means none), with the SQL that sets them: empty when all are set.
 * A session that has them from elsewhere (the database's or the server's settings) passes too.
 */
export async function missingRoleTimeouts(db: RawReader): Promise<{ role: string; missing: RoleTimeout[] }> {
  const [row] = await db.$queryRaw<{ role: string; lock: string; statement: string; idle: string }[]>`
    SELECT current_user::text AS role, current_setting('lock_timeout') AS lock,
           current_setting('statement_timeout') AS statement,
           current_setting('idle_in_transaction_session_timeout') AS idle`;
  const current: Record<RoleTimeout, string | undefined> = {
    lock_timeout: row?.lock,
    statement_timeout: row?.statement,
    idle_in_transaction_session_timeout: row?.idle,
  };
  const missing = (Object.keys(ROLE_TIMEOUTS) as RoleTimeout[]).filter(
    (name) => !current[name] || current[name] === "0",
  );
  return { role: row?.role ?? "?", missing };
}

/** How long the transaction of an import or a rebuild may run (their Prisma transaction timeout too). */
export const LONG_WORK_TIMEOUT_MS = 120_000;

type RawWriter = { $executeRaw: Prisma.TransactionClient["$executeRaw"] };

/**
 * Raises the statement and idle-in-transaction limits for the rest of this transaction only (SET LOCAL): for the
 * jobs that need it — CSV imports and rollup rebuilds. The lock limit stays: a long job waits no longer for others.
 */
export async function allowLongWork(tx: RawWriter, timeoutMs = LONG_WORK_TIMEOUT_MS): Promise<void> {
  const limit = `${timeoutMs}ms`;
  await tx.$executeRaw`SELECT set_config('statement_timeout', ${limit}, true),
    set_config('idle_in_transaction_session_timeout', ${limit}, true)`;
}
