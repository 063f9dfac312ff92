import { Badge } from "@/components/ui/badge";
import { IMPORT_ITEM, importSummary, type ImportView } from "./import-view";

/** A dry run's outcome: the summary, every problem by line (nothing is imported while there are any), and cards. */
export function ImportPreview({ view }: { view: ImportView }) {
  const hidden = view.created + view.changed - view.items.length;
  return (
    <section aria-label={`Preview of ${view.fileName}`} className="space-y-3">
      <p className="break-words text-sm text-slate-700">
        <strong className="font-semibold text-slate-900">{view.fileName}</strong>:{" "}
        {view.rowCount.toLocaleString("en-US")} {view.rowCount === 1 ? "row" : "rows"} — {importSummary(view)}.
      </p>

      {view.problemCount > 0 && (
        <div role="alert" className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">
            {view.problemCount === 1 ? "1 problem" : `${view.problemCount.toLocaleString("en-US")} problems`}: nothing
            will be imported until the file is fixed.
          </p>
          <ul aria-label="Problems" className="space-y-1">
            {view.problems.map((problem, i) => (
              <li key={i} className="break-words">
                <span className="font-medium">
                  {problem.line === null ? "File" : `Line ${problem.line}`}
                  {problem.column ? ` · ${problem.column}` : ""}:
                </span>{" "}
                {problem.message}
              </li>
            ))}
          </ul>
          {view.problemCount > view.problems.length && (
            <p>
              …and {(view.problemCount - view.problems.length).toLocaleString("en-US")} more. Fix these and check the
              file again.
            </p>
          )}
        </div>
      )}

      {view.items.length > 0 && (
        <ul aria-label="Rows to import" className="grid gap-2 sm:grid-cols-2">
          {view.items.map((item) => (
            <li key={item.line} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
              <p className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 break-words font-medium text-slate-900">{item.title}</span>
                <span className="text-xs text-slate-500">Line {item.line}</span>
              </p>
              {/* A stock import adds no items: only counts. */}
              {item.isNew && view.kind !== "stock" && (
                <p className="mt-1">
                  <Badge tone="positive">New {IMPORT_ITEM[view.kind]}</Badge>
                </p>
              )}
              {item.details.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-slate-700">
                  {item.details.map((detail, i) => (
                    <li key={i} className="break-words">
                      {detail}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <p className="text-sm text-slate-500">…and {hidden.toLocaleString("en-US")} more rows like these.</p>
      )}
    </section>
  );
}
