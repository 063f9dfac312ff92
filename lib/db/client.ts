// Prisma clients over node-postgres (@prisma/adapter-pg): one driver path for the embedded database and for a
// PostgreSQL server. A client is created once per process and role (kept on globalThis across dev reloads).
import { PrismaPg } from "@prisma/adapter-pg";
import { onShutdown } from "../shutdown";
import { PrismaClient } from "./generated/client";

export type { Prisma } from "./generated/client";
export { PrismaClient };

/**
 * How long a query or transaction waits for a free pooled connection before giving up as BUSY (lib/errors.ts
 * databaseContention): a pool that stays exhausted answers "busy, try again" instead of queueing requests forever.
 */
export const POOL_CHECKOUT_TIMEOUT_MS = 5_000;

export function createPrismaClient(connectionString: string, max: number): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      max,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: POOL_CHECKOUT_TIMEOUT_MS,
    }),
  });
}

const registry = globalThis as unknown as { __stockflowPrisma?: Map<string, PrismaClient> };

/** One client per connection string in this process. */
export function sharedPrismaClient(connectionString: string, max: number): PrismaClient {
  if (!registry.__stockflowPrisma) {
    registry.__stockflowPrisma = new Map();
    // Last at shutdown, once the streams and workers that query through them have stopped.
    onShutdown("database-pools", "connections", disconnectAll);
  }
  let client = registry.__stockflowPrisma.get(connectionString);
  if (!client) {
    client = createPrismaClient(connectionString, max);
    registry.__stockflowPrisma.set(connectionString, client);
  }
  return client;
}

export async function disconnectAll(): Promise<void> {
  const clients = [...(registry.__stockflowPrisma?.values() ?? [])];
  registry.__stockflowPrisma?.clear();
  await Promise.all(clients.map((client) => client.$disconnect()));
}
