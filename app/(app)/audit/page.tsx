import type { Metadata } from "next";
import { AuditEntryList, type AuditEntryItem } from "@/components/audit/audit-entry-list";
import { AuditFilters } from "@/components/audit/audit-filters";
import { buttonClasses } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ClearFiltersLink } from "@/components/ui/list/filter-form";
import { NotAllowed } from "@/components/ui/list/not-allowed";
import { describeAuditActor } from "@/lib/audit/audit-actor";
import { auditChanges } from "@/lib/audit/audit-diff";
import { auditEntityName, describeAuditEntry } from "@/lib/audit/describe-audit-entry";
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
    sentence: describeAuditEntry({
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      recordedLabel: entry.recordedLabel,
      currentLabel: entry.entityLabel,
      before: entry.before,
      after: entry.after,
      locationNames: list.locationNames,
    }),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    entityName: auditEntityName(entry.recordedLabel, entry.entityLabel),
    entityHref: entityHref(entry.entityType, entry.entityId),
    historyHref:
      entry.entityId && !(query.entityType === entry.entityType && query.entityId === entry.entityId)
        ? entityHistoryHref(entry.entityType, entry.entityId)
        : null,
    changes: auditChanges(entry.before, entry.after),
    raw: JSON.stringify({ before: entry.before, after: entry.after }, null, 2),
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
          <NoEntries filtered={hasAuditFilters(query)} older={Boolean(query.after)} />
        ) : (
          <AuditEntryList entries={list.entries.map(item)} />
        )}
        <CursorPager
          label="Audit log pages"
          href={({ after }) => auditListHref({ ...query, after })}
          firstPage={!query.after}
          nextCursor={list.nextCursor}
          labels={{ first: "Back to newest", next: "Older entries" }}
        />
      </section>
    </div>
  );
}

function NoEntries({ filtered, older }: { filtered: boolean; older: boolean }) {
  if (older) return <EmptyState title="No older entries." />;
  if (filtered) {
    return (
      <EmptyState title="No entries match these filters.">
        Widen the dates or clear a filter. <ClearFiltersLink href="/audit" />
      </EmptyState>
    );
  }
  return <EmptyState title="Nothing has been recorded yet." />;
}

/** Managers and staff: a clear answer, not an error (listAuditEntries refuses them anyway). */
function AdminsOnly() {
  return (
    <NotAllowed title="Only admins see the audit log">
      The audit log records everything that happens in your company, so it is for admins only. If you need to know who
      changed something, ask one of your company&apos;s admins.
    </NotAllowed>
  );
}
