// The three database roles of DESIGN §4 and the provisioning that the embedded default and the test set-up do
// for themselves. In production an operator creates the login roles once (README "Your own PostgreSQL").
import pg from "pg";
import { applyRoleTimeouts } from "./role-timeouts";
import { applyMigrations } from "./schema-engine";

/** The superuser of the embedded server; owns the tables and runs migrations there. */
export const OWNER_USER = "postgres";
/** Tenant queries: not superuser, not owner, no BYPASSRLS. */
export const APP_ROLE = "stockflow_app";
/** The system client: BYPASSRLS, used only where DESIGN §4 allows. */
export const SYSTEM_ROLE = "stockflow_system";

export interface DatabaseUrls {
  /** Owner: runs migrations (DATABASE_MIGRATE_URL). */
  migrateUrl: string;
  /** App role (DATABASE_URL). */
  appUrl: string;
  /** System role (DATABASE_SYSTEM_URL). */
  systemUrl: string;
}

export interface ProvisionOptions {
  /** A superuser URL on the server (any database). */
  serverUrl: string;
  database: string;
  appPassword: string;
  systemPassword: string;
  /** Drop and recreate the database first (test runs). */
  fresh?: boolean;
}

export function urlFor(baseUrl: string, changes: { user?: string; password?: string; database?: string }): string {
  const url = new URL(baseUrl);
  if (changes.user !== undefined) url.username = encodeURIComponent(changes.user);
  if (changes.password !== undefined) url.password = encodeURIComponent(changes.password);
  if (changes.database !== undefined) url.pathname = `/${encodeURIComponent(changes.database)}`;
  return url.toString();
}

/** Creates the login roles and the database when missing, applies pending migrations, returns the URLs. */
export async function provisionDatabase(options: ProvisionOptions): Promise<DatabaseUrls & { applied: string[] }> {
  const { serverUrl, database, appPassword, systemPassword } = options;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await ensureLoginRole(client, APP_ROLE, appPassword, "NOBYPASSRLS");
    await ensureLoginRole(client, SYSTEM_ROLE, systemPassword, "BYPASSRLS");
    const ident = client.escapeIdentifier(database);
    if (options.fresh) await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${ident}`);
    await applyRoleTimeouts(client, APP_ROLE, database);
    await applyRoleTimeouts(client, SYSTEM_ROLE, database);
  } finally {
    await client.end();
  }
  const migrateUrl = urlFor(serverUrl, { database });
  const applied = await applyMigrations(migrateUrl);
  return {
    migrateUrl,
    appUrl: urlFor(serverUrl, { user: APP_ROLE, password: appPassword, database }),
    systemUrl: urlFor(serverUrl, { user: SYSTEM_ROLE, password: systemPassword, database }),
    applied,
  };
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function ensureLoginRole(
  client: pg.Client,
  role: string,
  password: string,
  rls: "BYPASSRLS" | "NOBYPASSRLS",
): Promise<void> {
  const ident = client.escapeIdentifier(role);
  const literal = client.escapeLiteral(password);
  // Roles are cluster-wide: parallel provisioning (two test runs) may race on CREATE ROLE; retry as ALTER.
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${literal} NOSUPERUSER NOCREATEDB NOCREATEROLE ${rls}`);
      return;
    }
  } catch (error) {
    if ((error as { code?: string }).code !== "23505" && (error as { code?: string }).code !== "42710") throw error;
  }
  await client.query(`ALTER ROLE ${ident} LOGIN PASSWORD ${literal} NOSUPERUSER NOCREATEDB NOCREATEROLE ${rls}`);
}
