// The error answers of the JSON API (docs/architecture.md "Offline request queue and the first API endpoint"): RFC 9457
// problem details, `application/problem+json`, for POST /api/requests today and the public API to come. lib/errors.ts's codes keep
// their one status (HTTP_STATUS) and get a stable `type` and a short title; the detail is the domain's message, a
// validation failure adds `errors` (field path → message, "lines.0.quantity") to show beside each field, and every
// answer names the request id for support. Refusals of the HTTP layer itself (415, 428, 400) are ProblemErrors.
// Pure: no Next, no database.
import { REQUEST_ID_HEADER } from "../auth/headers";
import { HTTP_STATUS, type ActionFailure, type ErrorCode } from "../errors";
import type { Problem } from "./problem";

export const PROBLEM_JSON = "application/problem+json";

export interface ApiProblem extends Problem {
  /** A URI that names the kind of problem; clients switch on it (or on `status`), never on the wording. */
  type: string;
  /** Per field, what to fix: the keys are the request body's paths. */
  errors?: Record<string, string>;
}

/** A refusal decided before any domain code ran (the body is not JSON, the idempotency key is missing). */
export class ProblemError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.detail);
    this.name = "ProblemError";
  }
}

const problemType = (name: string) => `urn:stockflow:problem:${name}`;

const TITLES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Signed out",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  VALIDATION: "Check the fields",
  CONFLICT: "Conflict",
  INVALID_TRANSITION: "Not possible now",
  RATE_LIMITED: "Too many requests",
  INSUFFICIENT_STOCK: "Not enough stock",
  PASSWORD_CHANGE_REQUIRED: "New password needed",
  BUSY: "Busy",
  INTERNAL: "Something went wrong",
};

/** A domain failure (toFailure) as a problem. */
export function problemOfFailure(failure: Pick<ActionFailure, "code" | "message" | "fieldErrors">): ApiProblem {
  const errors = failure.fieldErrors
    ? Object.fromEntries(Object.entries(failure.fieldErrors).map(([field, messages]) => [field, messages.join(" ")]))
    : undefined;
  return {
    type: problemType(failure.code.toLowerCase().replaceAll("_", "-")),
    status: HTTP_STATUS[failure.code],
    title: TITLES[failure.code],
    detail: failure.message,
    ...(errors && { errors }),
  };
}

export const FOREIGN_ORIGIN_PROBLEM: ApiProblem = {
  type: problemType("foreign-origin"),
  status: 403,
  title: "Request refused",
  detail: "This request was sent from another site. Open StockFlow and try again from there.",
};

export const NOT_JSON_PROBLEM: ApiProblem = {
  type: problemType("unsupported-media-type"),
  status: 415,
  title: "Send JSON",
  detail: "Send the request as JSON, with the header Content-Type: application/json.",
};

export const MALFORMED_JSON_PROBLEM: ApiProblem = {
  type: problemType("malformed-json"),
  status: 400,
  title: "Bad request",
  detail: "The request body is not valid JSON.",
};

export const IDEMPOTENCY_KEY_PROBLEM: ApiProblem = {
  type: problemType("idempotency-key-required"),
  status: 428,
  title: "Idempotency key needed",
  detail:
    "Send an Idempotency-Key header holding a UUID made once for this request; send the same key again to retry it.",
};

/** The answer: the problem as JSON, with the request id in the body and the x-request-id header. */
export function problemResponse(problem: ApiProblem, requestId: string | undefined): Response {
  return new Response(JSON.stringify({ ...problem, ...(requestId && { requestId }) }), {
    status: problem.status,
    headers: {
      "content-type": PROBLEM_JSON,
      "cache-control": "no-store",
      ...(requestId && { [REQUEST_ID_HEADER]: requestId }),
    },
  });
}
