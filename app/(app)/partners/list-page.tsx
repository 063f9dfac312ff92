// The supplier and customer directories' list page, one for both kinds (app/(app)/suppliers/page.tsx and
// app/(app)/customers/page.tsx render it): a server component that reads its query from the URL, so a searched,
// filtered page of the directory is a deep link (docs/architecture.md §3 "Lists").
import Link from "@/components/ui/link";
import { PartnerFilters } from "@/components/partners/partner-filters";
import { PartnerList } from "@/components/partners/partner-list";
import { ButtonLink } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ClearFiltersLink } from "@/components/ui/list/filter-form";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listPartners } from "@/lib/partners/list-partners";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";
import { hasPartnerFilters, partnerListHref, partnerListQueryFromParams } from "@/lib/partners/partner-list-params";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function PartnerListPage({ kind, searchParams }: { kind: PartnerKind; searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const words = PARTNER_WORDS[kind];
  const query = partnerListQueryFromParams(kind, await searchParams);
  const list = await listPartners(ctx, { kind, ...query });
  const canManage = can(ctx.role, "partners.manage");
  const firstPage = !query.after && !query.before;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{words.Many}</h1>
          <p className="mt-1 text-slate-600">{words.about}</p>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={`${words.path}/import`} variant="secondary">
              Import / export CSV
            </ButtonLink>
            <ButtonLink href={`${words.path}/new`}>Add {words.one}</ButtonLink>
          </div>
        )}
      </div>

      <PartnerFilters kind={kind} query={query} />

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        {list.rows.length === 0 ? (
          <NoPartners kind={kind} filtered={hasPartnerFilters(query)} firstPage={firstPage} canManage={canManage} />
        ) : (
          <PartnerList kind={kind} partners={list.rows} />
        )}
        <CursorPager
          label={`${words.One} pages`}
          href={(cursor) => partnerListHref(kind, { ...query, ...cursor })}
          firstPage={firstPage}
          nextCursor={list.nextCursor}
          previousCursor={list.previousCursor}
          labels={{ first: "First page", next: "Next", previous: "Previous" }}
        />
      </section>
    </div>
  );
}

function NoPartners({
  kind,
  filtered,
  firstPage,
  canManage,
}: {
  kind: PartnerKind;
  filtered: boolean;
  firstPage: boolean;
  canManage: boolean;
}) {
  const { one, many, path } = PARTNER_WORDS[kind];
  if (!firstPage) {
    return (
      <EmptyState
        title={
          <>
            No {many} on this page any more.{" "}
            <Link href={path} className="font-medium text-brand-700 underline">
              Go to the first page
            </Link>
            .
          </>
        }
      />
    );
  }
  if (filtered) {
    return (
      <EmptyState title={`No ${many} match`}>
        Check the spelling, or search archived {many} too. <ClearFiltersLink href={path} />
      </EmptyState>
    );
  }
  if (!canManage) {
    return (
      <EmptyState title={`No ${many} yet`}>
        Managers and admins keep the directory; ask one of them to add the {many} you work with.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title={`No ${many} yet — add your first ${one}`}
      action={<ButtonLink href={`${path}/new`}>Add your first {one}</ButtonLink>}
    >
      Add each with a contact person, email and phone, or bring a spreadsheet of them in with{" "}
      <Link href={`${path}/import`} className="font-medium text-brand-700 underline">
        Import CSV
      </Link>
      .
    </EmptyState>
  );
}
