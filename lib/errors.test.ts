import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, BUSY_MESSAGE, databaseContention, HTTP_STATUS, parseInput, toFailure } from "./errors";

describe("toFailure", () => {
  it("passes an AppError's code, message and field errors through", () => {
    expect(toFailure(AppError.validation({ email: ["Taken."] }))).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { email: ["Taken."] },
    });
    expect(toFailure(AppError.notFound("That request"))).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "That request was not found.",
    });
  });

  it("maps Prisma's unique violation to CONFLICT and a missing record to NOT_FOUND", () => {
    expect(toFailure(Object.assign(new Error("Unique constraint failed"), { code: "P2002" })).code).toBe("CONFLICT");
    expect(toFailure(Object.assign(new Error("Record to update not found"), { code: "P2025" })).code).toBe("NOT_FOUND");
  });

  it("never shows the raw message of an unexpected error", () => {
    const failure = toFailure(new Error('relation "users" does not exist at /srv/app/lib/db.ts:12'));
    expect(failure).toEqual({
      ok: false,
      code: "INTERNAL",
      message: "Something went wrong on our side. Please try again.",
    });
    expect(toFailure("a thrown string").code).toBe("INTERNAL");
  });

  // The shapes Prisma 7 and @prisma/adapter-pg produced for these errors on PostgreSQL 15
  // (tests/integration/database-contention.test.ts raises each for real).
  const adapterError = (originalCode: string, code = "P2010") =>
    Object.assign(new Error("Raw query failed"), {
      code,
      meta: { driverAdapterError: { cause: { originalCode, kind: "TransactionWriteConflict" } } },
    });

  it("maps a contended database to BUSY: deadlocks and serialization failures to retry, timeouts at once", () => {
    expect(databaseContention(adapterError("40P01"))).toBe("retry");
    expect(databaseContention(adapterError("40P01", "P2034"))).toBe("retry");
    expect(databaseContention(adapterError("40001"))).toBe("retry");
    // A serialization failure at COMMIT: the adapter's own error, not wrapped by the client.
    const atCommit = Object.assign(new Error("TransactionWriteConflict"), {
      name: "DriverAdapterError",
      cause: { originalCode: "40001", kind: "TransactionWriteConflict" },
    });
    expect(databaseContention(atCommit)).toBe("retry");
    expect(databaseContention(adapterError("55P03"))).toBe("busy");
    expect(databaseContention(adapterError("57014"))).toBe("busy");
    expect(databaseContention(Object.assign(new Error("Unable to start a transaction"), { code: "P2028" }))).toBe(
      "busy",
    );
    expect(databaseContention(new Error("timeout exceeded when trying to connect"))).toBe("busy");
    expect(databaseContention(adapterError("23505"))).toBeNull();
    expect(databaseContention(AppError.notFound())).toBeNull();
    expect(databaseContention(null)).toBeNull();

    expect(toFailure(adapterError("55P03"))).toEqual({ ok: false, code: "BUSY", message: BUSY_MESSAGE });
    expect(toFailure(atCommit).code).toBe("BUSY");
    expect(HTTP_STATUS.BUSY).toBe(503);
  });

  it("gives every code an HTTP status", () => {
    expect(HTTP_STATUS).toMatchObject({
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      VALIDATION: 422,
      CONFLICT: 409,
      RATE_LIMITED: 429,
    });
  });
});

describe("parseInput", () => {
  const schema = z
    .object({ quantity: z.number().int().positive(), lines: z.array(z.object({ sku: z.string().min(1) })) })
    .strict();

  it("returns the parsed value", () => {
    expect(parseInput(schema, { quantity: 2, lines: [{ sku: "A" }] })).toEqual({ quantity: 2, lines: [{ sku: "A" }] });
  });

  it("throws VALIDATION with errors keyed by field path, unknown keys included", () => {
    let error: unknown;
    try {
      parseInput(schema, { quantity: 1.5, lines: [{ sku: "" }], companyId: "x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const fields = (error as AppError).fieldErrors!;
    expect(Object.keys(fields).sort()).toEqual(["_form", "lines.0.sku", "quantity"]);
  });
});
