// Readiness (GET /api/ready): may this process take traffic? Both roles' pools answer, and every migration of this
// build (prisma/migrations, read once when the process starts) has been applied. Liveness is /api/health: it asks
// nothing of the database, so an orchestrator does not restart healthy processes while PostgreSQL is away.
// A database ahead of the build (migrations this build does not know: a newer release already migrated during a
// rolling deploy) is reported but still ready: migrations only add what older code ignores, and failing every old
// instance at once mid-rollout would be the outage readiness is meant to prevent.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { logger } from "../logger";
import { systemPrisma } from "./system";
import { appPrisma } from "./tenant";

export interface Readiness {
  ready: boolean;
  database: { app: boolean; system: boolean };
  migrations: { pending: string[]; unknownToThisBuild: string[] } | null;
}

// On globalThis: instrumentation reads the list at start, and the route's bundle has its own copy of this module.
const holder = globalThis as typeof globalThis & { __stockflowBuildMigrations?: string[] };

/** The migrations of this build: prisma/migrations' folders, read once per process (at start, instrumentation.ts). */
export function buildMigrations(): string[] {
  holder.__stockflowBuildMigrations ??= fs
    .readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return holder.__stockflowBuildMigrations;
}

async function answers(check: () => Promise<unknown>, role: string): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    logger.warn({ err: error, role }, "readiness: database check failed");
    return false;
  }
}

/** `expected`: this build's migrations (tests pass others). */
export async function checkReadiness(expected = buildMigrations()): Promise<Readiness> {
  let applied: string[] | undefined;
  const [app, system] = await Promise.all([
    answers(() => appPrisma().$queryRaw`SELECT 1`, "app"),
    answers(async () => {
      const rows = await systemPrisma().$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      applied = rows.map((row) => row.migration_name);
    }, "system"),
  ]);
  const migrations = applied
    ? {
        pending: expected.filter((name) => !applied!.includes(name)),
        unknownToThisBuild: applied.filter((name) => !expected.includes(name)).sort(),
      }
    : null;
  return { ready: app && system && migrations?.pending.length === 0, database: { app, system }, migrations };
}
