// The one way a server action or route handler runs domain code (DESIGN §3): resolve the caller once, run the
// lib function, and turn whatever it throws into a safe ActionResult. Unexpected errors are logged with the
// request id and reach the client only as a generic message; Next's redirect/notFound signals pass through.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import {
  requestMeta,
  requireSignedInForAction,
  requireTenantForAction,
  type AppContext,
  type SessionUser,
} from "./auth/context";
import type { RequestMeta } from "./context";
import { AppError, toFailure, type ActionResult } from "./errors";
import { requestLogger, type LogContext } from "./logger";

async function run<T>(logContext: () => LogContext, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error);
    const failure = toFailure(error);
    if (failure.code === "INTERNAL") requestLogger(logContext()).error({ err: error }, "action failed");
    return failure;
  }
}

/** A tenant action: the caller must be a member of an active company with no password change due. */
export async function tenantAction<T>(work: (ctx: AppContext) => Promise<T>): Promise<ActionResult<T>> {
  let ctx: AppContext | undefined;
  return run(
    () => ({ requestId: ctx?.request?.requestId, userId: ctx?.userId, companyId: ctx?.companyId }),
    async () => {
      ctx = await requireTenantForAction();
      return work(ctx);
    },
  );
}

/**
 * An action any signed-in person may take, whatever their company's state (profile, switching company, accepting
 * an invitation). While a new password is due it refuses with PASSWORD_CHANGE_REQUIRED, except for the one
 * action that makes the change.
 */
export async function sessionAction<T>(
  work: (session: SessionUser) => Promise<T>,
  options: { allowPasswordChangeDue?: boolean } = {},
): Promise<ActionResult<T>> {
  let session: SessionUser | undefined;
  return run(
    () => ({ requestId: session?.request.requestId, userId: session?.userId }),
    async () => {
      session = await requireSignedInForAction();
      if (session.mustChangePassword && !options.allowPasswordChangeDue) {
        throw new AppError("PASSWORD_CHANGE_REQUIRED", "Choose a new password before you continue.");
      }
      return work(session);
    },
  );
}

/** A public action (sign-up, password reset request, contact): no session, only the request's metadata. */
export async function publicAction<T>(work: (request: RequestMeta) => Promise<T>): Promise<ActionResult<T>> {
  let request: RequestMeta | undefined;
  return run(
    () => ({ requestId: request?.requestId }),
    async () => {
      request = await requestMeta();
      return work(request);
    },
  );
}
