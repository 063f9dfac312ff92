// Password hashing with argon2id. Production parameters follow OWASP (19 MiB, 2 iterations, 1 lane); tests may
// lower the cost through ARGON2_MEMORY_KIB / ARGON2_ITERATIONS, and one test asserts the defaults.
//
// Every hash and verification runs under one process-wide cap (docs/architecture.md §12, "Connections and
// contention"): at most ARGON2_CONCURRENCY at once (default: the machine's cores), the rest wait in line. A line
// longer than ARGON2_QUEUE_LIMIT, or a wait longer than ARGON2_QUEUE_TIMEOUT_MS, is refused with BUSY (503) at
// once instead of piling requests up. The cap is never taken inside a transaction: a request waiting for argon2
// holds no database connection (the transaction guard throws if a caller tries).
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { assertNoTransactionHeld } from "../db/transaction";
import { AppError } from "../errors";

// Algorithm.Argon2id (a const enum, which isolatedModules cannot import).
const ARGON2ID = 2;

export const PRODUCTION_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Waiting computations allowed behind the running ones, and how long one may wait, unless configured. */
export const DEFAULT_ARGON2_QUEUE_LIMIT = 32;
export const DEFAULT_ARGON2_QUEUE_TIMEOUT_MS = 3_000;

function parameters() {
  return {
    algorithm: ARGON2ID,
    memoryCost: Number(process.env.ARGON2_MEMORY_KIB ?? PRODUCTION_ARGON2.memoryCost),
    timeCost: Number(process.env.ARGON2_ITERATIONS ?? PRODUCTION_ARGON2.timeCost),
    parallelism: PRODUCTION_ARGON2.parallelism,
  };
}

/** A whole-number setting, read at each use (tests change it); a bad value stops with the variable's name. */
function setting(name: string, fallback: number, min: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}.`);
  return value;
}

function cap() {
  return {
    concurrency: setting("ARGON2_CONCURRENCY", availableParallelism(), 1),
    queueLimit: setting("ARGON2_QUEUE_LIMIT", DEFAULT_ARGON2_QUEUE_LIMIT, 0),
    queueTimeoutMs: setting("ARGON2_QUEUE_TIMEOUT_MS", DEFAULT_ARGON2_QUEUE_TIMEOUT_MS, 1),
  };
}

/** What argon2 has done in this process: read by tests and available to metrics. */
export interface Argon2Activity {
  hashes: number;
  verifications: number;
  /** Running right now, and the most ever running at once since the last resetArgon2Peak. */
  inFlight: number;
  peakInFlight: number;
  waiting: number;
  /** Computations refused with BUSY (line too long or wait too long). */
  refused: number;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

// Kept on globalThis: Next bundles this module more than once (instrumentation, actions, route handlers), and the
// cap is the process's, not one bundle's.
const holder = globalThis as typeof globalThis & {
  __stockflowArgon2?: { activity: Argon2Activity; line: Waiter[] };
};
const state = (holder.__stockflowArgon2 ??= {
  activity: { hashes: 0, verifications: 0, inFlight: 0, peakInFlight: 0, waiting: 0, refused: 0 },
  line: [],
});
const { activity, line } = state;

export function argon2Activity(): Readonly<Argon2Activity> {
  return { ...activity };
}

/** Starts measuring peakInFlight afresh (from what runs now). */
export function resetArgon2Peak(): void {
  activity.peakInFlight = activity.inFlight;
}

function busy(): AppError {
  activity.refused += 1;
  return AppError.busy();
}

function start(): void {
  activity.inFlight += 1;
  activity.peakInFlight = Math.max(activity.peakInFlight, activity.inFlight);
}

async function acquire(what: string): Promise<void> {
  assertNoTransactionHeld(what);
  const { concurrency, queueLimit, queueTimeoutMs } = cap();
  if (activity.inFlight < concurrency && line.length === 0) {
    start();
    return;
  }
  if (line.length >= queueLimit) throw busy();
  await new Promise<void>((resolve, reject) => {
    const waiter: Waiter = {
      admit: () => {
        clearTimeout(waiter.timer);
        resolve();
      },
      timer: setTimeout(() => {
        line.splice(line.indexOf(waiter), 1);
        activity.waiting = line.length;
        reject(busy());
      }, queueTimeoutMs),
    };
    line.push(waiter);
    activity.waiting = line.length;
  });
}

function release(): void {
  activity.inFlight -= 1;
  // Admit from the head of the line while there is room (the cap may have been lowered meanwhile).
  while (line.length > 0 && activity.inFlight < cap().concurrency) {
    const next = line.shift()!;
    activity.waiting = line.length;
    start();
    next.admit();
  }
}

async function underCap<T>(what: string, work: () => Promise<T>): Promise<T> {
  await acquire(what);
  try {
    return await work();
  } finally {
    release();
  }
}

export function hashPassword(password: string): Promise<string> {
  // The cost is read when the hash is asked for, not when its turn comes.
  const options = parameters();
  return underCap("hashPassword", () => {
    activity.hashes += 1;
    return hash(password, options);
  });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return underCap("verifyPassword", async () => {
    activity.verifications += 1;
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}
