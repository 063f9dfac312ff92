// The database under contention: a unit of work never waits for a second pooled connection while holding one, so a
// burst of password changes cannot freeze the pool; a deadlock or serialization failure re-runs the whole
// transaction (its audit row written once); a timeout or a conflict that will not clear is BUSY, never INTERNAL; the
// roles carry their time limits, and only long jobs raise them, for their own transaction.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "../../lib/accounts/change-password";
import { hitRateLimit } from "../../lib/auth/rate-limit";
import { verifyCredentials } from "../../lib/auth/sign-in";
import { changeEmail } from "../../lib/accounts/update-profile";
import { recordAudit } from "../../lib/audit/record-audit";
import { createPrismaClient, disconnectAll, POOL_CHECKOUT_TIMEOUT_MS, type PrismaClient } from "../../lib/db/client";
import { warnAboutRoleTimeouts } from "../../lib/db/check-role-timeouts";
import {
  allowLongWork,
  LONG_WORK_TIMEOUT_MS,
  missingRoleTimeouts,
  ROLE_TIMEOUTS,
  roleTimeoutStatements,
} from "../../lib/db/role-timeouts";
import { APP_ROLE, SYSTEM_ROLE } from "../../lib/db/roles";
import { systemPrisma, withSystemTx } from "../../lib/db/system";
import { appPrisma, withTenantTx } from "../../lib/db/tenant";
import { SecondConnectionError, TRANSACTION_ATTEMPTS } from "../../lib/db/transaction";
import { env } from "../../lib/env";
import { AppError, BUSY_MESSAGE, toFailure } from "../../lib/errors";
import { createPerson } from "../factories/accounts";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { createTestProduct } from "../factories/stock";
import { appClient, superuserClient, superuserPool, systemClient, testDatabase } from "../helpers/db";

let system: PrismaClient;
let fixture: CompanyFixture;

beforeAll(async () => {
  system = superuserClient();
  fixture = await createCompanyFixture(system, "contention");
});

afterAll(async () => {
  await system.$disconnect();
  await disconnectAll();
});

/** A unique client address, so this file's attempts never share a per-address limit with another test's. */
function address(): string {
  const n = Number.parseInt(uniqueSuffix().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("password and email changes hold no connection while they wait", () => {
  it("three times the pool size of concurrent password changes all succeed, and a sign-in meanwhile answers", async () => {
    const poolSize = env().DATABASE_POOL_SIZE;
    const people = await Promise.all(
      Array.from({ length: 3 * poolSize }, () => createPerson(system, { companyId: fixture.companyId })),
    );
    const bystander = await createPerson(system, { companyId: fixture.companyId });
    const next = "a brand new passphrase";

    const changes = Promise.allSettled(
      people.map((person) =>
        changePassword(
          { userId: person.id, companyId: fixture.companyId, sessionId: randomUUID(), request: { ip: address() } },
          { currentPassword: person.password, newPassword: next, confirmPassword: next },
        ),
      ),
    );
    const started = Date.now();
    const signIn = await verifyCredentials({ email: bystander.email, password: bystander.password }, { ip: address() });
    const signInMs = Date.now() - started;
    const results = await changes;

    expect(results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []))).toEqual([]);
    expect(signIn.ok).toBe(true);
    // It did not queue behind transactions waiting for each other's connections.
    expect(signInMs).toBeLessThan(POOL_CHECKOUT_TIMEOUT_MS);
    const users = await system.user.findMany({
      where: { id: { in: people.map((person) => person.id) } },
      select: { sessionVersion: true },
    });
    expect(users.map((user) => user.sessionVersion)).toEqual(people.map(() => 2));
  }, 40_000);

  it("a password change that lost a race with another change of the same account changes nothing", async () => {
    const person = await createPerson(system, { companyId: fixture.companyId });
    const owner = {
      userId: person.id,
      companyId: fixture.companyId,
      sessionId: randomUUID(),
      request: { ip: address() },
    };
    const results = await Promise.allSettled(
      ["first new passphrase", "second new passphrase"].map((next) =>
        changePassword(owner, { currentPassword: person.password, newPassword: next, confirmPassword: next }),
      ),
    );
    const failures = results.flatMap((result) => (result.status === "rejected" ? [result.reason as AppError] : []));
    // Both were checked against the same password; exactly one was written, the other was refused as changed.
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(AppError);
    expect(failures[0]!.code).toBe("CONFLICT");
    const user = await system.user.findUniqueOrThrow({ where: { id: person.id }, select: { sessionVersion: true } });
    expect(user.sessionVersion).toBe(2);
    expect(
      await system.platformAuditLog.count({ where: { actorId: person.id, action: "user.password_changed" } }),
    ).toBe(1);
  });

  it("two email change requests at once: both are answered, only the later link stays usable", async () => {
    const person = await createPerson(system, { companyId: fixture.companyId });
    const owner = { userId: person.id, request: { ip: address() } };
    const results = await Promise.allSettled(
      [`first-${uniqueSuffix()}@race.test`, `second-${uniqueSuffix()}@race.test`].map((email) =>
        changeEmail(owner, { email, currentPassword: person.password }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    const usable = await system.oneTimeToken.findMany({
      where: { userId: person.id, purpose: "EMAIL_CHANGE", usedAt: null },
      select: { email: true },
    });
    expect(usable).toHaveLength(1);
    // The address itself changes only when a link is opened.
    const user = await system.user.findUniqueOrThrow({ where: { id: person.id }, select: { email: true } });
    expect(user.email).toBe(person.email);
  });
});

describe("a transaction's work never asks for a second pooled connection", () => {
  it("refuses the pools, another transaction and the pool-based rate limits inside a transaction", async () => {
    const results = await Promise.allSettled([
      withSystemTx(async () => systemPrisma().user.count()),
      withSystemTx(async () => appPrisma()),
      withTenantTx(fixture.ctx, async () => withSystemTx(async (tx) => tx.user.count())),
      withSystemTx(async () => hitRateLimit({ key: `test:${uniqueSuffix()}`, max: 1, windowMs: 60_000 })),
    ]);
    for (const result of results) {
      expect(result.status === "rejected" && result.reason).toBeInstanceOf(SecondConnectionError);
    }
    // After the transaction the pools are free to use again.
    expect(await systemPrisma().company.count({ where: { id: fixture.companyId } })).toBe(1);
  });
});

describe("deadlocks and serialization failures re-run the unit of work", () => {
  it("both sides of a deadlock complete after a retry, each audit row written once", async () => {
    const other = await createTestProduct(system, fixture.companyId);
    const rows = [fixture.productId, other.id];
    let attempts = 0;
    const lockBoth = (order: string[], marker: string) =>
      withTenantTx(fixture.ctx, async (tx) => {
        attempts++;
        await tx.$executeRaw`UPDATE products SET name = name WHERE id = ${order[0]}::uuid`;
        // Both hold their first row before either asks for its second: PostgreSQL must pick a victim.
        await tx.$executeRaw`SELECT pg_sleep(0.3)`;
        // A model query this time: Prisma reports its deadlock as P2034 rather than a raw query's P2010.
        await tx.product.update({ where: { id: order[1] }, data: { name: `Locked ${marker}` }, select: { id: true } });
        await recordAudit(tx, fixture.ctx, { action: "test.deadlock", entityType: "product", entityId: marker });
      });
    const markers = [randomUUID(), randomUUID()];
    const results = await Promise.allSettled([lockBoth(rows, markers[0]!), lockBoth([...rows].reverse(), markers[1]!)]);

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(attempts).toBe(3);
    for (const marker of markers) {
      expect(await system.auditLog.count({ where: { companyId: fixture.companyId, entityId: marker } })).toBe(1);
    }
  });

  it("two serializable transactions that conflict at commit both complete", async () => {
    const other = await createTestProduct(system, fixture.companyId);
    const rows = [fixture.productId, other.id];
    let attempts = 0;
    const readBothWriteOne = (write: string, name: string) =>
      withTenantTx(
        fixture.ctx,
        async (tx) => {
          attempts++;
          await tx.product.findMany({ where: { id: { in: rows } }, select: { name: true } });
          await tx.$executeRaw`SELECT pg_sleep(0.2)`;
          await tx.product.update({ where: { id: write }, data: { name }, select: { id: true } });
        },
        { isolationLevel: "Serializable" },
      );
    const names = [`Read-write A ${uniqueSuffix()}`, `Read-write B ${uniqueSuffix()}`];
    const results = await Promise.allSettled([
      readBothWriteOne(rows[0]!, names[0]!),
      readBothWriteOne(rows[1]!, names[1]!),
    ]);

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(attempts).toBeGreaterThan(2);
    const saved = await system.product.findMany({ where: { id: { in: rows } }, select: { id: true, name: true } });
    expect(Object.fromEntries(saved.map((product) => [product.id, product.name]))).toEqual({
      [rows[0]!]: names[0],
      [rows[1]!]: names[1],
    });
  });

  it("a serialization failure that persists is BUSY after the last attempt, with nothing written", async () => {
    const marker = randomUUID();
    let attempts = 0;
    const error = await rejection(
      withTenantTx(fixture.ctx, async (tx) => {
        attempts++;
        await recordAudit(tx, fixture.ctx, { action: "test.busy", entityType: "product", entityId: marker });
        await tx.$executeRawUnsafe(
          `DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$`,
        );
      }),
    );

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BUSY");
    expect(toFailure(error)).toEqual({ ok: false, code: "BUSY", message: BUSY_MESSAGE });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(await system.auditLog.count({ where: { companyId: fixture.companyId, entityId: marker } })).toBe(0);
  });
});

describe("timeouts are BUSY at once", () => {
  it("a row locked longer than the lock limit is BUSY on the first attempt", async () => {
    const owner = superuserPool(1);
    const holder = await owner.connect();
    let attempts = 0;
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM products WHERE id = $1 FOR UPDATE", [fixture.productId]);
      const error = await rejection(
        withTenantTx(fixture.ctx, async (tx) => {
          attempts++;
          await tx.$executeRaw`SELECT set_config('lock_timeout', '200ms', true)`;
          await tx.$executeRaw`UPDATE products SET name = name WHERE id = ${fixture.productId}::uuid`;
        }),
      );
      expect((error as AppError).code).toBe("BUSY");
      expect(attempts).toBe(1);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
      await owner.end();
    }
  });

  it("a statement past its limit is BUSY, outside a transaction too", async () => {
    const error = await rejection(
      withSystemTx(async (tx) => {
        await tx.$executeRaw`SELECT set_config('statement_timeout', '100ms', true)`;
        await tx.$executeRaw`SELECT pg_sleep(1)`;
      }),
    );
    expect((error as AppError).code).toBe("BUSY");
  });
});

describe("the roles' time limits", () => {
  it("the app and system roles have them, as provisioned", async () => {
    const clients = [appClient(1), systemClient(1)];
    try {
      for (const [client, role] of [
        [clients[0]!, APP_ROLE],
        [clients[1]!, SYSTEM_ROLE],
      ] as const) {
        expect(await missingRoleTimeouts(client)).toEqual({ role, missing: [] });
        const [row] = await client.$queryRaw<{ lock: string; statement: string; idle: string }[]>`
          SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement,
                 current_setting('idle_in_transaction_session_timeout') AS idle`;
        expect(row).toEqual({
          lock: ROLE_TIMEOUTS.lock_timeout,
          statement: ROLE_TIMEOUTS.statement_timeout,
          idle: ROLE_TIMEOUTS.idle_in_transaction_session_timeout,
        });
      }
      expect(await warnAboutRoleTimeouts()).toEqual([]);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });

  it("a role without them is named with the SQL that sets them", async () => {
    // The owner role has none of them (only the app and system roles are limited).
    const owner = createPrismaClient(testDatabase.migrateUrl, 1);
    try {
      const [row] = await owner.$queryRaw<{ role: string }[]>`SELECT current_user::text AS role`;
      expect(await missingRoleTimeouts(owner)).toEqual({
        role: row!.role,
        missing: ["lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout"],
      });
    } finally {
      await owner.$disconnect();
    }
  });

  it("README's SQL for an operator's server sets the same limits", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    for (const role of [APP_ROLE, SYSTEM_ROLE]) {
      for (const statement of roleTimeoutStatements(role)) expect(readme).toContain(`${statement};`);
    }
  });

  it("a long job raises the statement limits for its own transaction only", async () => {
    // One connection, so the transaction after it runs where the raised limits were set.
    const client = appClient(1);
    try {
      const seen = await withTenantTx(
        fixture.ctx,
        async (tx) => {
          await allowLongWork(tx);
          return tx.$queryRaw<{ statement: string; idle: string; lock: string }[]>`
            SELECT current_setting('statement_timeout') AS statement,
                   current_setting('idle_in_transaction_session_timeout') AS idle,
                   current_setting('lock_timeout') AS lock`;
        },
        { client },
      );
      const raised = `${LONG_WORK_TIMEOUT_MS / 60_000}min`;
      expect(seen[0]).toEqual({ statement: raised, idle: raised, lock: ROLE_TIMEOUTS.lock_timeout });
      const after = await withTenantTx(
        fixture.ctx,
        (tx) => tx.$queryRaw<{ statement: string }[]>`SELECT current_setting('statement_timeout') AS statement`,
        { client },
      );
      expect(after[0]!.statement).toBe(ROLE_TIMEOUTS.statement_timeout);
    } finally {
      await client.$disconnect();
    }
  });
});
