// The one way a server action runs domain code (docs/architecture.md §3): resolve the caller once, run the lib function, and turn
// whatever it throws into a safe ActionResult. Unexpected errors are logged with the request id and reach the
// client only as a generic message that names the request id for support; Next's redirect/notFound signals pass
// through. A member refused by a permission check (FORBIDDEN) is written to the company's audit log.
import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { auditRefusal } from "./audit/record-forbidden";
import {
  requestMeta,
  requireSignedInForAction,
  requireTenantForAction,
  type AppContext,
  type SessionUser,
} from "./auth/context";
import { PATHNAME_HEADER, REQUEST_ID_HEADER } from "./auth/headers";
import type { RequestMeta } from "./context";
import { AppError, toFailure, type ActionFailure, type ActionResult } from "./errors";
import { COMPANY_FIELD } from "./form-company";
import { requestLogger, type LogContext } from "./logger";

/** The generic message of an unexpected failure, with the reference support looks the request up by. */
export function withReference(message: string, requestId: string | undefined): string {
  return requestId ? `${message} Reference: ${requestId}` : message;
}

async function run<T>(
  logContext: () => LogContext,
  work: () => Promise<T>,
  onFailure?: (failure: ActionFailure) => Promise<void>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error);
    const failure = toFailure(error);
    if (failure.code === "INTERNAL") {
      const context = logContext();
      // The caller may not be resolved yet (the failure was resolving it): the request id is on the request anyway.
      const requestId = context.requestId ?? (await requestHeader(REQUEST_ID_HEADER));
      requestLogger({ ...context, requestId }).error({ err: error }, "action failed");
      failure.message = withReference(failure.message, requestId);
    }
    await onFailure?.(failure);
    return failure;
  }
}

/** A header proxy.ts set on this request; none outside a request (a test calling the wrapper). */
async function requestHeader(name: string): Promise<string | undefined> {
  try {
    return (await headers()).get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The path of the page whose action this is, without its query string (it may carry search terms). */
async function actionPath(): Promise<string | undefined> {
  return (await requestHeader(PATHNAME_HEADER))?.split("?")[0] || undefined;
}

/**
 * Refuses a form rendered for another company than the session's now (another tab opened a link of another company
 * or switched): nothing is done, and the form keeps what was typed like after any refusal. A form without the field
 * (a page loaded before it existed, or a form that forgot it) is refused too: the company is never guessed.
 */
export function checkFormCompany(ctx: AppContext, form: FormData): void {
  checkCompany(ctx, form.get(COMPANY_FIELD));
}

/**
 * The same check for a company named any other way: the `company` of a JSON body (POST /api/requests, the offline
 * queue's replay), sent as it was when the request was composed.
 */
export function checkCompany(ctx: AppContext, sent: unknown): void {
  if (sent === ctx.companyId) return;
  const current = ctx.company.name;
  const opened = typeof sent === "string" ? ctx.memberships.find((m) => m.companyId === sent) : undefined;
  throw new AppError(
    "CONFLICT",
    opened
      ? `This page was opened for ${opened.companyName}; you are now working in ${current}. ` +
          `Reload to continue in ${current}, or switch back to ${opened.companyName}.`
      : `This page is out of date: you are now working in ${current}. Reload it to continue in ${current}.`,
  );
}

/**
 * A tenant action: the caller must be a member of an active company with no password change due, and the form must
 * have been rendered for that company (checkFormCompany). A refusal after that (the role may not do it) is audited;
 * a refusal of the company's state (pending, suspended) is not: there is no member acting in a company to record it
 * against.
 */
export async function tenantAction<T>(form: FormData, work: (ctx: AppContext) => Promise<T>): Promise<ActionResult<T>> {
  let ctx: AppContext | undefined;
  return run(
    () => ({ requestId: ctx?.request?.requestId, userId: ctx?.userId, companyId: ctx?.companyId }),
    async () => {
      ctx = await requireTenantForAction();
      checkFormCompany(ctx, form);
      return work(ctx);
    },
    (failure) => auditRefusal(ctx, failure, actionPath),
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
