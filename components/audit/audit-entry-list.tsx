"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import Link from "@/components/ui/link";
import type { AuditActorLabel } from "@/lib/audit/audit-actor";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import type { AuditChange } from "@/lib/audit/audit-diff";
import { AuditChanges } from "./audit-changes";

export interface AuditEntryItem {
  id: string;
  /** Already formatted on the server in the company's time zone. */
  atLabel: string;
  atIso: string;
  /** Who acted, as the entry recorded them (else marked: "current name", "no longer a member"). */
  actor: AuditActorLabel;
  action: string;
  entityType: string;
  entityId: string | null;
  /** What the entity is called now, when it still exists and has a name. */
  entityLabel: string | null;
  /** Its page, for requests, products and locations. */
  entityHref: string | null;
  /** The log filtered to this entity. */
  historyHref: string | null;
  changes: AuditChange[];
  ip: string | null;
  requestId: string | null;
}

function Actor({ entry }: { entry: AuditEntryItem }) {
  return (
    <>
      <span className="break-words text-slate-900">{entry.actor.label}</span>
      {entry.actor.email && <span className="block break-all text-xs text-slate-600">{entry.actor.email}</span>}
      {entry.actor.note && <span className="block text-xs text-slate-500">({entry.actor.note})</span>}
    </>
  );
}

function Entity({ entry }: { entry: AuditEntryItem }) {
  const name = entry.entityLabel ?? entry.entityId;
  return (
    <span className="block min-w-0 space-y-0.5">
      <span className="block text-xs uppercase tracking-wide text-slate-500">
        {entry.entityType.replaceAll("_", " ")}
      </span>
      {name &&
        (entry.entityHref ? (
          <Link
            href={entry.entityHref}
            className="block break-words py-0.5 font-medium leading-6 text-brand-700 underline"
          >
            {name}
          </Link>
        ) : (
          <span className="block break-all font-mono text-xs text-slate-700">{name}</span>
        ))}
      {entry.historyHref && (
        <Link href={entry.historyHref} className="block py-1 text-xs text-brand-700 underline">
          All its entries
        </Link>
      )}
    </span>
  );
}

function RequestInfo({ entry }: { entry: AuditEntryItem }) {
  if (!entry.ip && !entry.requestId) return <span className="text-slate-400">—</span>;
  return (
    <span className="block space-y-0.5 text-xs text-slate-600">
      {entry.ip && <span className="block font-mono">{entry.ip}</span>}
      {entry.requestId && (
        <span className="block break-all font-mono" title="Request id">
          {entry.requestId}
        </span>
      )}
    </span>
  );
}

/** The audit log, newest first: a table on wide screens, one card per entry on phones. */
export function AuditEntryList({ entries }: { entries: AuditEntryItem[] }) {
  return (
    <ResponsiveList
      label="Audit entries"
      caption="Audit entries, newest first"
      breakpoint="lg"
      alignTop
      rows={entries}
      rowKey={(entry) => entry.id}
      columns={[
        {
          header: "Time",
          className: "whitespace-nowrap text-slate-600",
          cell: (entry) => <time dateTime={entry.atIso}>{entry.atLabel}</time>,
        },
        { header: "Who", className: "max-w-48", cell: (entry) => <Actor entry={entry} /> },
        {
          header: "Action",
          className: "whitespace-nowrap",
          cell: (entry) => <code className="font-mono text-slate-900">{entry.action}</code>,
        },
        { header: "Entity", className: "max-w-56", cell: (entry) => <Entity entry={entry} /> },
        {
          header: "Changes",
          className: "min-w-64 max-w-md",
          cell: (entry) => <AuditChanges changes={entry.changes} />,
        },
        { header: "Address and request", className: "max-w-48", cell: (entry) => <RequestInfo entry={entry} /> },
      ]}
      cardClassName={() => "space-y-2 text-sm"}
      card={(entry) => (
        <>
          <p className="flex flex-wrap items-baseline justify-between gap-2">
            <code className="font-mono text-sm font-medium text-slate-900">{entry.action}</code>
            <time dateTime={entry.atIso} className="text-slate-500">
              {entry.atLabel}
            </time>
          </p>
          <p>
            <Actor entry={entry} />
          </p>
          <Entity entry={entry} />
          <AuditChanges changes={entry.changes} />
          <RequestInfo entry={entry} />
        </>
      )}
    />
  );
}
