// Migration 20261207010000_verified_email: every account that exists when it runs counts as confirmed (its creation
// time), so an installation keeps mailing its people; an account created afterwards starts unconfirmed. Run in a
// scratch database migrated as the owner role, as in production (FORCE row-level security binds that role).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OWNER_ROLE, urlFor } from "../../lib/db/roles";
import { applyMigrations, MIGRATIONS_DIR } from "../../lib/db/schema-engine";
import { testDatabase } from "../helpers/db";

const MIGRATION = "20261207010000_verified_email";
const DATABASE = `${testDatabase.database}_verified_email`;
let server: pg.Client;
let earlier: string;

beforeAll(async () => {
  server = new pg.Client({ connectionString: testDatabase.serverUrl });
  await server.connect();
  earlier = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const entry of fs.readdirSync(MIGRATIONS_DIR)) {
    if (entry >= MIGRATION && !entry.endsWith(".toml")) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, entry), path.join(earlier, entry), { recursive: true });
  }
});

afterAll(async () => {
  await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(DATABASE)} WITH (FORCE)`);
  await server.end();
  fs.rmSync(earlier, { recursive: true, force: true });
});

it("counts existing accounts as confirmed since their creation, and new ones as unconfirmed", async () => {
  await server.query(`CREATE DATABASE ${server.escapeIdentifier(DATABASE)} OWNER ${OWNER_ROLE}`);
  const db = new pg.Client({ connectionString: urlFor(testDatabase.serverUrl, { database: DATABASE }) });
  await db.connect();
  try {
    const ownerUrl = urlFor(testDatabase.migrateUrl, { database: DATABASE });
    await applyMigrations(ownerUrl, earlier);
    await db.query(
      `INSERT INTO users (id, email, name, password_hash, created_at, updated_at)
       VALUES (gen_random_uuid(), 'long-standing@existing.example', 'Long Standing', 'x', '2026-01-02T03:04:05Z', now())`,
    );
    expect(await applyMigrations(ownerUrl)).toContain(MIGRATION);
    await db.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at)
       VALUES (gen_random_uuid(), 'newcomer@existing.example', 'Newcomer', 'x', now())`,
    );
    const { rows } = await db.query<{ email: string; verified: Date | null }>(
      "SELECT email, email_verified_at AS verified FROM users ORDER BY email",
    );
    expect(rows).toEqual([
      { email: "long-standing@existing.example", verified: new Date("2026-01-02T03:04:05Z") },
      { email: "newcomer@existing.example", verified: null },
    ]);
    const { rows: purposes } = await db.query<{ value: string }>(
      `SELECT unnest(enum_range(NULL::"TokenPurpose"))::text AS value`,
    );
    expect(purposes.map((row) => row.value)).toContain("EMAIL_VERIFICATION");
  } finally {
    await db.end();
  }
}, 60_000);
