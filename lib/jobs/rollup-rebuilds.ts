// The background re-bucketing of the dashboard's rollups after a company changes its time zone (docs/architecture.md,
// "Rollups"; lib/dashboard/stock-movement-days.ts does the work). A company is due while its time_zone differs from
// its rollup_time_zone, so a rebuild that died with its process is simply found again by the next sweep. Runs never
// overlap within a process; several processes sweeping at once rebuild a company once (the rebuild's own lock and
// re-check). A failure is logged and retried on the next sweep, never thrown into a caller.
import "server-only";
import { rebuildStockMovementDays } from "../dashboard/stock-movement-days";
import { systemPrisma } from "../db/system";
import { logger } from "../logger";

interface SweepState {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
}

// On globalThis: Next bundles this module for instrumentation and again for server actions (like the outbox runner).
const holder = globalThis as typeof globalThis & { __stockflowRollupRebuilds?: SweepState };
const state = (holder.__stockflowRollupRebuilds ??= { running: false, again: false });

/** Rebuilds the rollups of every company whose time zone changed; returns the ids of those it rebuilt. */
export async function runDueRollupRebuilds(): Promise<string[]> {
  const db = systemPrisma();
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM companies WHERE time_zone <> rollup_time_zone ORDER BY id`;
  const rebuilt: string[] = [];
  for (const { id } of due) {
    try {
      const result = await rebuildStockMovementDays(db, id, { onlyIfDue: true });
      if (result) {
        rebuilt.push(id);
        logger.info({ companyId: id, timeZone: result.timeZone, dayRows: result.dayRows }, "rollups re-bucketed");
      }
    } catch (error) {
      logger.error({ err: error, companyId: id }, "rollup rebuild failed; the next sweep retries it");
    }
  }
  return rebuilt;
}

async function sweep(): Promise<void> {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    do {
      state.again = false;
      await runDueRollupRebuilds();
    } while (state.again);
  } catch (error) {
    logger.error({ err: error }, "rollup rebuild sweep failed");
  } finally {
    state.running = false;
  }
}

/** Starts soon after a company's time zone changed (call after that commit). Only in a process with a sweep. */
export function kickRollupRebuilds(): void {
  if (state.timer) void sweep();
}

/** Starts this process's periodic sweep (once) and returns its stop function. */
export function startRollupRebuildSweep(intervalMs: number): () => void {
  if (!state.timer) {
    state.timer = setInterval(() => void sweep(), intervalMs);
    state.timer.unref();
    void sweep();
  }
  return () => {
    clearInterval(state.timer);
    state.timer = undefined;
  };
}
