// What a platform administrator may do to a company's status: the only place that knows the rules. Pure: the
// platform page uses it to offer only the allowed buttons, changeCompanyStatus to decide.
export type CompanyStatus = "PENDING" | "ACTIVE" | "SUSPENDED";

export const COMPANY_STATUS_CHANGES = {
  approve: { from: "PENDING", to: "ACTIVE", label: "Approve", done: "approved" },
  suspend: { from: "ACTIVE", to: "SUSPENDED", label: "Suspend", done: "suspended" },
  reactivate: { from: "SUSPENDED", to: "ACTIVE", label: "Reactivate", done: "reactivated" },
} as const satisfies Record<string, { from: CompanyStatus; to: CompanyStatus; label: string; done: string }>;

export type CompanyStatusChange = keyof typeof COMPANY_STATUS_CHANGES;

export const COMPANY_STATUS_LABELS: Record<CompanyStatus, string> = {
  PENDING: "Waiting for approval",
  ACTIVE: "Active",
  SUSPENDED: "Suspended",
};

/** The changes a company in this status allows. */
export function statusChangesFor(status: CompanyStatus): CompanyStatusChange[] {
  return (Object.keys(COMPANY_STATUS_CHANGES) as CompanyStatusChange[]).filter(
    (change) => COMPANY_STATUS_CHANGES[change].from === status,
  );
}
