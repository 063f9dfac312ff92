import type { Metadata } from "next";
import Link from "next/link";
import { AuditEntryList, type AuditEntryItem } from "@/components/audit/audit-entry-list";
import { AuditFilters } from "@/components/audit/audit-filters";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describeAuditActor } from "@/lib/audit/audit-actor";
import { auditChanges } from "@/lib/audit/audit-diff";
import {
  auditExportHref,
  auditListHref,
  auditListQueryFromParams,
  entityHistoryHref,
  entityHref,
  hasAuditFilters,
} from "@/lib/audit/audit-list-params";
import { listAuditEntries, type AuditListEntry } from "@/lib/audit/list-audit-entries";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The company's audit log (admins): every change and security event — failed sign-ins and refused authorizations
 * included — newest first, with filters in the URL, before/after as the fields that changed, and a CSV export of
 * whatever the filters select.
 */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "audit.view")) return <AdminsOnly />;
  const query = auditListQueryFromParams(await searchParams);
  const list = await listAuditEntries(ctx, query);
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: list.timeZone,
  });
  const item = (entry: AuditListEntry): AuditEntryItem => ({
    id: entry.id,
    atLabel: moment.format(entry.at),
    atIso: entry.at.toISOString(),
    actor: describeAuditActor(entry.actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    entityLabel: entry.entityLabel,
    entityHref: entityHref(entry.entityType, entry.entityId),
    historyHref:
      entry.entityId && !(query.entityType === entry.entityType && query.entityId === entry.entityId)
        ? entityHistoryHref(entry.entityType, entry.entityId)
        : null,
    changes: auditChanges(entry.before, entry.after),
    ip: entry.ip,
    requestId: entry.requestId,
  });

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Audit log</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            Every change in {ctx.company.name} and every security event — failed sign-ins and refused actions included —
            newest first. Times are in {list.timeZone}.
          </p>
        </div>
        <a href={auditExportHref(query)} className={buttonClasses("secondary")} download>
          Download CSV
        </a>
      </div>

      <AuditFilters query={query} options={list.options} />

      <section aria-labelledby="audit-results-heading" className="space-y-3">
        <h2 id="audit-results-heading" className="sr-only">
          Entries
        </h2>
        {list.entries.length === 0 ? (
          <EmptyState filtered={hasAuditFilters(query)} older={Boolean(query.after)} />
        ) : (
          <AuditEntryList entries={list.entries.map(item)} />
        )}
        {(list.nextCursor || query.after) && (
          <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-2">
            {query.after ? (
              <Link
                href={auditListHref({ ...query, after: undefined })}
                className="text-sm font-medium text-brand-700 underline"
              >
                Back to newest
              </Link>
            ) : (
              <span />
            )}
            {list.nextCursor && (
              <Link href={auditListHref({ ...query, after: list.nextCursor })} className={buttonClasses("secondary")}>
                Older entries
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

function EmptyState({ filtered, older }: { filtered: boolean; older: boolean }) {
  const box = "rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600";
  if (older) return <p className={box}>No older entries.</p>;
  if (filtered) {
    return (
      <div className={box}>
        <p className="font-medium text-slate-900">No entries match these filters.</p>
        <p className="mt-1">
          Widen the dates or clear a filter.{" "}
          <Link href="/audit" className="font-medium text-brand-700 underline">
            Clear filters
          </Link>
        </p>
      </div>
    );
  }
  return <p className={box}>Nothing has been recorded yet.</p>;
}

/** Managers and staff: a clear answer, not an error (listAuditEntries refuses them anyway). */
function AdminsOnly() {
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">Only admins see the audit log</h1>
        <p className="mt-2 text-slate-600">
          The audit log records everything that happens in your company, so it is for admins only. If you need to know
          who changed something, ask one of your company&apos;s admins.
        </p>
        <ButtonLink href="/dashboard" variant="secondary" className="mt-4">
          Back to the dashboard
        </ButtonLink>
      </Card>
    </div>
  );
}
