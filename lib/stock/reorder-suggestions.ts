// One page of the "to reorder" list (./reorder-query.ts has the SQL and the rules it follows), read inside the caller's
// transaction: the page (./reorder-page.ts) and drafting restocks (./draft-restock.ts) read it so. Purchase and cost
// prices only for whoever may see money.
import "server-only";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import {
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
