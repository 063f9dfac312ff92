// The database roles of docs/architecture.md §4 and the provisioning that the embedded default, the e2e server and the test
// set-up do for themselves. In production an operator creates the roles once (README "Your own PostgreSQL").
import pg from "pg";
import { applyRoleTimeouts } from "./role-timeouts";
import { applyMigrations } from "./schema-engine";

/** The embedded server's superuser: provisions roles and databases, and nothing else. */
export const SUPERUSER = "postgres";
/**
 * Owns the database and its objects and runs the migrations. Not superuser, no BYPASSRLS: FORCE ROW LEVEL
 * SECURITY binds it like the app role, so the tests run with the owner production has.
 */
export const OWNER_ROLE = "stockflow_owner";
/** Tenant queries: not superuser, not owner, no BYPASSRLS. */
export const APP_ROLE = "stockflow_app";
/** The system client: BYPASSRLS, used only where docs/architecture.md §4 allows. */
export const SYSTEM_ROLE = "stockflow_system";
/**
 * Owns the product search function (migration 20261209010000_product_search_function): NOLOGIN, BYPASSRLS, so the
 * function's query may use the trigram index that row-level security keeps from the app role. The owner role is a
 * member (it gives the function to this role in the migration); the app role never is, it may only EXECUTE the
 * function. docs/architecture.md §4.
 */
export const SEARCH_ROLE = "stockflow_search";

export interface DatabaseUrls {
  /** Owner role: runs migrations (DATABASE_MIGRATE_URL). */
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
  ownerPassword: string;
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

/**
 * Creates the roles (the three login roles and the search role) and the database (owned by the owner role) when missing, hands a database made by an
 * older version (owned by the superuser) to the owner role, applies pending migrations as the owner role, returns
 * the URLs.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<DatabaseUrls & { applied: string[] }> {
  const { serverUrl, database, ownerPassword, appPassword, systemPassword } = options;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  let created = false;
  try {
    await ensureLoginRole(client, OWNER_ROLE, ownerPassword, "NOBYPASSRLS");
    await ensureLoginRole(client, APP_ROLE, appPassword, "NOBYPASSRLS");
    await ensureLoginRole(client, SYSTEM_ROLE, systemPassword, "BYPASSRLS");
    await ensureSearchRole(client);
    const ident = client.escapeIdentifier(database);
    if (options.fresh) await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${ident} OWNER ${client.escapeIdentifier(OWNER_ROLE)}`);
      created = true;
    }
    await applyRoleTimeouts(client, APP_ROLE, database);
    await applyRoleTimeouts(client, SYSTEM_ROLE, database);
  } finally {
    await client.end();
  }
  if (!created) await handToOwnerRole(urlFor(serverUrl, { database }), database);
  const migrateUrl = urlFor(serverUrl, { user: OWNER_ROLE, password: ownerPassword, database });
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

/**
 * Databases made before the owner role existed belong to the superuser, with every table, enum and function in
 * them. Gives them to the owner role, as the superuser; on a database the owner role already owns it changes
 * nothing. Objects of extensions stay with whoever created the extension, the search role's function with it.
 */
async function handToOwnerRole(superuserDatabaseUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserDatabaseUrl });
  await client.connect();
  try {
    const owner = client.escapeIdentifier(OWNER_ROLE);
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} OWNER TO ${owner}`);
    const { rows } = await client.query<{ statement: string }>(
      `SELECT format('ALTER %s %s OWNER TO %I', o.kind, o.name, $1::text) AS statement
         FROM (SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                     ELSE 'TABLE' END AS kind,
                      c.oid::regclass::text AS name, c.relowner AS owner, 'pg_class'::regclass AS catalog, c.oid
                 FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f')
                  -- A sequence that belongs to a column follows its table.
                  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
               UNION ALL
               SELECT 'ROUTINE', p.oid::regprocedure::text, p.proowner, 'pg_proc'::regclass, p.oid
                 FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
               UNION ALL
               SELECT 'TYPE', t.oid::regtype::text, t.typowner, 'pg_type'::regclass, t.oid
                 FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')) o
        WHERE o.owner <> $1::regrole
          -- The search function belongs to the search role on purpose (it runs as that role).
          AND o.owner <> $2::regrole
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e')`,
      [OWNER_ROLE, SEARCH_ROLE],
    );
    for (const { statement } of rows) await client.query(statement);
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

/**
 * The search role: NOLOGIN (nothing connects as it; only its function runs with its rights), BYPASSRLS, and granted
 * to the owner role so that the owner's migration may make it the function's owner (ALTER … OWNER TO needs
 * membership). That gives the owner nothing it lacked: it owns the tables and could lift FORCE ROW LEVEL SECURITY.
 */
async function ensureSearchRole(client: pg.Client): Promise<void> {
  const ident = client.escapeIdentifier(SEARCH_ROLE);
  const attributes = "NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS";
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [SEARCH_ROLE]);
    if (exists.rowCount === 0) await client.query(`CREATE ROLE ${ident} ${attributes}`);
  } catch (error) {
    if ((error as { code?: string }).code !== "23505" && (error as { code?: string }).code !== "42710") throw error;
  }
  await client.query(`ALTER ROLE ${ident} ${attributes}`);
  const member = await client.query("SELECT pg_has_role($1, $2, 'MEMBER') AS member", [OWNER_ROLE, SEARCH_ROLE]);
  if (!member.rows[0].member) await client.query(`GRANT ${ident} TO ${client.escapeIdentifier(OWNER_ROLE)}`);
}
