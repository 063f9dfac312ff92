// For tests of what a migration does to data that existed before it: scratch databases owned by the owner role (migrated
// as in production, so FORCE row-level security binds the migration too) and the migrations folder as it was before a
// given migration. Call cleanUp() in afterAll.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { OWNER_ROLE, urlFor } from "../../lib/db/roles";
import { MIGRATIONS_DIR } from "../../lib/db/schema-engine";
import { testDatabase } from "./db";

export interface ScratchMigrations {
  /** A folder holding every migration before `migration`, as a database at that point would have applied. */
  earlier: string;
  /** A new database owned by the owner role: its owner-role URL and a superuser client on it (end it yourself). */
  scratchDatabase(suffix: string): Promise<{ ownerUrl: string; db: pg.Client }>;
  cleanUp(): Promise<void>;
}

export async function scratchMigrations(migration: string): Promise<ScratchMigrations> {
  const server = new pg.Client({ connectionString: testDatabase.serverUrl });
  await server.connect();
  const earlier = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const entry of fs.readdirSync(MIGRATIONS_DIR)) {
    if (entry >= migration && !entry.endsWith(".toml")) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, entry), path.join(earlier, entry), { recursive: true });
  }
  const scratch: string[] = [];
  return {
    earlier,
    async scratchDatabase(suffix) {
      const database = `${testDatabase.database}_${suffix}`;
      scratch.push(database);
      await server.query(`CREATE DATABASE ${server.escapeIdentifier(database)} OWNER ${OWNER_ROLE}`);
      const db = new pg.Client({ connectionString: urlFor(testDatabase.serverUrl, { database }) });
      await db.connect();
      return { ownerUrl: urlFor(testDatabase.migrateUrl, { database }), db };
    },
    async cleanUp() {
      for (const database of scratch) {
        await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(database)} WITH (FORCE)`);
      }
      await server.end();
      fs.rmSync(earlier, { recursive: true, force: true });
    },
  };
}
