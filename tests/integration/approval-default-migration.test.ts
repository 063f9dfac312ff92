// Migration 20261206120000_closed_demo turns "new companies need approval" on for a new installation only: a fresh
// database requires approval, while a database that already has people keeps the setting it had, off or on. Each
// case in a scratch database of its own, migrated as the owner role as in production (FORCE row-level security
// binds that role, so the migration must see the users and the settings row all the same).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER_ROLE, urlFor } from "../../lib/db/roles";
import { applyMigrations, MIGRATIONS_DIR } from "../../lib/db/schema-engine";
import { testDatabase } from "../helpers/db";

const MIGRATION = "20261206120000_closed_demo";
let server: pg.Client;
let earlier: string;
const scratch: string[] = [];

beforeAll(async () => {
  server = new pg.Client({ connectionString: testDatabase.serverUrl });
  await server.connect();
  // The migrations folder as it was before this one.
  earlier = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const entry of fs.readdirSync(MIGRATIONS_DIR)) {
    if (entry >= MIGRATION && !entry.endsWith(".toml")) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, entry), path.join(earlier, entry), { recursive: true });
  }
});

afterAll(async () => {
  for (const database of scratch) {
    await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(database)} WITH (FORCE)`);
  }
  await server.end();
  fs.rmSync(earlier, { recursive: true, force: true });
});

/** A new database owned by the owner role; returns its owner-role URL and a superuser client on it. */
async function scratchDatabase(suffix: string): Promise<{ ownerUrl: string; db: pg.Client }> {
  const database = `${testDatabase.database}_${suffix}`;
  scratch.push(database);
  await server.query(`CREATE DATABASE ${server.escapeIdentifier(database)} OWNER ${OWNER_ROLE}`);
  const db = new pg.Client({ connectionString: urlFor(testDatabase.serverUrl, { database }) });
  await db.connect();
  return { ownerUrl: urlFor(testDatabase.migrateUrl, { database }), db };
}

async function approvalSetting(db: pg.Client): Promise<boolean[]> {
  const { rows } = await db.query<{ value: boolean }>(
    "SELECT require_company_approval AS value FROM platform_settings",
  );
  return rows.map((row) => row.value);
}

describe("the approval setting after migration", () => {
  it("is on in a fresh database", async () => {
    const { ownerUrl, db } = await scratchDatabase("approval_fresh");
    try {
      await applyMigrations(ownerUrl);
      expect(await approvalSetting(db)).toEqual([true]);
    } finally {
      await db.end();
    }
  }, 60_000);

  it.each([false, true])(
    "stays %s in an installation that already has people",
    async (before) => {
      const { ownerUrl, db } = await scratchDatabase(`approval_kept_${before}`);
      try {
        await applyMigrations(ownerUrl, earlier);
        await db.query(
          `INSERT INTO users (id, email, name, password_hash, updated_at)
         VALUES (gen_random_uuid(), 'owner@existing.example', 'Existing Owner', 'x', now())`,
        );
        await db.query("UPDATE platform_settings SET require_company_approval = $1", [before]);

        expect((await applyMigrations(ownerUrl))[0]).toBe(MIGRATION);
        expect(await approvalSetting(db)).toEqual([before]);
      } finally {
        await db.end();
      }
    },
    60_000,
  );
});
