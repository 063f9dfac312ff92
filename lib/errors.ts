// One error type for the domain layer and one mapper for server actions and HTTP (docs/architecture.md §8). Raw messages of
// unexpected errors and stack traces never reach a client: they are logged with the request id instead.
import { z } from "zod";

export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "VALIDATION",
  "CONFLICT",
  "INVALID_TRANSITION",
  "RATE_LIMITED",
  "INSUFFICIENT_STOCK",
  "PASSWORD_CHANGE_REQUIRED",
  "BUSY",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }

  static notFound(what = "That item"): AppError {
    return new AppError("NOT_FOUND", `${what} was not found.`);
  }

  static forbidden(message = "You do not have permission to do that."): AppError {
    return new AppError("FORBIDDEN", message);
  }

  static validation(fieldErrors: FieldErrors, message = "Please correct the highlighted fields."): AppError {
    return new AppError("VALIDATION", message, fieldErrors);
  }

  /** The database was too busy to do it now (lock or statement timeout, a conflict that retries did not clear). */
  static busy(): AppError {
    return new AppError("BUSY", BUSY_MESSAGE);
  }
}

export const BUSY_MESSAGE =
  "StockFlow is too busy to finish this right now. Nothing was changed: please try again in a moment.";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  INSUFFICIENT_STOCK: 409,
  PASSWORD_CHANGE_REQUIRED: 403,
  BUSY: 503,
  INTERNAL: 500,
};

export type ActionFailure = { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** Zod issues as field errors keyed by dotted path ("lines.0.quantity"); form-level issues under "_form". */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** Parses input with a schema, throwing a VALIDATION AppError with field errors a person can act on. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrorsFromZod(result.error));
  return result.data;
}

interface DatabaseError {
  code?: unknown;
  message?: unknown;
  cause?: { originalCode?: unknown };
  meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
}

/**
 * A unique-constraint violation: the database, not a pre-check, decided that something exists. Prisma reports it
 * as P2002 from model queries, and with PostgreSQL's SQLSTATE 23505 from raw SQL through the driver adapter.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as DatabaseError | null;
  const cause = e?.meta?.driverAdapterError?.cause;
  return (
    e?.code === "P2002" ||
    e?.meta?.code === "23505" ||
    cause?.originalCode === "23505" ||
    cause?.kind === "UniqueConstraintViolation"
  );
}

/** Deadlock (40P01) and serialization failure (40001): running the whole transaction again may succeed. */
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);
/** Lock timeout (55P03) and statement timeout (57014): the role's limits (lib/db/role-timeouts.ts) were reached. */
const TIMEOUT_SQLSTATES = new Set(["55P03", "57014"]);
/** pg-pool's error when no connection came free within connectionTimeoutMillis (lib/db/client.ts). */
const POOL_CHECKOUT_TIMEOUT = "timeout exceeded when trying to connect";

/**
 * Whether an error means the database was contended rather than the request wrong: "retry" for a deadlock or
 * serialization failure (the transaction wrappers in lib/db re-run the work), "busy" for a timeout (lock,
 * statement, pool checkout, Prisma's transaction limits: P2028), null for anything else. Through the driver adapter
 * PostgreSQL's SQLSTATE arrives in one of three places: a model query's P2034 with meta.driverAdapterError, a raw
 * query's P2010 likewise, or a bare DriverAdapterError (a failed COMMIT) with cause.originalCode.
 */
export function databaseContention(error: unknown): "retry" | "busy" | null {
  const e = error as DatabaseError | null;
  if (e === null || typeof e !== "object") return null;
  const sqlState = e.meta?.driverAdapterError?.cause?.originalCode ?? e.cause?.originalCode ?? e.meta?.code ?? e.code;
  if (e.code === "P2034" || (typeof sqlState === "string" && RETRYABLE_SQLSTATES.has(sqlState))) return "retry";
  if (e.code === "P2028" || (typeof sqlState === "string" && TIMEOUT_SQLSTATES.has(sqlState))) return "busy";
  if (e.message === POOL_CHECKOUT_TIMEOUT) return "busy";
  return null;
}

interface PrismaLikeError {
  code?: unknown;
  meta?: {
    target?: unknown;
    modelName?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } };
  };
}

/**
 * Maps anything thrown by the domain layer to a safe failure: AppError as is, Prisma's unique violation (P2002)
 * to CONFLICT, record not found (P2025) to NOT_FOUND, a CHECK violation to VALIDATION, a contended database
 * (databaseContention) to BUSY, anything else INTERNAL with a generic message.
 */
export function toFailure(error: unknown): ActionFailure {
  if (error instanceof AppError) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(error.fieldErrors && { fieldErrors: error.fieldErrors }),
    };
  }
  const prismaCode = (error as PrismaLikeError | null)?.code;
  if (isUniqueViolation(error)) {
    return { ok: false, code: "CONFLICT", message: "That already exists." };
  }
  if (prismaCode === "P2025") {
    return { ok: false, code: "NOT_FOUND", message: "That item was not found." };
  }
  if (prismaCode === "P2004" || prismaCode === "23514") {
    return { ok: false, code: "VALIDATION", message: "That change is not allowed: a value is out of range." };
  }
  if (databaseContention(error)) {
    return { ok: false, code: "BUSY", message: BUSY_MESSAGE };
  }
  return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
}
