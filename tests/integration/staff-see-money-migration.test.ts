// Migration 20261207060000_staff_see_money: every company that existed before it keeps showing cost prices and stock
// values to its staff (as they saw cost prices before), and a company created after it starts with them hidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../lib/db/schema-engine";
import { scratchMigrations, type ScratchMigrations } from "../helpers/scratch-migrations";

const MIGRATION = "20261207060000_staff_see_money";
let migrations: ScratchMigrations;

beforeAll(async () => {
  migrations = await scratchMigrations(MIGRATION);
});

afterAll(() => migrations.cleanUp());

describe("staff see money after the migration", () => {
  it("stays on for the companies that existed and is off for new ones", async () => {
    const { ownerUrl, db } = await migrations.scratchDatabase("staff_money");
    try {
      await applyMigrations(ownerUrl, migrations.earlier);
      const insert = (slug: string) =>
        db.query("INSERT INTO companies (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $1, now())", [
          slug,
        ]);
      await insert("existing-one");
      await insert("existing-two");

      expect((await applyMigrations(ownerUrl))[0]).toBe(MIGRATION);
      await insert("created-after");
      const { rows } = await db.query<{ slug: string; staff_see_money: boolean }>(
        "SELECT slug, staff_see_money FROM companies ORDER BY slug",
      );
      expect(rows).toEqual([
        { slug: "created-after", staff_see_money: false },
        { slug: "existing-one", staff_see_money: true },
        { slug: "existing-two", staff_see_money: true },
      ]);
    } finally {
      await db.end();
    }
  }, 60_000);
});
