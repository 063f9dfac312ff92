import Link from "next/link";
import type { AuditActorLabel } from "@/lib/audit/audit-actor";
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
          <Link href={entry.entityHref} className="block break-words font-medium text-brand-700 underline">
            {name}
          </Link>
        ) : (
          <span className="block break-all font-mono text-xs text-slate-700">{name}</span>
        ))}
      {entry.historyHref && (
        <Link href={entry.historyHref} className="block text-xs text-brand-700 underline">
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
    <>
      <ul aria-label="Audit entries" className="space-y-3 lg:hidden">
        {entries.map((entry) => (
          <li key={entry.id} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
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
          </li>
        ))}
      </ul>

      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm lg:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Time
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Who
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Action
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Entity
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Changes
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Address and request
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  <time dateTime={entry.atIso}>{entry.atLabel}</time>
                </td>
                <td className="max-w-48 px-4 py-3">
                  <Actor entry={entry} />
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  <code className="font-mono text-slate-900">{entry.action}</code>
                </td>
                <td className="max-w-56 px-4 py-3">
                  <Entity entry={entry} />
                </td>
                <td className="min-w-64 max-w-md px-4 py-3">
                  <AuditChanges changes={entry.changes} />
                </td>
                <td className="max-w-48 px-4 py-3">
                  <RequestInfo entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
