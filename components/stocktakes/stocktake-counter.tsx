"use client";

// Counting on a stocktake document from a phone (docs/architecture.md §5 "Stocktake documents", §13 "Camera
// scanning"): find the product — scan its barcode, type its barcode or SKU, or pick it from the list below — then type
// what is on the shelf and save. Each save is one count, saved at once and exactly once (its operation id), so several
// people count side by side. The product and the count are React state and the form is never reset by its action
// (submitWithoutReset): a refused count keeps both, and the corrected one sends what the screen shows. They are kept
// on the device as well, so a dropped connection or a reload loses neither.
import { useActionState, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { DeviceDraftFrame } from "@/components/offline/device-draft-frame";
import { draftKey, type DraftScope, type DraftValues } from "@/components/offline/device-draft-storage";
import { useDeviceDraft, type DeviceDraft } from "@/components/offline/use-device-draft";
import { ScanButton } from "@/components/scan/scan-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { operationSpent, useOperationId } from "@/components/ui/operation-id";
import { SubmitButton } from "@/components/ui/submit-button";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { quantityHint } from "@/lib/products/quantity-hint";
import type { StocktakeCounted } from "@/lib/stocktakes/count-stocktake-line";
import type { StocktakeCodeLookup, StocktakeProductMatch } from "@/lib/stocktakes/find-stocktake-product";
import type { StocktakeLineRow } from "@/lib/stocktakes/get-stocktake";

const whole = new Intl.NumberFormat("en-US");
const signed = (n: number) => (n > 0 ? `+${whole.format(n)}` : n < 0 ? `−${whole.format(-n)}` : "0");

/** The product being counted: what the count box needs to say. */
export interface CountTarget {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  packSize: number | null;
  /** Whether this is the recount of a flagged line. */
  recount: boolean;
}

/** "Saved: 12 each of Safety Gloves (GL-L) — expected 10, +2. It replaced Stan's count of 10." */
export function countedMessage(result: StocktakeCounted): string {
  const what = `${whole.format(result.counted)} ${result.product.unit} of ${result.product.name} (${result.product.sku})`;
  const against =
    result.expected !== null && result.difference !== null
      ? ` — expected ${whole.format(result.expected)}, ${signed(result.difference)}`
      : "";
  const replaced = result.replaced
    ? ` It replaced ${result.replaced.by === "you" ? "your" : `${result.replaced.by}'s`} ${
        result.recount ? "first count" : "count"
      }${result.replaced.counted !== null ? ` of ${whole.format(result.replaced.counted)}` : ""}.`
    : "";
  return `${result.recount ? "Recount saved" : "Saved"}: ${what}${against}.${replaced}`;
}

type Lookup =
  | { state: "idle" }
  | { state: "looking"; code: string }
  | { state: "found"; code: string; products: StocktakeProductMatch[] }
  | { state: "failed"; message: string };

/** What a product found by its code offers: counting, or why not. */
function countableMatch(match: StocktakeProductMatch, recounting: boolean): string | null {
  if (recounting && match.recount === "NONE") {
    return `${match.name} (${match.sku}) is not flagged for recount: only flagged lines are counted now.`;
  }
  return null;
}

interface StocktakeCounterProps {
  stocktakeId: string;
  /** Counting has finished: only the lines flagged for recount are counted now. */
  recounting: boolean;
  action: FormAction<StocktakeCounted>;
  /** Made when the page was rendered: a retry of the same count saves nothing twice; the next count is new. */
  operationId: string;
  /** The lines on this page of the document (or of the search), with whether each may be counted now. */
  lines: StocktakeLineRow[];
  /** Whose draft this is: the page's signed-in person and company. */
  draftScope: DraftScope;
}

/**
 * The count being typed is kept on the device, one per person and stocktake, with its operation id (docs/architecture.md,
 * "Drafts on the device"): a reload or a dropped connection brings back the product and the count, and sending it again
 * is the same count, saved once.
 */
export function StocktakeCounter(props: StocktakeCounterProps) {
  const draft = useDeviceDraft(draftKey(props.draftScope, "stocktake-count", props.stocktakeId));
  return (
    <DeviceDraftFrame draft={draft}>
      <CounterFields {...props} draft={draft} />
    </DeviceDraftFrame>
  );
}

/** The product a draft was counting, if it holds one. */
function draftTarget(start: DraftValues | null | undefined): CountTarget | null {
  if (!start?.productId || !start.name) return null;
  const packSize = Number(start.packSize);
  return {
    productId: start.productId,
    sku: start.sku ?? "",
    name: start.name,
    unit: start.unit ?? "",
    packSize: Number.isSafeInteger(packSize) && packSize > 1 ? packSize : null,
    recount: start.recount === "yes",
  };
}

function CounterFields({
  stocktakeId,
  recounting,
  action,
  operationId: firstOperationId,
  lines,
  draft,
}: StocktakeCounterProps & { draft: DeviceDraft }) {
  const id = useId();
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  // A restored draft (or what was on screen when the connection dropped) starts the form, its operation id included.
  const [start] = useState(() => draft.start);
  const operationId = useOperationId(start?.operationId || firstOperationId, state, operationSpent(state));
  const [target, setTarget] = useState<CountTarget | null>(() => draftTarget(start));
  const [counted, setCounted] = useState(start?.counted ?? "");
  const { track, accepted } = draft;
  useEffect(() => {
    if (state?.ok) accepted();
  }, [state, accepted]);
  useEffect(() => {
    const values: DraftValues = target
      ? {
          operationId,
          productId: target.productId,
          sku: target.sku,
          name: target.name,
          unit: target.unit,
          packSize: target.packSize === null ? "" : String(target.packSize),
          recount: target.recount ? "yes" : "",
          counted,
        }
      : { operationId };
    track(values, target !== null && counted.trim() !== "");
  }, [track, operationId, target, counted]);
  const [code, setCode] = useState("");
  const [lookup, setLookup] = useState<Lookup>({ state: "idle" });
  // Focus follows the work: to the count box when a product is chosen, back to the heading once its count is saved.
  // Each request is a new object, so asking twice for the same place focuses it twice.
  const [focus, setFocus] = useState<{ on: "count" | "heading" } | null>(null);
  // A count that was saved clears the box and the product, ready for the next one.
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state?.ok) {
      setTarget(null);
      setCounted("");
      setFocus({ on: "heading" });
    }
  }
  const countBox = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus?.on === "count") countBox.current?.focus();
    if (focus?.on === "heading") heading.current?.focus();
  }, [focus]);

  function choose(next: CountTarget) {
    setTarget(next);
    setCounted("");
    setLookup({ state: "idle" });
    setFocus({ on: "count" });
  }

  async function find(raw: string) {
    const text = raw.trim();
    if (!text) {
      setLookup({ state: "failed", message: "Scan or type a barcode or SKU." });
      return;
    }
    setLookup({ state: "looking", code: text });
    try {
      const response = await fetch(
        `/api/stocktakes/${encodeURIComponent(stocktakeId)}/products?code=${encodeURIComponent(text)}`,
        { headers: { accept: "application/json" }, cache: "no-store" },
      );
      if (!response.ok) {
        // The route answers a refusal as plain text: its first line is the message.
        const message = (await response.text()).split("\n")[0] || "The code could not be looked up.";
        setLookup({ state: "failed", message });
        return;
      }
      const found = (await response.json()) as StocktakeCodeLookup;
      const [only] = found.products;
      if (found.products.length === 1 && only && !countableMatch(only, recounting)) {
        choose({ ...only, recount: only.recount !== "NONE" });
        return;
      }
      setLookup({ state: "found", code: found.code, products: found.products });
    } catch {
      setLookup({
        state: "failed",
        message: "The code could not be looked up: check the connection and try again.",
      });
    }
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void find(code);
  }

  const countErrors = fieldErrors(state, "counted");
  const hint = target && quantityHint(target);
  return (
    <div className="space-y-4">
      <section
        aria-labelledby={`${id}-heading`}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="font-semibold text-slate-900 outline-none">
          {recounting ? "Recount a flagged product" : "Count a product"}
        </h2>
        <div aria-live="polite">{state?.ok && <Alert tone="success">{countedMessage(state.data)}</Alert>}</div>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <ScanButton
            label="Scan to count"
            title="Scan a product to count"
            hint="Point the camera at the product's barcode: it opens here for counting."
            mode="single"
            onCode={(scanned) => {
              setCode(scanned);
              void find(scanned);
            }}
            className="min-h-11"
          />
          {/* Without JavaScript, a GET search of the document's products by the same text. */}
          <form
            method="get"
            action={`/stocktakes/${stocktakeId}`}
            role="search"
            aria-label="Find by code"
            onSubmit={submitCode}
            className="flex flex-1 items-end gap-2"
          >
            <div className="flex-1">
              <TextField
                id={`${id}-code`}
                name="q"
                label="Or type a barcode or SKU"
                value={code}
                onChange={(event) => setCode(event.target.value)}
                autoComplete="off"
                enterKeyHint="search"
              />
            </div>
            <Button type="submit" variant="secondary" pending={lookup.state === "looking"} className="min-h-11">
              Find
            </Button>
          </form>
        </div>
        <LookupAnswer lookup={lookup} recounting={recounting} onChoose={choose} />

        {target && (
          <form
            action={formAction}
            onSubmit={submitWithoutReset(formAction)}
            onChange={clearOnEdit}
            aria-label={`Count ${target.name}`}
            className="space-y-3 rounded-lg border border-brand-200 bg-brand-50/40 p-3"
            noValidate
          >
            <CompanyField />
            <input type="hidden" name="stocktakeId" value={stocktakeId} />
            <input type="hidden" name="productId" value={target.productId} />
            <input type="hidden" name="operationId" value={operationId} />
            <p className="font-medium text-slate-900">
              {target.recount ? "Recounting " : "Counting "}
              {target.name} <span className="font-normal text-slate-600">({target.sku})</span>
            </p>
            <FormMessage state={state} fields={["counted"]} />
            <TextField
              ref={countBox}
              id={`${id}-counted`}
              name="counted"
              label={`Count of ${target.name}`}
              hint={[`Everything on the shelf, in ${target.unit}.`, hint].filter(Boolean).join(" ")}
              inputMode="numeric"
              autoComplete="off"
              enterKeyHint="done"
              value={counted}
              onChange={(event) => setCounted(event.target.value)}
              errors={countErrors}
            />
            <div className="flex flex-col-reverse gap-2 sm:flex-row">
              <Button type="button" variant="secondary" onClick={() => setTarget(null)}>
                Choose another product
              </Button>
              <SubmitButton pendingLabel="Saving…">Save count</SubmitButton>
            </div>
          </form>
        )}
      </section>

      <StocktakeLineList lines={lines} onCount={choose} />
    </div>
  );
}

function LookupAnswer({
  lookup,
  recounting,
  onChoose,
}: {
  lookup: Lookup;
  recounting: boolean;
  onChoose: (target: CountTarget) => void;
}) {
  if (lookup.state === "idle") return null;
  if (lookup.state === "looking") return <p className="text-sm text-slate-600">Looking up “{lookup.code}”…</p>;
  if (lookup.state === "failed") return <Alert tone="error">{lookup.message}</Alert>;
  if (lookup.products.length === 0) {
    return <Alert tone="error">No product has the code “{lookup.code}”. Search the list below by name instead.</Alert>;
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        {lookup.products.length === 1 ? "Found by “" : "Several products have the code “"}
        {lookup.code}”:
      </p>
      <ul className="space-y-2">
        {lookup.products.map((match) => {
          const refusal = countableMatch(match, recounting);
          return (
            <li key={match.productId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span>
                {match.name} <span className="text-slate-600">({match.sku})</span>
                {refusal && <span className="block text-slate-600">{refusal}</span>}
              </span>
              {!refusal && (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => onChoose({ ...match, recount: match.recount !== "NONE" })}
                  aria-label={`Count ${match.name}`}
                >
                  Count
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What one line says about its count: not counted, counted by whom, to recount, recounted. */
export function lineStatus(line: StocktakeLineRow): string {
  if (line.recount === "REQUESTED") {
    return line.countHidden || line.counted === null
      ? `To recount (counted by ${line.countedBy ?? "someone"})`
      : `To recount: ${whole.format(line.counted)} counted by ${line.countedBy ?? "someone"}`;
  }
  if (line.counted === null) return line.onList ? "Not counted yet" : "Not on the list: counting adds it";
  const by = line.countedBy ? ` by ${line.countedBy}` : "";
  return `${line.recount === "DONE" ? "Recounted" : "Counted"}: ${whole.format(line.counted)} ${line.unit}${by}`;
}

/** Expected and difference, where they may be shown (a blind stocktake's are not, until booked). */
function lineFigures(line: StocktakeLineRow): string | null {
  if (line.booked !== null) return `Expected ${whole.format(line.expected ?? 0)}, booked ${signed(line.booked)}`;
  if (line.expected !== null && line.difference !== null) {
    return `Expected ${whole.format(line.expected)} when counted (${signed(line.difference)}); on hand now ${whole.format(line.onHand ?? 0)}`;
  }
  if (line.onHand !== null) return `On hand now ${whole.format(line.onHand)}`;
  return null;
}

/** A page of the document's lines; with `onCount`, each line that may be counted now has its Count button. */
export function StocktakeLineList({
  lines,
  onCount,
}: {
  lines: StocktakeLineRow[];
  onCount?: (target: CountTarget) => void;
}) {
  return (
    <ul
      aria-label="Products on this stocktake"
      className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white"
    >
      {lines.map((line) => {
        const figures = lineFigures(line);
        return (
          <li key={line.productId} className="flex flex-wrap items-center justify-between gap-3 p-3 sm:p-4">
            <div className="min-w-0 flex-1">
              <p className="break-words font-medium text-slate-900">{line.name}</p>
              <p className="text-sm text-slate-600">
                {line.sku} · {lineStatus(line)}
              </p>
              {figures && <p className="text-sm text-slate-500">{figures}</p>}
            </div>
            {line.countable && onCount && (
              <Button
                type="button"
                variant="secondary"
                aria-label={`${line.recount === "REQUESTED" ? "Recount" : "Count"} ${line.name}`}
                onClick={() =>
                  onCount({
                    productId: line.productId,
                    sku: line.sku,
                    name: line.name,
                    unit: line.unit,
                    packSize: line.packSize,
                    recount: line.recount !== "NONE",
                  })
                }
              >
                {line.recount === "REQUESTED" ? "Recount" : "Count"}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
