// What the "to reorder" page shows (issue 15, item 3; docs/architecture.md §5 "Restock suggestions"), read in one
// tenant transaction (docs/architecture.md §3 "Cost of a page"): the page of suggestions, every supplier group's size
// and the locations it receives at (for the group headers and their "Draft restock" buttons, whatever page is in
// view), the filters' options and the company's currency.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { companyDisplay } from "../products/product-record";
import {
  reorderGroupsSql,
  reorderListSchema,
  toReorderGroups,
  type ReorderGroup,
  type ReorderGroupSqlRow,
  type ReorderPage,
} from "./reorder-query";
import { readReorderPage } from "./reorder-suggestions";

/** Suppliers offered by the filter: the directory's active ones, by name (a company has tens, not thousands). */
const MAX_SUPPLIER_OPTIONS = 500;

export interface ReorderFilterOptions {
  /** Active suppliers by name, then any other that is still some product's preferred supplier in the list. */
  suppliers: { id: string; name: string; archived: boolean }[];
  /** Active locations, the default first. */
  locations: { id: string; name: string; isDefault: boolean }[];
}

export interface ReorderView {
  page: ReorderPage;
  /** Every group the filters leave, in the list's order, beyond the page in view. */
  groups: ReorderGroup[];
  filters: ReorderFilterOptions;
  /** The company's currency, for the estimates. */
  currency: string;
}

async function readReorderFilters(tx: TenantTx, groups: ReorderGroup[]): Promise<ReorderFilterOptions> {
  // One query at a time: a transaction is one connection.
  const suppliers = await tx.supplier.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true },
    orderBy: [{ nameKey: "asc" }, { id: "asc" }],
    take: MAX_SUPPLIER_OPTIONS,
  });
  const locations = await tx.location.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true, isDefault: true },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }, { id: "asc" }],
  });
  const listed = new Set(suppliers.map((supplier) => supplier.id));
  const archived = groups.flatMap((group) =>
    group.supplier && !listed.has(group.supplier.id) ? [group.supplier] : [],
  );
  return {
    suppliers: [...suppliers.map((supplier) => ({ ...supplier, archived: false })), ...archived],
    locations,
  };
}

export async function getReorderView(ctx: TenantContext, input: unknown): Promise<ReorderView> {
  const parsed = parseInput(reorderListSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const page = await readReorderPage(tx, ctx, parsed);
    const groups = toReorderGroups(await tx.$queryRaw<ReorderGroupSqlRow[]>(reorderGroupsSql(ctx.companyId, parsed)));
    const filters = await readReorderFilters(tx, groups);
    const { currency } = await companyDisplay(tx);
    return { page, groups, filters, currency };
  });
}
