// Migration 20261206120000_closed_demo turns "new companies need approval" on for a new installation only: a fresh
// database requires approval, while a database that already has people keeps the setting it had, off or on. Each
// case in a scratch database of its own, migrated as the owner role as in production (FORCE row-level security
// binds that role, so the migration must see the users and the settings row all the same).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../lib/db/schema-engine";
import { scratchMigrations, type ScratchMigrations } from "../helpers/scratch-migrations";

const MIGRATION = "20261206120000_closed_demo";
let migrations: ScratchMigrations;

beforeAll(async () => {
  migrations = await scratchMigrations(MIGRATION);
});

afterAll(() => migrations.cleanUp());

async function approvalSetting(db: pg.Client): Promise<boolean[]> {
  const { rows } = await db.query<{ value: boolean }>(
    "SELECT require_company_approval AS value FROM platform_settings",
  );
  return rows.map((row) => row.value);
}

describe("the approval setting after migration", () => {
  it("is on in a fresh database", async () => {
    const { ownerUrl, db } = await migrations.scratchDatabase("approval_fresh");
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
      const { ownerUrl, db } = await migrations.scratchDatabase(`approval_kept_${before}`);
      try {
        await applyMigrations(ownerUrl, migrations.earlier);
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
