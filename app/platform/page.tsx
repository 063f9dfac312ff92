import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ApprovalSettingForm } from "@/components/platform/approval-setting-form";
import { CompanyList } from "@/components/platform/company-list";
import { Card } from "@/components/ui/card";
import { UnconfirmedEmailNotice } from "@/components/auth/email-confirmation";
import { TextField } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/list/empty-state";
import { FilterForm } from "@/components/ui/list/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
import { requireSignedIn } from "@/lib/auth/context";
import { getEmailStatus } from "@/lib/accounts/email-confirmation";
import { COMPANY_STATUS_LABELS, type CompanyStatus } from "@/lib/platform/company-status-changes";
import { getPlatformSettings } from "@/lib/platform/get-platform-settings";
import { cursorParams } from "@/lib/list/keyset-page";
import { decodeCompanyCursor, listCompanies } from "@/lib/platform/list-companies";
import { resendEmailConfirmationAction } from "../(app)/actions";
import { changeCompanyStatusAction, setRequireCompanyApprovalAction } from "./actions";

const STATUSES = Object.keys(COMPANY_STATUS_LABELS) as CompanyStatus[];

const createdFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

type Param = string | string[] | undefined;
type SearchParams = Promise<{ q?: Param; status?: Param; after?: Param; before?: Param }>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function PlatformPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireSignedIn();
  if (!session.isPlatformAdmin) notFound();
  // The account PLATFORM_ADMIN_EMAIL created acts only once its address is confirmed (requirePlatformAdmin).
  const emailStatus = await getEmailStatus(session.userId);
  if (!emailStatus.verified) {
    return (
      <UnconfirmedEmailNotice
        action={resendEmailConfirmationAction}
        email={emailStatus.email}
        consequence="Platform administration opens once you have."
      />
    );
  }
  const params = await searchParams;
  // Hand-edited addresses fall back to the unfiltered first page instead of an error.
  const query = one(params.q)?.trim().slice(0, 120) ?? "";
  const status = STATUSES.find((s) => s === one(params.status));
  const at = cursorParams(params.after, params.before, decodeCompanyCursor);
  const firstPage = !at.after && !at.before;

  const [list, settings] = await Promise.all([
    listCompanies(session, { query: query || undefined, status, ...at }),
    getPlatformSettings(session),
  ]);
  const filtered = query !== "" || status !== undefined;
  const href = (cursor: PageCursor) => {
    const search = new URLSearchParams();
    if (query) search.set("q", query);
    if (status) search.set("status", status);
    if (cursor.after) search.set("after", cursor.after);
    else if (cursor.before) search.set("before", cursor.before);
    const text = search.toString();
    return text ? `/platform?${text}` : "/platform";
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Companies</h1>
        <p className="mt-1 text-sm text-slate-600">
          Approve new companies, suspend or reactivate them. You see counts only, never a company&apos;s inventory.
        </p>
        {list.pendingCount > 0 && status !== "PENDING" && (
          <p className="mt-2 text-sm">
            <Link href="/platform?status=PENDING" className="font-medium text-brand-700 underline">
              {list.pendingCount === 1 ? "1 company is" : `${list.pendingCount} companies are`} waiting for approval
            </Link>
          </p>
        )}
      </div>

      <Card>
        <h2 className="mb-2 font-semibold text-slate-900">New companies need approval</h2>
        <ApprovalSettingForm
          action={setRequireCompanyApprovalAction}
          requireCompanyApproval={settings.requireCompanyApproval}
        />
      </Card>

      <section aria-labelledby="company-list-heading" className="space-y-4">
        <h2 id="company-list-heading" className="sr-only">
          Company list
        </h2>
        <FilterForm
          action="/platform"
          label="Find companies"
          filtered={filtered}
          active={status ? 1 : 0}
          search={
            <TextField
              id="q"
              name="q"
              type="search"
              label="Search by name or slug"
              defaultValue={query}
              maxLength={120}
            />
          }
        >
          <div className="sm:max-w-xs">
            <SelectField
              id="status"
              name="status"
              label="Status"
              defaultValue={status ?? ""}
              options={[
                { value: "", label: "Any status" },
                ...STATUSES.map((s) => ({ value: s, label: COMPANY_STATUS_LABELS[s] })),
              ]}
            />
          </div>
        </FilterForm>

        {list.companies.length === 0 ? (
          <EmptyState
            title={
              filtered
                ? "No company matches this search."
                : list.total > 0
                  ? "This page is past the end of the list."
                  : "No companies yet."
            }
            action={
              (filtered || list.total > 0) && (
                <Link href="/platform" className="text-sm font-medium text-brand-700 underline">
                  Show all companies
                </Link>
              )
            }
          >
            {filtered
              ? "Try part of the name or slug, or another status."
              : list.total === 0 && "They appear here as soon as someone creates one at /register."}
          </EmptyState>
        ) : (
          <>
            <p className="text-sm text-slate-600" aria-live="polite">
              {firstPage ? `1–${list.companies.length}` : list.companies.length} of {list.total}{" "}
              {list.total === 1 ? "company" : "companies"}
            </p>
            <CompanyList
              action={changeCompanyStatusAction}
              companies={list.companies.map((company) => ({
                id: company.id,
                name: company.name,
                slug: company.slug,
                status: company.status,
                userCount: company.userCount,
                adminConfirmed: company.adminConfirmed,
                productCount: company.productCount,
                createdAt: company.createdAt.toISOString(),
                createdLabel: createdFormat.format(company.createdAt),
              }))}
            />
          </>
        )}

        <CursorPager
          label="Pages"
          href={href}
          firstPage={firstPage}
          nextCursor={list.nextCursor}
          previousCursor={list.previousCursor}
          labels={{ first: "Newest companies", next: "Next", previous: "Previous" }}
        />
      </section>
    </div>
  );
}
