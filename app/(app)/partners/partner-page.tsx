// A supplier's or customer's page, one for both kinds (app/(app)/suppliers/[id]/page.tsx and the customers' twin):
// its details, its totals, and its requests — the request list filtered by the partner, newest first, in pages
// (docs/architecture.md §5 "Partners").
import Link from "@/components/ui/link";
import { OrderList } from "@/components/orders/order-list";
import { PartnerStatusForm } from "@/components/partners/partner-status-form";
import { PartnerTotals } from "@/components/partners/partner-totals";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { entityHistoryHref } from "@/lib/audit/audit-list-params";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { decodeTimeCursor } from "@/lib/list/keyset-cursor";
import { listOrderRequests } from "@/lib/orders/list-order-requests";
import { ORDER_CURSOR } from "@/lib/orders/order-list-params";
import { orNotFound } from "@/lib/page";
import { getPartnerSummary } from "@/lib/partners/get-partner-summary";
import { PARTNER_REQUEST_FILTER, PARTNER_WORDS, partnerHref, type PartnerKind } from "@/lib/partners/partner-kinds";
import { archivePartnerAction, restorePartnerAction } from "./actions";
import type { IdParams } from "./edit-page";
import type { SearchParams } from "./list-page";

/** A partner page shows this many requests at a time. */
const REQUESTS_SHOWN = 10;

const NOTICES: Record<string, string> = {
  created: "Added to the directory.",
  updated: "Changes saved.",
};

export async function PartnerPage({
  kind,
  params,
  searchParams,
}: {
  kind: PartnerKind;
  params: IdParams;
  searchParams: SearchParams;
}) {
  const ctx = await requireTenant();
  const { id } = await params;
  const query = await searchParams;
  // A page link the request list cannot read (stale, hand-edited) shows the newest requests instead.
  const after =
    typeof query.after === "string" && decodeTimeCursor(ORDER_CURSOR, query.after) ? query.after : undefined;
  const { partner, totals, currency } = await orNotFound(getPartnerSummary(ctx, { kind, id }));
  const requests = await listOrderRequests(ctx, {
    [PARTNER_REQUEST_FILTER[kind]]: partner.id,
    limit: REQUESTS_SHOWN,
    ...(after && { after }),
  });
  const words = PARTNER_WORDS[kind];
  const notice = typeof query.notice === "string" ? NOTICES[query.notice] : undefined;
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: requests.timeZone,
  });
  const canManage = can(ctx.role, "partners.manage");
  const seesAll = can(ctx.role, "requests.viewAll");
  const here = partnerHref(kind, partner.id);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="space-y-2">
        <Link href={words.path} className="text-sm font-medium text-brand-700 underline">
          {words.Many}
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-bold text-slate-900">{partner.name}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
              {words.One}
              {partner.archived && <Badge tone="muted">Archived</Badge>}
            </p>
          </div>
          {canManage && (
            <div className="flex flex-wrap items-start gap-2">
              <ButtonLink href={`${here}/edit`}>Edit {words.one}</ButtonLink>
              <PartnerStatusForm
                kind={kind}
                partner={{ id: partner.id, version: partner.version, name: partner.name, archived: partner.archived }}
                archiveAction={archivePartnerAction}
                restoreAction={restorePartnerAction}
              />
            </div>
          )}
        </div>
        {notice && <Alert tone="success">{notice}</Alert>}
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="font-semibold text-slate-900">Details</h2>
          <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Contact</dt>
            <dd className="break-words text-slate-900">{partner.contactName ?? "—"}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd className="break-all text-slate-900">
              {partner.email ? (
                <a href={`mailto:${partner.email}`} className="text-brand-700 underline">
                  {partner.email}
                </a>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-slate-500">Phone</dt>
            <dd className="text-slate-900">
              {partner.phone ? (
                <a href={`tel:${partner.phone.replace(/[^\d+]/g, "")}`} className="text-brand-700 underline">
                  {partner.phone}
                </a>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-slate-500">Last changed</dt>
            <dd className="text-slate-900">{moment.format(partner.updatedAt)}</dd>
          </dl>
          {partner.notes && (
            <>
              <h3 className="mt-4 text-sm font-medium text-slate-500">Notes</h3>
              <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">{partner.notes}</p>
            </>
          )}
          {can(ctx.role, "audit.view") && (
            <Link
              href={entityHistoryHref(kind, partner.id)}
              className="mt-4 inline-block text-sm font-medium text-brand-700 underline"
            >
              See in the audit log
            </Link>
          )}
        </Card>

        <Card>
          <h2 className="font-semibold text-slate-900">Totals</h2>
          <div className="mt-3">
            <PartnerTotals kind={kind} totals={totals} currency={currency} />
          </div>
        </Card>
      </div>

      <section aria-labelledby="requests-heading" className="space-y-3">
        <h2 id="requests-heading" className="text-lg font-semibold text-slate-900">
          {seesAll ? "Requests" : "Your requests"}
        </h2>
        <p className="text-sm text-slate-600">Newest first. Times are in {requests.timeZone}.</p>
        {requests.rows.length === 0 ? (
          <EmptyState title={after ? "No older requests." : `No requests name this ${words.one} yet.`} />
        ) : (
          <OrderList
            showRequester={seesAll}
            orders={requests.rows.map((row) => ({
              id: row.id,
              number: row.number,
              type: row.type,
              status: row.status,
              requesterName: row.requesterName,
              locationName: row.locationName,
              lineCount: row.lineCount,
              unitTotals: row.unitTotals,
              productNames: row.productNames,
              partner: row.partner,
              reference: row.reference,
              createdLabel: moment.format(row.createdAt),
              createdIso: row.createdAt.toISOString(),
            }))}
          />
        )}
        <CursorPager
          label="Request pages"
          href={(cursor) => (cursor.after ? `${here}?after=${encodeURIComponent(cursor.after)}` : here)}
          firstPage={!after}
          nextCursor={requests.nextCursor}
          labels={{ first: "Back to newest", next: "Older requests" }}
        />
      </section>
    </div>
  );
}
