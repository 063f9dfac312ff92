// What the product labels form offers this person (docs/architecture.md "Labels"): the sale price as an option only
// to whoever may see money in the company (§7). Asked apart from the labels themselves, so the form shows the same
// choices when the labels could not be made (a refused number of copies).
import "server-only";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError } from "../errors";

export interface LabelOptions {
  canShowPrice: boolean;
}

export async function getLabelOptions(ctx: TenantContext): Promise<LabelOptions> {
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  return { canShowPrice: await withTenantTx(ctx, (tx) => callerSeesMoney(tx, ctx)) };
}
