// Readiness (lib/db/readiness.ts) on real PostgreSQL: both roles answer, and the build's migrations are compared
// with `_prisma_migrations` — one the database lacks makes the process unready; one the build does not know (a
// newer release migrated first) is reported without failing readiness.
import { describe, expect, it } from "vitest";
import { buildMigrations, checkReadiness } from "../../lib/db/readiness";

describe("checkReadiness", () => {
  it("is ready when both roles answer and every migration of the build is applied", async () => {
    expect(buildMigrations().length).toBeGreaterThan(0);
    expect(await checkReadiness()).toEqual({
      ready: true,
      database: { app: true, system: true },
      migrations: { pending: [], unknownToThisBuild: [] },
    });
  });

  it("is not ready while a migration of the build is missing from the database", async () => {
    const readiness = await checkReadiness([...buildMigrations(), "29990101000000_not_applied_yet"]);
    expect(readiness.ready).toBe(false);
    expect(readiness.migrations?.pending).toEqual(["29990101000000_not_applied_yet"]);
  });

  it("stays ready, and says so, when the database is ahead of this build", async () => {
    const all = buildMigrations();
    const readiness = await checkReadiness(all.slice(0, -1));
    expect(readiness.ready).toBe(true);
    expect(readiness.migrations?.unknownToThisBuild).toEqual([all.at(-1)]);
  });
});
