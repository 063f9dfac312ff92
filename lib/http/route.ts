// The one way a route handler runs domain code (docs/architecture.md §3.4), as lib/action.ts is for server actions: resolve the
// caller (requireTenantForAction: the same checks as every action), run the handler, and turn what it throws into a
// plain-text response with the status of lib/errors.ts (401, 403, 404, …). Unexpected errors are logged with the
// request id and answered with a generic 500; a stack trace never reaches the client. Every error answer names the
// request id (a "Reference:" line and the x-request-id header) for support; a member's FORBIDDEN is audited.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { auditRefusal } from "../audit/record-forbidden";
import { REQUEST_ID_HEADER } from "../auth/headers";
import { requireTenantForAction, type AppContext } from "../auth/context";
import type { CsvDownload } from "../csv/csv-stream";
import { HTTP_STATUS, toFailure, type ActionFailure } from "../errors";
import { requestLogger } from "../logger";

const PLAIN = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
};

/** A GET/POST handler for a tenant route: `export const GET = tenantRoute(async (ctx, request) => …)`. */
export function tenantRoute(
  handler: (ctx: AppContext, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    let ctx: AppContext | undefined;
    try {
      ctx = await requireTenantForAction();
      return await handler(ctx, request);
    } catch (error) {
      unstable_rethrow(error);
      const failure = toFailure(error);
      // The id proxy.ts stamped on this request (the caller's context, when resolved, was read from the same header).
      const requestId = request.headers.get(REQUEST_ID_HEADER) ?? undefined;
      if (failure.code === "INTERNAL") {
        requestLogger({ requestId, userId: ctx?.userId, companyId: ctx?.companyId }).error(
          { err: error },
          "route handler failed",
        );
      }
      await auditRefusal(ctx, failure, () => new URL(request.url).pathname);
      return errorResponse(failure, requestId);
    }
  };
}

/** The plain-text answer to a failed request: the message, and the request id as a reference for support. */
function errorResponse(failure: Pick<ActionFailure, "code" | "message">, requestId?: string): Response {
  const body = requestId ? `${failure.message}\nReference: ${requestId}\n` : `${failure.message}\n`;
  return new Response(body, {
    status: HTTP_STATUS[failure.code],
    headers: { ...PLAIN, ...(requestId && { [REQUEST_ID_HEADER]: requestId }) },
  });
}

/** A CSV file as an attachment, streamed as it is produced. */
export function csvDownload({ fileName, stream }: CsvDownload): Response {
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // The name is ours (company slug and date), so plain ASCII: no filename* encoding needed.
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
