import { env, EnvError } from "./env";
import { startOutboxSweep } from "./email/outbox-runner";
import { pruneExpiredRows } from "./jobs/prune-expired-rows";
import { startRollupRebuildSweep } from "./jobs/rollup-rebuilds";
import { logger } from "./logger";
import { onShutdown } from "./shutdown";

/** How often each app process looks for due emails (retries, and rows no kick delivered). */
const OUTBOX_SWEEP_MS = 30_000;
/** How often expired rate-limit counters and past low-stock claims are deleted (lib/jobs/prune-expired-rows.ts). */
const PRUNE_MS = 10 * 60_000;
/** The first prune after start: soon, but out of the way of the start itself. */
const PRUNE_FIRST_MS = 60_000;
/** How often each app process looks for companies whose time zone changed (their rollups to re-bucket). */
const ROLLUP_SWEEP_MS = 60_000;

/** A missing or bad environment variable stops the server with a message naming it, before any request. */
export function checkEnvironmentOrExit(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[stockflow] ${error.message}\nSee README "Configuration".`);
      process.exit(1);
    }
    throw error;
  }
}

/** The timers of this process's background work (docs/architecture.md §8). Tests drive that work themselves. */
export function startBackgroundJobs(): void {
  if (env().NODE_ENV === "test") return;
  startOutboxSweep(OUTBOX_SWEEP_MS);
  startPruning(PRUNE_MS);
  const stopRollupRebuilds = startRollupRebuildSweep(ROLLUP_SWEEP_MS);
  // A rebuild cut short by the pools closing rolls back whole; the next start's sweep finds the company still due.
  onShutdown("rollup-rebuilds", "workers", async () => stopRollupRebuilds());
}

function startPruning(intervalMs: number): void {
  let running: Promise<void> | undefined;
  const prune = () => {
    running ??= pruneExpiredRows()
      .then((counts) => {
        if (Object.values(counts).some((n) => n > 0)) logger.info(counts, "pruned expired rows");
      })
      .catch((error: unknown) => logger.error({ err: error }, "pruning expired rows failed"))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(prune, PRUNE_FIRST_MS);
  first.unref();
  const timer = setInterval(prune, intervalMs);
  timer.unref();
  onShutdown("prune", "workers", async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}
