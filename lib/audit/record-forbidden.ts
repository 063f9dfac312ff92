// A refused authorization in the company's audit log ("auth.forbidden"): a member of the company asked for something
// their role may not do, through a server action or a route handler (lib/action.ts, lib/http/route.ts). The refusal
// rolled back whatever it was part of, so the row gets its own short transaction. It runs as the caller's company
// through the tenant client (the app role may INSERT audit rows; RLS checks the company), not the system client:
// the caller is a verified member, so nothing here needs to bypass row-level security.
import "server-only";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import type { ActionFailure } from "../errors";
import { requestLogger } from "../logger";
import { recordAudit } from "./record-audit";

export const FORBIDDEN_AUDIT_ACTION = "auth.forbidden";

export interface Refusal {
  /** The page path of the action, or the route's path (no query string: it may carry search terms). */
  path?: string;
  /** What the person was told. */
  message: string;
}

export async function recordForbidden(ctx: TenantContext, refusal: Refusal): Promise<void> {
  await withTenantTx(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: FORBIDDEN_AUDIT_ACTION,
      entityType: "authorization",
      after: {
        ...(refusal.path && { path: refusal.path.slice(0, 300) }),
        message: refusal.message.slice(0, 300),
        role: ctx.role,
      },
    }),
  );
}

/**
 * What the action and route wrappers call with every failure: a FORBIDDEN for a resolved member is audited. Never
 * throws, so it cannot change the answer: a failure to write the row is logged, and the person still gets the
 * refusal. No member (the refusal was resolving the caller: company pending or suspended) means nothing to record.
 */
export async function auditRefusal(
  ctx: TenantContext | undefined,
  failure: ActionFailure,
  path: () => Promise<string | undefined> | string | undefined,
): Promise<void> {
  if (!ctx || failure.code !== "FORBIDDEN") return;
  try {
    await recordForbidden(ctx, { path: await path(), message: failure.message });
  } catch (error) {
    requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
      { err: error },
      "could not audit a refused authorization",
    );
  }
}
