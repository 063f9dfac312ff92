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
  /** What the directory is for, under its title. */
  about: string;
}

export const PARTNER_WORDS = {
  supplier: {
    one: "supplier",
    many: "suppliers",
    One: "Supplier",
    Many: "Suppliers",
    path: "/suppliers",
    about: "Who you buy stock from: the person to ask, how to reach them, and the restocks that name them.",
  },
  customer: {
    one: "customer",
    many: "customers",
    One: "Customer",
    Many: "Customers",
    path: "/customers",
    about: "Who you sell and ship to: the person to ask, how to reach them, and the customer orders that name them.",
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

/** The request list's filter for a partner's requests (lib/orders/order-list-params.ts). */
export const PARTNER_REQUEST_FILTER = {
  supplier: "supplierId",
  customer: "customerId",
} as const satisfies Record<PartnerKind, string>;

/** The page of one partner. */
export function partnerHref(kind: PartnerKind, id: string): string {
  return `${PARTNER_WORDS[kind].path}/${id}`;
}
