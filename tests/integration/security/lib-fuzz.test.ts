// Property-based fuzzing of the lib boundary (fast-check): every function of ./lib-boundary.ts is called with input
// generated from its own zod schema (./json-schema-arbitrary.ts) and with junk, as a real caller against a real
// PostgreSQL (a database of this file's own, ./world.ts). Whatever the input, the answer is a result or an AppError
// a person can act on, never an unexpected error (INTERNAL, a 500); and a refusal leaves every table as it was.
// Runs per function: SECURITY_FUZZ_RUNS (default 6); a failure prints its seed, SECURITY_FUZZ_SEED replays it.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { arbitraryFor } from "./json-schema-arbitrary";
import { LIB_BOUNDARY, type BoundaryEntry } from "./lib-boundary";
import { discoverBoundary } from "./lib-discovery";
import { createWorld, snapshot, type World } from "./world";

const RUNS = Number(process.env.SECURITY_FUZZ_RUNS ?? 6);
const SEED = process.env.SECURITY_FUZZ_SEED ? Number(process.env.SECURITY_FUZZ_SEED) : undefined;
const TOKEN = "A".repeat(43);
const REQUEST = { requestId: "fuzz-request", ip: "192.0.2.77", userAgent: "fast-check" };

let world: World;
let toFailure: (error: unknown) => { code: string; message: string };

beforeAll(async () => {
  world = await createWorld("fuzz");
  // The lib reads its database from the environment on first use: this file's own.
  process.env.DATABASE_URL = world.urls.appUrl;
  process.env.DATABASE_SYSTEM_URL = world.urls.systemUrl;
  ({ toFailure } = await import("../../../lib/errors"));
}, 120_000);

afterAll(async () => {
  await world?.drop();
}, 60_000);

function ids(): string[] {
  const { a, b } = world;
  return [
    a.companyId,
    a.productId,
    a.locationId,
    a.orderId,
    a.target.membershipId,
    a.invitationId,
    a.sessionId,
    a.supplierId,
    a.customerId,
    a.openStocktakeId,
    a.countedStocktakeId,
  ].concat([
    b.productId,
    b.locationId,
    b.orderId,
    b.target.membershipId,
    b.companyId,
    b.supplierId,
    b.customerId,
    b.openStocktakeId,
  ]);
}

/** The arguments before and after the input, for a caller of `entry`'s kind. */
async function callerArgs(entry: BoundaryEntry, role: "STAFF" | "MANAGER" | "ADMIN") {
  const { a } = world;
  const member =
    role === "ADMIN" ? { userId: a.admin.userId, email: a.admin.email } : role === "MANAGER" ? a.manager : a.staff;
  switch (entry.as) {
    case "tenant":
      return {
        // As AppContext carries it: a real session of company A (push subscriptions are tied to one).
        before: [
          {
            companyId: a.companyId,
            userId: member.userId,
            email: member.email,
            role,
            sessionId: a.sessionId,
            request: REQUEST,
          },
        ],
      };
    case "owner": {
      const current = { companyId: a.companyId, companyName: "A", role, companyStatus: "ACTIVE" };
      return {
        before: [
          {
            userId: member.userId,
            email: member.email,
            name: "Fuzzed",
            sessionVersion: 1,
            sessionId: a.sessionId,
            isPlatformAdmin: false,
            mustChangePassword: false,
            memberships: [current],
            current,
            companyId: a.companyId,
            request: REQUEST,
          },
        ],
      };
    }
    case "platform":
      return {
        before: [
          {
            userId: world.platformAdmin.userId,
            email: world.platformAdmin.email,
            isPlatformAdmin: true,
            request: REQUEST,
          },
        ],
      };
    case "public":
      return { before: [], after: [REQUEST] };
    case "token":
      return { before: [TOKEN], after: [REQUEST] };
  }
}

describe("the lib boundary", () => {
  it("every exported lib function that parses its input has an entry in lib-boundary.ts, and every entry a function", () => {
    expect(
      discoverBoundary().map((f) => f.key),
      "functions without an entry in lib-boundary.ts",
    ).toEqual(Object.keys(LIB_BOUNDARY).sort());
  });

  for (const fn of discoverBoundary()) {
    const entry = LIB_BOUNDARY[fn.key];
    if (!entry) continue;
    it(`${fn.key}: never an unexpected error, never a change on refusal`, async () => {
      const lib = (await import(/* @vite-ignore */ `../../../${fn.file}`)) as Record<string, unknown>;
      const schemaModule = (await import(/* @vite-ignore */ `../../../${fn.schemaFile}`)) as Record<string, unknown>;
      const schema = schemaModule[fn.schema] as z.ZodType | undefined;
      expect(schema, `${fn.schema} is not exported by ${fn.schemaFile}`).toBeDefined();
      const call = lib[fn.name] as (...args: unknown[]) => Promise<unknown>;
      await fc.assert(
        fc.asyncProperty(
          arbitraryFor(schema!, ids()),
          fc.constantFrom("STAFF", "MANAGER", "ADMIN"),
          async (input, role) => {
            const { before, after = [] } = await callerArgs(entry, role as "STAFF" | "MANAGER" | "ADMIN");
            const was = await snapshot(world.pool);
            try {
              await call(...before, input, ...(entry.after ?? []), ...after);
            } catch (error) {
              const failure = toFailure(error);
              expect(failure.code, `${failure.message}\n${error instanceof Error ? error.stack : error}`).not.toBe(
                "INTERNAL",
              );
              expect(await snapshot(world.pool), `refused with ${failure.code}, yet the database changed`).toEqual(was);
            }
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    });
  }
});
