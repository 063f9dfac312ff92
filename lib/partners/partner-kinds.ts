// The two kinds of business partner a company keeps a directory of (docs/architecture.md §5 "Partners"): suppliers,
// whom restocks are bought from, and customers, whom customer orders go to. One module for both: the tables have the
// same columns, and everything that differs between them — words, paths, audit actions, the request column that links
// to them — is in this table. Pure: the pages and forms use it too.
import "../zod-browser";
import { z } from "zod";

export const PARTNER_KINDS = ["supplier", "customer"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const partnerKindSchema = z.enum(PARTNER_KINDS, { error: "Choose supplier or customer." });

export interface PartnerWords {
  /** "supplier" */
  one: string;
  /** "suppliers" */
  many: string;
  /** "Supplier" */
  One: string;
  /** "Suppliers" */
  Many: string;
  /** The directory's path: "/suppliers". */
  path: string;
  /** What the partner's fulfilled requests did with the stock, for its page: "Received from them". */
  fulfilled: string;
}

export const PARTNER_WORDS = {
  supplier: {
    one: "supplier",
    many: "suppliers",
    One: "Supplier",
    Many: "Suppliers",
    path: "/suppliers",
    fulfilled: "Received",
  },
  customer: {
    one: "customer",
    many: "customers",
    One: "Customer",
    Many: "Customers",
    path: "/customers",
    fulfilled: "Shipped",
  },
} as const satisfies Record<PartnerKind, PartnerWords>;

/** The changes the directory audits, per kind. */
export type PartnerChange = "created" | "updated" | "archived" | "restored" | "imported";

/**
 * The audit actions, spelled out rather than built from the kind, so the audit sentences' test finds every one of them
 * (lib/audit/describe-audit-entry.test.ts reads this map, as it does ORDER_AUDIT_ACTIONS).
 */
export const PARTNER_AUDIT_ACTIONS = {
  supplier: {
    created: "supplier.created",
    updated: "supplier.updated",
    archived: "supplier.archived",
    restored: "supplier.restored",
    imported: "supplier.imported",
  },
  customer: {
    created: "customer.created",
    updated: "customer.updated",
    archived: "customer.archived",
    restored: "customer.restored",
    imported: "customer.imported",
  },
} as const satisfies Record<PartnerKind, Record<PartnerChange, string>>;

/** The page of one partner. */
export function partnerHref(kind: PartnerKind, id: string): string {
  return `${PARTNER_WORDS[kind].path}/${id}`;
}
