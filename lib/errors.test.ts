import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, HTTP_STATUS, parseInput, toFailure } from "./errors";

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
