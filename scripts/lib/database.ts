// Where the scripts' database lives: the server named by the environment, or the embedded one under .data/.
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { provisionDatabase, urlFor, type DatabaseUrls } from "../../lib/db/roles";
import { applyMigrations } from "../../lib/db/schema-engine";
import { loadOrCreateSecrets } from "./local-secrets";

export const DATA_DIR = path.resolve(".data");
/** Where the e2e server's development mail transport writes, for the Playwright suite to read. */
export const E2E_MAIL_DIR = path.join(DATA_DIR, "e2e-mail");

export interface ReadyDatabase {
  urls: DatabaseUrls;
  /** The provisioning superuser's URL of the database, when this process provisioned it (the diff's shadow). */
  superuserUrl?: string;
  embedded: boolean;
  applied: string[];
  stop(): Promise<void>;
}

interface Options {
  /** Database name on the embedded server. */
  database: string;
  /** Embedded data directory, under .data/. */
  dataDir: string;
  port: number;
  /** Drop and recreate the database first (e2e runs). */
  fresh?: boolean;
  /** A superuser URL to provision on instead of the embedded server (e2e on CI's PostgreSQL). */
  serverUrl?: string;
  log: (line: string) => void;
}

function requiredEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new Error(`${name} is required when DATABASE_URL is set (see README "Your own PostgreSQL").`);
  }
  return value;
}

/**
 * With DATABASE_URL set: the three URLs from the environment, migrated through DATABASE_MIGRATE_URL.
 * Otherwise: the embedded server (started, provisioned and migrated), or `serverUrl` when given.
 */
export async function prepareDatabase(options: Options): Promise<ReadyDatabase> {
  if (process.env.DATABASE_URL && !options.serverUrl) {
    const urls: DatabaseUrls = {
      appUrl: requiredEnv("DATABASE_URL"),
      systemUrl: requiredEnv("DATABASE_SYSTEM_URL"),
      migrateUrl: requiredEnv("DATABASE_MIGRATE_URL"),
    };
    options.log("Applying migrations to DATABASE_MIGRATE_URL");
    const applied = await applyMigrations(urls.migrateUrl);
    return { urls, embedded: false, applied, stop: async () => {} };
  }

  const secrets = loadOrCreateSecrets(DATA_DIR);
  let serverUrl = options.serverUrl;
  let stop = async () => {};
  if (!serverUrl) {
    const fresh = !fs.existsSync(path.join(options.dataDir, "PG_VERSION"));
    options.log(
      fresh
        ? `Creating the embedded PostgreSQL database in ${path.relative(process.cwd(), options.dataDir)}`
        : "Starting the embedded PostgreSQL database",
    );
    const server = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.port,
      superuserPassword: secrets.superuserPassword,
    });
    serverUrl = server.serverUrl;
    stop = server.stop;
  }
  try {
    const provisioned = await provisionDatabase({
      serverUrl,
      database: options.database,
      ownerPassword: secrets.databaseOwnerPassword,
      appPassword: secrets.appPassword,
      systemPassword: secrets.systemPassword,
      fresh: options.fresh,
    });
    if (provisioned.applied.length > 0) options.log(`Applied migrations: ${provisioned.applied.join(", ")}`);
    const { applied, ...urls } = provisioned;
    const superuserUrl = urlFor(serverUrl, { database: options.database });
    return { urls, superuserUrl, embedded: !options.serverUrl, applied, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
