import type { AuditChange } from "@/lib/audit/audit-diff";

/** Changes shown before the rest fold away (a stocktake or import can record dozens). */
const SHOWN = 6;

function ChangeLine({ change }: { change: AuditChange }) {
  return (
    <li className="break-words">
      <span className="font-mono text-xs text-slate-500">{change.field}</span>{" "}
      {change.kind === "changed" && (
        <>
          <span className="sr-only">changed from </span>
          <del className="text-red-800 decoration-red-300">{change.before}</del>
          <span aria-hidden="true"> → </span>
          <span className="sr-only">to </span>
          <ins className="text-green-800 no-underline">{change.after}</ins>
        </>
      )}
      {change.kind === "added" && <span className="text-slate-900">{change.after}</span>}
      {change.kind === "removed" && (
        <>
          <del className="text-red-800 decoration-red-300">{change.before}</del>{" "}
          <span className="text-slate-500">(removed)</span>
        </>
      )}
    </li>
  );
}

/**
 * An audit entry's before/after as the fields that changed ("name Old → New"); what was set on creation reads as
 * its value alone. Long lists show the first few and fold the rest (no script needed).
 */
export function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <p className="text-slate-500">No details recorded.</p>;
  const shown = changes.slice(0, SHOWN);
  const folded = changes.slice(SHOWN);
  return (
    <div className="space-y-1">
      <ul aria-label="Changes" className="space-y-0.5">
        {shown.map((change) => (
          <ChangeLine key={change.field} change={change} />
        ))}
      </ul>
      {folded.length > 0 && (
        <details>
          <summary className="cursor-pointer text-brand-700">
            {folded.length} more {folded.length === 1 ? "field" : "fields"}
          </summary>
          <ul aria-label="More changes" className="mt-1 space-y-0.5">
            {folded.map((change) => (
              <ChangeLine key={change.field} change={change} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
