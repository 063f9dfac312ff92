// When the outbox is delivered in this process: soon after a commit that enqueued email (kickOutbox), and on a
// periodic sweep that catches retries, rows of other instances' kicks and whatever waited while the app was down.
// Runs never overlap within a process (several processes are kept apart by the worker's SKIP LOCKED claim) and a
// failure is logged, never thrown into the caller whose transaction already committed. The push outbox
// (lib/push/push-outbox-worker.ts) rides on the same runner: the same kicks after commit, the same sweep.
import "server-only";
import { logger } from "../logger";
import { onShutdown } from "../shutdown";
import { deliverPendingPushes } from "../push/push-outbox-worker";
import type { Mailer } from "./mailer";
import { deliverPendingEmails } from "./outbox-worker";
import { mailerFromEnv } from "./transport";

/** Long enough to gather the emails of a burst of commits into one run, short enough to feel immediate. */
const KICK_DELAY_MS = 200;
const BATCH_SIZE = 25;

interface RunnerState {
  /** Set by startOutboxSweep: only a process with a sweep delivers email. */
  sweep?: NodeJS.Timeout;
  kick?: NodeJS.Timeout;
  running: boolean;
  /** The run in progress, awaited at shutdown. */
  current?: Promise<void>;
  /** A kick arrived during a run: run once more when it ends. */
  again: boolean;
  mailer?: Mailer;
}

// Kept on globalThis: Next bundles this module once for instrumentation and again for server actions, and both
// copies must drive the process's one runner.
const holder = globalThis as typeof globalThis & { __stockflowOutbox?: RunnerState };
const state = (holder.__stockflowOutbox ??= { running: false, again: false });

function drain(): Promise<void> {
  if (state.running) {
    state.again = true;
    return state.current ?? Promise.resolve();
  }
  state.running = true;
  state.current = run();
  return state.current;
}

/** Claims and delivers full batches until one comes back short: a full batch suggests more rows are due. */
async function deliverAll(kind: string, deliver: () => Promise<number>): Promise<void> {
  try {
    while ((await deliver()) === BATCH_SIZE);
  } catch (error) {
    logger.error({ err: error }, `${kind} outbox run failed`);
  }
}

// Email and push are delivered side by side, each with its own failures: a mail server that is down or slow never
// holds back a push, nor a push service an email.
async function run(): Promise<void> {
  try {
    do {
      state.again = false;
      await Promise.all([
        deliverAll("email", async () => {
          state.mailer ??= mailerFromEnv();
          const counts = await deliverPendingEmails({ mailer: state.mailer, batchSize: BATCH_SIZE });
          return counts.sent + counts.retried + counts.failed;
        }),
        deliverAll("push", async () => {
          const counts = await deliverPendingPushes({ batchSize: BATCH_SIZE });
          return counts.sent + counts.retried + counts.failed + counts.pruned;
        }),
      ]);
    } while (state.again);
  } finally {
    state.running = false;
    state.current = undefined;
  }
}

/**
 * Delivers soon: call after the transaction that enqueued email has committed. A burst of calls makes one run.
 * In a process without a sweep (tests, scripts) it does nothing and the rows wait for the app's sweep.
 */
export function kickOutbox(): void {
  if (!state.sweep || state.kick) return;
  state.kick = setTimeout(() => {
    state.kick = undefined;
    void drain();
  }, KICK_DELAY_MS);
  state.kick.unref();
}

/**
 * Starts this process's periodic delivery (once; later calls keep the first) and returns its stop function, which
 * also waits for a run in progress (its claimed rows are settled, not left to their lease). Shutdown calls it.
 */
export function startOutboxSweep(intervalMs: number): () => Promise<void> {
  if (!state.sweep) {
    state.sweep = setInterval(() => void drain(), intervalMs);
    state.sweep.unref();
    void drain();
  }
  const stop = async () => {
    clearInterval(state.sweep);
    clearTimeout(state.kick);
    state.sweep = undefined;
    state.kick = undefined;
    state.again = false;
    await state.current;
  };
  onShutdown("outbox", "workers", stop);
  return stop;
}
