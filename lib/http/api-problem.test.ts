import { describe, expect, it } from "vitest";
import { problemOfFailure, problemResponse, PROBLEM_JSON } from "./api-problem";

describe("problemOfFailure", () => {
  it("keeps each code's one status, names it by a stable type, and flattens field errors to one message each", () => {
    expect(
      problemOfFailure({
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { "lines.0.quantity": ["Quantity: enter a whole number.", "Too big."], type: ["Choose one."] },
      }),
    ).toEqual({
      type: "urn:stockflow:problem:validation",
      status: 422,
      title: "Check the fields",
      detail: "Please correct the highlighted fields.",
      errors: { "lines.0.quantity": "Quantity: enter a whole number. Too big.", type: "Choose one." },
    });
    expect(problemOfFailure({ code: "PASSWORD_CHANGE_REQUIRED", message: "x" })).toMatchObject({
      type: "urn:stockflow:problem:password-change-required",
      status: 403,
    });
    expect(problemOfFailure({ code: "BUSY", message: "x" }).status).toBe(503);
    expect(problemOfFailure({ code: "CONFLICT", message: "x" })).not.toHaveProperty("errors");
  });
});

describe("problemResponse", () => {
  it("answers problem+json, never cached, naming the request id in the body and the header", async () => {
    const response = problemResponse(problemOfFailure({ code: "NOT_FOUND", message: "Gone." }), "req-12345678");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe(PROBLEM_JSON);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toBe("req-12345678");
    expect(await response.json()).toEqual({
      type: "urn:stockflow:problem:not-found",
      status: 404,
      title: "Not found",
      detail: "Gone.",
      requestId: "req-12345678",
    });
  });
});
