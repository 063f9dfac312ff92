import { env, EnvError } from "./env";
import { startOutboxSweep } from "./email/outbox-runner";
import { startRollupRebuildSweep } from "./jobs/rollup-rebuilds";

/** How often each app process looks for due emails (retries, and rows no kick delivered). */
const OUTBOX_SWEEP_MS = 30_000;
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

/** The timers of this process's background work (DESIGN §8). Tests drive that work themselves. */
export function startBackgroundJobs(): void {
  if (env().NODE_ENV === "test") return;
  startOutboxSweep(OUTBOX_SWEEP_MS);
  startRollupRebuildSweep(ROLLUP_SWEEP_MS);
}
