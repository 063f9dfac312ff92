"use client";

// A client component for its payload only: the entries travel as data (docs/architecture.md §3, "Cost of a page").
import type { ReactNode } from "react";
import Link from "@/components/ui/link";
import type { AuditActorLabel } from "@/lib/audit/audit-actor";
import type { AuditChange } from "@/lib/audit/audit-diff";
import type { AuditName, AuditSentencePart } from "@/lib/audit/describe-audit-entry";
import { AuditChanges } from "./audit-changes";

export interface AuditEntryItem {
  id: string;
  /** Already formatted on the server in the company's time zone. */
  atLabel: string;
  atIso: string;
  /** Who acted, as the entry recorded them (else marked: "current name", "no longer a member"). */
  actor: AuditActorLabel;
  /** What happened, as a sentence (lib/audit/describe-audit-entry.ts). */
  sentence: AuditSentencePart[];
  action: string;
  entityType: string;
  entityId: string | null;
  /** The entity as the sentence names it (as recorded, else today's name, marked), when it has a name. */
  entityName: AuditName | null;
  /** Its page, for requests, products and locations. */
  entityHref: string | null;
  /** The log filtered to this entity. */
  historyHref: string | null;
  changes: AuditChange[];
  /** The entry's stored before and after, as indented JSON. */
  raw: string;
  ip: string | null;
  requestId: string | null;
}

function CurrentMark({ name }: { name: AuditName }) {
  return name.current ? <span className="text-xs font-normal text-slate-500"> (current name)</span> : null;
}

function Sentence({ entry }: { entry: AuditEntryItem }) {
  return (
    <p className="min-w-0 break-words text-slate-900">
      {entry.sentence.map((part, index) => {
        if (typeof part === "string") return <span key={index}>{part}</span>;
        if ("actor" in part) {
          return (
            <span key={index} className="font-medium">
              {entry.actor.label}
              {entry.actor.note && <span className="text-xs font-normal text-slate-500"> ({entry.actor.note})</span>}
            </span>
          );
        }
        const name = "entity" in part ? part.entity : part.name;
        const linked = "entity" in part && entry.entityHref;
        return (
          <span key={index} className="font-medium">
            {linked ? (
              <Link href={entry.entityHref!} className="text-brand-700 underline underline-offset-2">
                {name.label}
              </Link>
            ) : (
              name.label
            )}
            <CurrentMark name={name} />
          </span>
        );
      })}
    </p>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-x-4 gap-y-0.5 sm:grid-cols-[10rem_minmax(0,1fr)]">
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Details({ entry }: { entry: AuditEntryItem }) {
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer py-1.5 text-brand-700 underline-offset-2 hover:underline">
        Details<span className="sr-only"> of the entry at {entry.atLabel}</span>
      </summary>
      <div className="mt-2 space-y-2 rounded-lg bg-slate-50 p-3">
        <dl className="space-y-2">
          <Detail term="Who">
            {entry.actor.label}
            {entry.actor.email && <span className="block break-all text-slate-600">{entry.actor.email}</span>}
            {entry.actor.note && <span className="block text-xs text-slate-500">({entry.actor.note})</span>}
          </Detail>
          <Detail term="Action">
            <code className="font-mono">{entry.action}</code>
          </Detail>
          <Detail term="Entity">
            <span className="text-slate-600">{entry.entityType.replaceAll("_", " ")}</span>
            {entry.entityName && (
              <>
                {" "}
                {entry.entityHref ? (
                  <Link href={entry.entityHref} className="font-medium text-brand-700 underline">
                    {entry.entityName.label}
                  </Link>
                ) : (
                  <span className="font-medium">{entry.entityName.label}</span>
                )}
                <CurrentMark name={entry.entityName} />
              </>
            )}
            {entry.entityId && (
              <span className="block break-all font-mono text-xs text-slate-500">{entry.entityId}</span>
            )}
            {entry.historyHref && (
              <Link href={entry.historyHref} className="inline-block py-1 text-brand-700 underline">
                All its entries
              </Link>
            )}
          </Detail>
          <Detail term="Changes">
            <AuditChanges changes={entry.changes} />
          </Detail>
          {(entry.ip || entry.requestId) && (
            <Detail term="Address and request">
              {entry.ip && <span className="block font-mono text-xs">{entry.ip}</span>}
              {entry.requestId && <span className="block break-all font-mono text-xs">{entry.requestId}</span>}
            </Detail>
          )}
        </dl>
        <details>
          <summary className="cursor-pointer py-1.5 text-brand-700 underline-offset-2 hover:underline">
            Raw data<span className="sr-only"> of the entry at {entry.atLabel}</span>
          </summary>
          <pre
            tabIndex={0}
            className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200"
          >
            {entry.raw}
          </pre>
        </details>
      </div>
    </details>
  );
}

/**
 * The audit log, newest first: one line per entry that reads as a sentence, with the time beside it; who, what, the
 * fields that changed, the address and the raw data open under "Details". One markup on every screen width.
 */
export function AuditEntryList({ entries }: { entries: AuditEntryItem[] }) {
  return (
    <ol
      aria-label="Audit entries, newest first"
      className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      {entries.map((entry) => (
        <li key={entry.id} className="px-4 py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <Sentence entry={entry} />
            <time dateTime={entry.atIso} className="whitespace-nowrap text-sm text-slate-500">
              {entry.atLabel}
            </time>
          </div>
          <Details entry={entry} />
        </li>
      ))}
    </ol>
  );
}
