import { cn } from "@/components/ui/cn";
import { COMPANY_STATUS_LABELS, type CompanyStatus } from "@/lib/platform/company-status-changes";
import { CompanyStatusActions } from "./company-status-actions";
import { CardList } from "@/components/ui/list/card-list";

export interface CompanyListItem {
  id: string;
  name: string;
  slug: string;
  status: CompanyStatus;
  userCount: number;
  productCount: number;
  /** Whether an active admin has confirmed their email address (a registration is announced only then). */
  adminConfirmed: boolean;
  /** ISO 8601, for the <time> element. */
  createdAt: string;
  createdLabel: string;
}

type Action = Parameters<typeof CompanyStatusActions>[0]["action"];

const STATUS_TONE: Record<CompanyStatus, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  ACTIVE: "bg-green-100 text-green-900",
  SUSPENDED: "bg-red-100 text-red-900",
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One line per company: who it is, how big (counts only), and the status changes it allows. */
export function CompanyList({ companies, action }: { companies: CompanyListItem[]; action: Action }) {
  return (
    <CardList
      variant="grouped"
      items={companies}
      itemKey={(company) => company.id}
      itemClassName="flex flex-col gap-3 md:flex-row md:items-start md:justify-between"
      card={(company) => (
        <>
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-semibold break-words text-slate-900">{company.name}</span>
              <span
                className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", STATUS_TONE[company.status])}
              >
                {COMPANY_STATUS_LABELS[company.status]}
              </span>
            </p>
            {!company.adminConfirmed && (
              <p className="text-sm text-amber-900">Its admin has not confirmed their email address yet.</p>
            )}
            <p className="text-sm break-all text-slate-500">{company.slug}</p>
            <p className="text-sm text-slate-600">
              {plural(company.userCount, "user", "users")} · {plural(company.productCount, "product", "products")} ·
              created <time dateTime={company.createdAt}>{company.createdLabel}</time>
            </p>
          </div>
          <CompanyStatusActions
            action={action}
            companyId={company.id}
            companyName={company.name}
            status={company.status}
          />
        </>
      )}
    />
  );
}
