// One unit of work = one transaction on one pooled connection (docs/architecture.md, "Connections and contention").
// runTransaction is what withTenantTx and withSystemTx do around Prisma's $transaction:
// - while the work runs, asking for another pooled connection (appPrisma(), systemPrisma(), another withTenantTx
//   or withSystemTx) throws at once: a body that waits for a second connection while holding one can freeze the
//   whole pool when enough of them run together. Everything inside goes through the `tx` it was given;
// - a deadlock or serialization failure re-runs the whole work a few times after a short jittered pause (its audit,
//   event and outbox rows were rolled back with it), so the work must do nothing outside the database that a second
//   run would repeat (kickOutbox and the like run after the transaction returns);
// - a lock, statement or checkout timeout, or a conflict still there after the last attempt, is AppError BUSY.
import { AsyncLocalStorage } from "node:async_hooks";
import { AppError, databaseContention } from "../errors";
import { logger } from "../logger";

/** Attempts of one unit of work when it meets a deadlock or serialization failure. */
export const TRANSACTION_ATTEMPTS = 4;

const insideTransaction = new AsyncLocalStorage<string>();

export class SecondConnectionError extends Error {
  constructor(what: string, holder: string) {
    super(
      `${what} inside the work of a ${holder}: that waits for a second pooled connection while holding one. ` +
        "Use the transaction's `tx` instead.",
    );
    this.name = "SecondConnectionError";
  }
}

/** Throws when called inside a transaction's work (see above); `what` names the caller in the message. */
export function assertNoTransactionHeld(what: string): void {
  const holder = insideTransaction.getStore();
  if (holder) throw new SecondConnectionError(what, holder);
}

/** A pause before attempt `attempt + 1`: grows with the attempt, jittered so the two sides of a deadlock part. */
function backoffMs(attempt: number): number {
  return Math.round(10 * 2 ** attempt * (0.5 + Math.random()));
}

/**
 * Runs `transaction` (which opens a transaction and calls the work it is given) with the guard and retries above.
 * `name` says which wrapper it is in messages and logs.
 */
export async function runTransaction<T>(
  name: string,
  transaction: (guard: <R>(work: () => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<T> {
  assertNoTransactionHeld(name);
  const guard = <R>(work: () => Promise<R>) => insideTransaction.run(name, work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(guard);
    } catch (error) {
      const contention = databaseContention(error);
      if (contention === null) throw error;
      if (contention === "retry" && attempt < TRANSACTION_ATTEMPTS) {
        // Logged: a deadlock that keeps coming back points at two paths taking locks in different orders.
        logger.warn({ err: error, attempt, transaction: name }, "database conflict: running the transaction again");
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
        continue;
      }
      logger.warn({ err: error, attempt, transaction: name }, "database busy: the change was refused");
      throw AppError.busy();
    }
  }
}
