"use client";

// One import, two steps: "Check file" sends the file for a dry run and shows what it would do (cards) and every
// problem by line; "Import" is offered only for a file with no problems, and sends the same file again — the server
// checks everything anew. The chosen file is kept in state (an action on <form action> would reset the input), and
// a preview belongs to the file it was made for: choosing another file hides it. Every commit sends the form's
// operation id, so a retried commit imports nothing twice; a refused commit keeps it, a successful one renews it.
import { startTransition, useActionState, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormCompany } from "@/components/ui/company-field";
import { formError, type FormAction, type FormState } from "@/components/ui/form-state";
import { useOperationId } from "@/components/ui/operation-id";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "@/lib/csv/limits";
import { COMPANY_FIELD } from "@/lib/form-company";
import { ImportPreview } from "./import-preview";
import { importSummary, type ImportKind, type ImportView } from "./import-view";

type Intent = "preview" | "commit";

interface Step {
  intent: Intent;
  file: File;
  operationId: string;
}

type ImportState = { intent: Intent; file: File; result: FormState<ImportView> } | null;

const LABELS: Record<ImportKind, { form: string; commit: (view: ImportView) => string; done: string }> = {
  products: {
    form: "Import products",
    commit: (view) =>
      `Import ${view.created + view.changed === 1 ? "1 product" : `${(view.created + view.changed).toLocaleString("en-US")} products`}`,
    done: "Imported",
  },
  stock: {
    form: "Import stock levels",
    commit: (view) => `Set ${view.changed === 1 ? "1 count" : `${view.changed.toLocaleString("en-US")} counts`}`,
    done: "Stock levels set from",
  },
  suppliers: directoryLabels("supplier"),
  customers: directoryLabels("customer"),
};

function directoryLabels(one: string) {
  return {
    form: `Import ${one}s`,
    commit: (view: ImportView) =>
      `Import ${view.created + view.changed === 1 ? `1 ${one}` : `${(view.created + view.changed).toLocaleString("en-US")} ${one}s`}`,
    done: "Imported",
  };
}

const failure = (message: string): FormState<ImportView> => ({ ok: false, code: "VALIDATION", message });

export function CsvImportForm({
  kind,
  action,
  operationId: firstOperationId,
  columns,
  fields = {},
}: {
  kind: ImportKind;
  action: FormAction<ImportView>;
  /** Made when the page was rendered, for the first commit. */
  operationId: string;
  columns: readonly string[];
  /** Further fields the action reads, sent with every step (the directories' import says which directory). */
  fields?: Record<string, string>;
}) {
  const id = useId();
  const labels = LABELS[kind];
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [intent, setIntent] = useState<Intent>("preview");
  const company = useFormCompany();

  const [state, dispatch, pending] = useActionState(
    async (_previous: ImportState, { operationId, ...step }: Step): Promise<ImportState> => {
      if (step.file.size > MAX_CSV_BYTES) {
        return {
          ...step,
          result: failure(`The file is larger than ${MAX_CSV_BYTES / (1024 * 1024)} MB. Split it into smaller files.`),
        };
      }
      const formData = new FormData();
      for (const [name, value] of Object.entries(fields)) formData.set(name, value);
      formData.set("intent", step.intent);
      formData.set("file", step.file);
      formData.set("operationId", operationId);
      if (company) formData.set(COMPANY_FIELD, company);
      try {
        return { ...step, result: await action(null, formData) };
      } catch {
        return { ...step, result: failure("The file could not be sent. Check your connection and try again.") };
      }
    },
    null,
  );

  const operationId = useOperationId(firstOperationId, state, state?.intent === "commit" && state.result?.ok === true);

  // After a successful import the form starts over (React's pattern for adjusting state when other state changes).
  const [handled, setHandled] = useState<ImportState>(null);
  if (state !== handled) {
    setHandled(state);
    if (state?.intent === "commit" && state.result?.ok) {
      setFile(null);
      setInputKey((key) => key + 1);
    }
  }

  const run = (step: Intent) => {
    if (!file) return;
    setIntent(step);
    startTransition(() => dispatch({ intent: step, file, operationId }));
  };

  const result = state?.result ?? null;
  const forThisFile = state !== null && state.file === file;
  const error = result && !result.ok && (forThisFile || state?.intent === "commit") ? formError(result, []) : undefined;
  const preview = forThisFile && result?.ok && !result.data.committed ? result.data : null;
  const done = state?.intent === "commit" && result?.ok ? result.data : null;
  const importable = preview && preview.problemCount === 0 && preview.created + preview.changed > 0;

  return (
    <div className="space-y-4">
      <form
        aria-label={labels.form}
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          run("preview");
        }}
      >
        <div className="space-y-1.5">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            key={inputKey}
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby={`${id}-hint`}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            className="block w-full rounded-lg border border-slate-300 bg-white text-sm text-slate-700 file:mr-3 file:min-h-11 file:border-0 file:bg-slate-100 file:px-4 file:font-semibold file:text-slate-800"
          />
          <p id={`${id}-hint`} className="text-sm text-slate-500">
            First line names the columns:{" "}
            {columns.map((column, i) => (
              <span key={column}>
                <code className="text-slate-700">{column}</code>
                {i < columns.length - 1 ? ", " : ""}
              </span>
            ))}
            . Up to {MAX_CSV_BYTES / (1024 * 1024)} MB or {MAX_CSV_ROWS.toLocaleString("en-US")} rows.
          </p>
        </div>
        <Button type="submit" variant="secondary" disabled={!file} pending={pending && intent === "preview"}>
          {pending && intent === "preview" ? "Checking…" : "Check file"}
        </Button>
      </form>

      {done && (
        <Alert tone="success">
          <span className="break-words">
            {labels.done} {done.fileName}: {importSummary(done)}.
          </span>
        </Alert>
      )}
      {error && (
        <Alert tone="error">
          <span className="break-words">{error}</span>
        </Alert>
      )}

      {preview && (
        <div className="space-y-3">
          <ImportPreview view={preview} />
          {importable ? (
            <Button
              type="button"
              onClick={() => run("commit")}
              pending={pending && intent === "commit"}
              disabled={pending}
            >
              {pending && intent === "commit" ? "Importing…" : labels.commit(preview)}
            </Button>
          ) : (
            preview.problemCount === 0 && (
              <Alert tone="info">Nothing to import: every row matches what is there already.</Alert>
            )
          )}
        </div>
      )}
    </div>
  );
}
