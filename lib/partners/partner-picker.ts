// The company's active suppliers or customers by name, for the pickers that link one: a product's suppliers
// (lib/products/product-suppliers.ts) and a request's supplier or customer (lib/orders/resolve-order-draft.ts).
// Names only, for every member: anyone may raise a request naming one. Archived entries are left out (nothing new
// may name them); a page that shows an existing link to one adds it itself, marked archived.
import "server-only";
import { PARTNER_KINDS } from "./partner-kinds";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";

/** What a picker holds at most; a bigger directory says so, and the rest is found on the directory's own pages. */
export const MAX_PICKER_OPTIONS = 1000;

export const partnerPickerSchema = z.object({ kind: z.enum(PARTNER_KINDS) }).strict();

export interface PartnerOption {
  id: string;
  name: string;
}

export interface PartnerOptions {
  /** By name, letter case aside. */
  options: PartnerOption[];
  /** More active entries exist than `options` holds. */
  truncated: boolean;
}

export async function listPartnerOptions(ctx: TenantContext, input: unknown): Promise<PartnerOptions> {
  const { kind } = parseInput(partnerPickerSchema, input);
  if (!can(ctx.role, "requests.create")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const query = {
      where: { archivedAt: null },
      select: { id: true, name: true },
      // name_key leads the unique index (company_id, name_key): the walk stops after a picker's worth.
      orderBy: [{ nameKey: "asc" as const }, { id: "asc" as const }],
      take: MAX_PICKER_OPTIONS + 1,
    };
    const rows = kind === "supplier" ? await tx.supplier.findMany(query) : await tx.customer.findMany(query);
    return { options: rows.slice(0, MAX_PICKER_OPTIONS), truncated: rows.length > MAX_PICKER_OPTIONS };
  });
}
