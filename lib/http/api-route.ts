// The one way a JSON API route handler runs (docs/architecture.md "Offline request queue and the first API endpoint"),
// beside lib/http/route.ts for the app's own GETs: the request must come from this app's origin (the same
// originAllowed that guards server actions, lib/http/action-guard.ts), the caller is resolved like a tenant action
// (requireTenantForAction: a session today, an API key when the public API comes), and everything thrown becomes
// RFC 9457 problem details (lib/http/api-problem.ts). Unexpected errors are logged with the request id and answered
// with a generic 500; a member's FORBIDDEN is audited. The body helpers below refuse what the handler cannot read:
// 415 not JSON, 400 malformed JSON, 428 no idempotency key.
import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { unstable_rethrow } from "next/navigation";
import { auditRefusal } from "../audit/record-forbidden";
import { REQUEST_ID_HEADER } from "../auth/headers";
import { requireTenantForAction, type AppContext } from "../auth/context";
import { env } from "../env";
import { toFailure } from "../errors";
import { idempotencyKeySchema } from "../fields";
import { requestLogger } from "../logger";
import { originAllowed } from "./action-guard";
import {
  FOREIGN_ORIGIN_PROBLEM,
  IDEMPOTENCY_KEY_PROBLEM,
  MALFORMED_JSON_PROBLEM,
  NOT_JSON_PROBLEM,
  ProblemError,
  problemOfFailure,
  problemResponse,
} from "./api-problem";

function nodeHeaders(headers: Headers): IncomingHttpHeaders {
  return Object.fromEntries(headers.entries());
}

/** Same origin as the server actions: APP_URL's host, or the host the request was sent to (TRUST_PROXY aware). */
function sameOrigin(request: Request): boolean {
  const trustedProxies = Number(process.env.TRUST_PROXY ?? 0);
  return originAllowed(nodeHeaders(request.headers), {
    appUrl: env().APP_URL,
    trustedProxies: Number.isInteger(trustedProxies) && trustedProxies > 0 ? trustedProxies : 0,
  });
}

/** `export const POST = tenantApiRoute(async (ctx, request) => …)`: a tenant's JSON endpoint. */
export function tenantApiRoute(
  handler: (ctx: AppContext, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? undefined;
    let ctx: AppContext | undefined;
    try {
      if (!sameOrigin(request)) throw new ProblemError(FOREIGN_ORIGIN_PROBLEM);
      ctx = await requireTenantForAction();
      return await handler(ctx, request);
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ProblemError) return problemResponse(error.problem, requestId);
      const failure = toFailure(error);
      if (failure.code === "INTERNAL") {
        requestLogger({ requestId, userId: ctx?.userId, companyId: ctx?.companyId }).error(
          { err: error },
          "API route failed",
        );
      }
      await auditRefusal(ctx, failure, () => new URL(request.url).pathname);
      return problemResponse(problemOfFailure(failure), requestId);
    }
  };
}

/** The JSON body: 415 unless the content type is JSON (`application/json` or `…+json`), 400 when it does not parse. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const mime = (request.headers.get("content-type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (mime !== "application/json" && !/^application\/[\w.-]+\+json$/.test(mime)) {
    throw new ProblemError(NOT_JSON_PROBLEM);
  }
  try {
    return JSON.parse(await request.text());
  } catch {
    throw new ProblemError(MALFORMED_JSON_PROBLEM);
  }
}

/**
 * The Idempotency-Key header (a UUID, lower-cased): the id that makes a retry of the same request safe. 428 when it is
 * missing or not a UUID: a write without one could not be retried safely, so it is not taken at all.
 */
export function idempotencyKey(request: Request): string {
  const parsed = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key")?.trim());
  if (!parsed.success) throw new ProblemError(IDEMPOTENCY_KEY_PROBLEM);
  return parsed.data;
}
