// The tenant data layer (docs/architecture.md §4). Two independent layers keep companies apart:
// 1. this Prisma client extension scopes every query on a tenant model to the caller's company, and
// 2. PostgreSQL row-level security, through the transaction-local `app.company_id` set by withTenantTx.
// Either alone must hold; tests prove each without the other.
import { Prisma } from "./generated/client";
import type { PrismaClient } from "./generated/client";
import { env } from "../env";
import { POOL_CHECKOUT_TIMEOUT_MS, sharedPrismaClient } from "./client";
import { isPlatformModel, isTenantModel } from "./tenant-models";
import { assertNoTransactionHeld, runTransaction } from "./transaction";

export interface TenantScope {
  companyId: string;
}

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantScopeError";
  }
}

const WHERE_REQUIRED = new Set(["findMany", "updateMany", "updateManyAndReturn", "deleteMany"]);
const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
  "count",
  "aggregate",
  "groupBy",
]);
const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);

type Args = Record<string, unknown>;

/** Adds a condition to a where clause without replacing anything the caller wrote (unique keys stay on top). */
function andWhere(where: unknown, condition: Args): Args {
  const base = (where as Args | undefined) ?? {};
  const existing = base.AND === undefined ? [] : Array.isArray(base.AND) ? base.AND : [base.AND];
  return { ...base, AND: [...existing, condition] };
}

/**
 * Any `companyId` anywhere in the arguments (filters, data, nested writes) must be the scope's, and no write may
 * go through the `company` relation: nested rows inherit the parent's company through the composite foreign keys
 * (company_id, x_id), and the database refuses a reference to another company's row.
 */
function assertWithinScope(value: unknown, companyId: string, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertWithinScope(item, companyId, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== "object" || value instanceof Date || Prisma.Decimal.isDecimal(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "companyId" && child !== companyId) {
      throw new TenantScopeError(`${path}.companyId names another company (or is not a plain id)`);
    }
    if (key === "company" && !path.startsWith("where")) {
      throw new TenantScopeError(`${path}.company: write companyId through the tenant scope, not the relation`);
    }
    assertWithinScope(child, companyId, `${path}.${key}`);
  }
}

function scopeArgs(model: string, operation: string, rawArgs: unknown, companyId: string): Args {
  const args: Args = { ...((rawArgs as Args | undefined) ?? {}) };
  if (isPlatformModel(model)) {
    throw new TenantScopeError(`${model} is a platform model: use the system client`);
  }
  if (WHERE_REQUIRED.has(operation) && args.where === undefined) {
    throw new TenantScopeError(`${model}.${operation} without a where clause is refused`);
  }
  for (const key of ["where", "data", "create", "update"] as const) {
    if (args[key] !== undefined) assertWithinScope(args[key], companyId, key);
  }

  if (model === "Company") {
    // The tenant root: a company sees and changes only itself.
    if (CREATE_OPERATIONS.has(operation) || operation === "delete" || operation === "deleteMany") {
      throw new TenantScopeError(`Company.${operation} belongs to the system client`);
    }
    if (WHERE_OPERATIONS.has(operation)) args.where = andWhere(args.where, { id: companyId });
    return args;
  }
  if (model === "User") {
    // Users are global: the tenant sees those with a membership in its company.
    if (CREATE_OPERATIONS.has(operation) || operation === "upsert" || operation.startsWith("delete")) {
      throw new TenantScopeError(`User.${operation} belongs to the system client`);
    }
    if (WHERE_OPERATIONS.has(operation)) args.where = andWhere(args.where, { memberships: { some: { companyId } } });
    return args;
  }
  if (!isTenantModel(model)) {
    throw new TenantScopeError(`${model} is not classified as a tenant or platform model (lib/db/tenant-models.ts)`);
  }

  if (WHERE_OPERATIONS.has(operation)) {
    // Any companyId the caller wrote is the scope's (assertWithinScope), so setting it replaces nothing.
    args.where = { ...((args.where as Args | undefined) ?? {}), companyId };
  }
  if (operation === "create") {
    args.data = { ...(args.data as Args), companyId };
  }
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const data = args.data as Args | Args[];
    args.data = Array.isArray(data) ? data.map((row) => ({ ...row, companyId })) : { ...data, companyId };
  }
  if (operation === "upsert") {
    args.create = { ...(args.create as Args), companyId };
  }
  return args;
}

/** Layer 1: an extension that scopes every model query to one company. */
export function tenantScopeExtension(companyId: string) {
  return Prisma.defineExtension({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args, companyId));
        },
      },
    },
  });
}

export function appPrisma(): PrismaClient {
  assertNoTransactionHeld("appPrisma()");
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  return sharedPrismaClient(DATABASE_URL, DATABASE_POOL_SIZE);
}

/** The scoped client for one company. Every query must still run inside withTenantTx for RLS to see rows. */
export function scopedClient(base: PrismaClient, companyId: string) {
  return base.$extends(tenantScopeExtension(companyId));
}

type ScopedClient = ReturnType<typeof scopedClient>;
export type TenantTx = Parameters<Parameters<ScopedClient["$transaction"]>[0]>[0];

export interface TenantTxOptions {
  /** The client to run on; the app role's by default. Tests pass others to prove each layer alone. */
  client?: PrismaClient;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  timeoutMs?: number;
}

/**
 * Runs `work` in one interactive transaction as the caller's company: sets the transaction-local RLS context and
 * writer mark first (nothing leaks to the next user of the pooled connection), scopes every query through the
 * extension, and rolls everything back if `work` throws — audit rows, outbox rows and notifications included. A
 * deadlock or serialization failure runs `work` again; no second pooled connection may be asked for inside it
 * (lib/db/transaction.ts).
 */
export async function withTenantTx<T>(
  scope: TenantScope,
  work: (tx: TenantTx) => Promise<T>,
  options: TenantTxOptions = {},
): Promise<T> {
  assertNoTransactionHeld("withTenantTx");
  const client = scopedClient(options.client ?? appPrisma(), scope.companyId);
  return runTransaction("withTenantTx", (guard) =>
    client.$transaction(
      async (tx) => {
        // The company row-level security sees, and the mark of a writer that knows per-line quantities, without
        // which the database refuses to fulfil, cancel or close a request approved lower or partly fulfilled
        // (migration 20261213090000_old_writer_guard: the previous release would ship or release what was requested).
        await tx.$executeRaw`SELECT set_config('app.company_id', ${scope.companyId}, true),
          set_config('app.line_quantities', 'on', true)`;
        return guard(() => work(tx));
      },
      {
        isolationLevel: options.isolationLevel,
        timeout: options.timeoutMs ?? 15_000,
        maxWait: POOL_CHECKOUT_TIMEOUT_MS,
      },
    ),
  );
}
