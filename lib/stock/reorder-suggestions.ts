// The "to reorder" list as the lib serves it (./reorder-query.ts has the SQL and the rules it follows): every role that
// may view stock may look; purchase and cost prices only for whoever may see money.
import "server-only";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import {
  reorderListSchema,
  reorderSql,
  toReorderPage,
  type ReorderListInput,
  type ReorderPage,
  type ReorderSqlRow,
} from "./reorder-query";

/** One page of the list in the caller's transaction (`input` parsed, the role checked). */
export async function readReorderPage(tx: TenantTx, ctx: TenantContext, input: ReorderListInput): Promise<ReorderPage> {
  const rows = await tx.$queryRaw<ReorderSqlRow[]>(reorderSql(ctx.companyId, input));
  return toReorderPage(input, rows, await callerSeesMoney(tx, ctx));
}

export async function listReorderSuggestions(ctx: TenantContext, input: unknown): Promise<ReorderPage> {
  const parsed = parseInput(reorderListSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  return withTenantTx(ctx, (tx) => readReorderPage(tx, ctx, parsed));
}
