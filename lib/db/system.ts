// The system client (docs/architecture.md §4): connects as the BYPASSRLS system role and is not tenant-scoped. Only for sign-in
// lookups, registration, platform administration, background jobs and seeding. Importing it anywhere else is a
// lint error (eslint.config.mjs) and a test failure (tests/integration/import-rules.test.ts).
import { env } from "../env";
import { POOL_CHECKOUT_TIMEOUT_MS, sharedPrismaClient } from "./client";
import type { Prisma, PrismaClient } from "./generated/client";
import { assertNoTransactionHeld, runTransaction } from "./transaction";

export function systemPrisma(): PrismaClient {
  assertNoTransactionHeld("systemPrisma()");
  const { DATABASE_SYSTEM_URL, DATABASE_POOL_SIZE } = env();
  return sharedPrismaClient(DATABASE_SYSTEM_URL, DATABASE_POOL_SIZE);
}

export type SystemTx = Prisma.TransactionClient;

/** One transaction as the system role; retried on a deadlock, no second connection inside (lib/db/transaction.ts). */
export async function withSystemTx<T>(work: (tx: SystemTx) => Promise<T>): Promise<T> {
  assertNoTransactionHeld("withSystemTx");
  const client = systemPrisma();
  return runTransaction("withSystemTx", (guard) =>
    client.$transaction((tx) => guard(() => work(tx)), { timeout: 15_000, maxWait: POOL_CHECKOUT_TIMEOUT_MS }),
  );
}
