// The system client (DESIGN §4): connects as the BYPASSRLS system role and is not tenant-scoped. Only for sign-in
// lookups, registration, platform administration, background jobs and seeding. Importing it anywhere else is a
// lint error (eslint.config.mjs) and a test failure (tests/integration/system-client-imports.test.ts).
import { env } from "../env";
import { sharedPrismaClient } from "./client";
import type { Prisma, PrismaClient } from "./generated/client";

export function systemPrisma(): PrismaClient {
  const { DATABASE_SYSTEM_URL, DATABASE_POOL_SIZE } = env();
  return sharedPrismaClient(DATABASE_SYSTEM_URL, DATABASE_POOL_SIZE);
}

export type SystemTx = Prisma.TransactionClient;

export async function withSystemTx<T>(work: (tx: SystemTx) => Promise<T>): Promise<T> {
  return systemPrisma().$transaction(work, { timeout: 15_000, maxWait: 10_000 });
}
