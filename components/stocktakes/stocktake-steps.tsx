"use client";

// A stocktake's steps for managers and admins (docs/architecture.md §5 "Stocktake documents"): finish counting, book,
// cancel. Each opens a dialog that says what will happen and posts the stocktake's id with the version on screen (and,
// for booking, its operation id), so one tap by mistake does nothing and a double tap books once. What a step did is
// said in the panel; a refusal ("Recount before booking: …", "Already booked by …") in its dialog, and so is a step
// the network dropped (keptWhenUnanswered): the dialog stays open with the same version and operation id to send again.
import { useActionState, useId, useRef, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CompanyField } from "@/components/ui/company-field";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { operationSpent, useOperationId } from "@/components/ui/operation-id";
import { SubmitButton } from "@/components/ui/submit-button";
import type { StocktakeBooked } from "@/lib/stocktakes/book-stocktake";
import type { StocktakeCancelled } from "@/lib/stocktakes/cancel-stocktake";
import type { StocktakeFinished } from "@/lib/stocktakes/finish-stocktake";
import { formatStocktakeNumber } from "@/lib/stocktakes/stocktake-fields";

const whole = new Intl.NumberFormat("en-US");
const plural = (n: number, one: string, many: string) => `${whole.format(n)} ${n === 1 ? one : many}`;
const signed = (n: number) => (n > 0 ? `+${whole.format(n)}` : `−${whole.format(-n)}`);

type Step = "finish" | "book" | "cancel";

export interface StocktakeStepTarget {
  id: string;
  number: number;
  /** The version on screen: a step on a stocktake changed since is refused (CONFLICT). */
  version: number;
  locationName: string;
  blind: boolean;
  progress: { lines: number; counted: number; recountRequested: number };
  /** The recount rule in words ("a difference of more than 5 units"). */
  threshold: string;
}

export interface StocktakeStepActions {
  finish: FormAction<StocktakeFinished>;
  book: FormAction<StocktakeBooked>;
  cancel: FormAction<StocktakeCancelled>;
}

export function finishedMessage(result: StocktakeFinished): string {
  const parts = [`${plural(result.counted, "product", "products")} counted`];
  if (result.notCounted > 0) parts.push(`${whole.format(result.notCounted)} not counted (left as they are)`);
  const flagged =
    result.flagged === 0
      ? " Nothing needs a recount: it is ready to book."
      : ` ${plural(result.flagged, "product needs", "products need")} a recount before booking: ${result.flaggedLines
          .map((line) => `${line.name} (${line.sku})`)
          .join(", ")}${result.flagged > result.flaggedLines.length ? " and more" : ""}.`;
  return `Counting on ${formatStocktakeNumber(result.number)} finished: ${parts.join(", ")}.${flagged}`;
}

export function bookedMessages(result: StocktakeBooked): string[] {
  const messages = [
    `${formatStocktakeNumber(result.number)} is booked: ${plural(result.changed, "count", "counts")} changed the stock, ${plural(result.unchanged, "count", "counts")} confirmed it.`,
  ];
  if (result.floored.length > 0) {
    messages.push(
      `Booked only down to zero, as more left after the count than it found: ${result.floored
        .map((line) => `${line.name} (${line.sku}) ${signed(line.booked)} of ${signed(line.difference)}`)
        .join(", ")}.`,
    );
  }
  if (result.short.length > 0) {
    messages.push(
      `Now short for approved orders: ${result.short
        .map(
          (line) =>
            `${line.name} (${line.sku}), ${whole.format(line.onHand)} on hand for ${whole.format(line.reserved)} reserved`,
        )
        .join("; ")}.`,
    );
  }
  return messages;
}

const SPECS: Record<
  Step,
  { label: string; verb: string; pending: string; dismiss: string; variant: "primary" | "secondary" | "danger" }
> = {
  finish: {
    label: "Finish counting",
    verb: "Finish counting on",
    pending: "Finishing…",
    dismiss: "Keep counting",
    variant: "primary",
  },
  book: { label: "Book stocktake", verb: "Book", pending: "Booking…", dismiss: "Not now", variant: "primary" },
  cancel: { label: "Cancel stocktake", verb: "Cancel", pending: "Cancelling…", dismiss: "Keep it", variant: "danger" },
};

function summary(step: Step, target: StocktakeStepTarget): string {
  const { lines, counted, recountRequested } = target.progress;
  switch (step) {
    case "finish": {
      const notCounted = lines - counted;
      return [
        `${whole.format(counted)} of ${plural(lines, "product", "products")} counted at ${target.locationName}.`,
        notCounted > 0 ? `The ${whole.format(notCounted)} not counted keep their stock as it is.` : null,
        `Lines with ${target.threshold === "no recounts" ? "any difference are booked as counted" : `${target.threshold} are flagged for recount`}; only those can be counted afterwards.`,
      ]
        .filter(Boolean)
        .join(" ");
    }
    case "book":
      return [
        `Each of the ${plural(counted, "counted product", "counted products")} at ${target.locationName} books its count against what the books held when it was counted: stock that moved since is kept.`,
        recountRequested > 0
          ? `${plural(recountRequested, "product still needs", "products still need")} a recount first.`
          : null,
        target.blind ? "Expected quantities and the variance report show once it is booked." : null,
      ]
        .filter(Boolean)
        .join(" ");
    case "cancel":
      return "Nothing is booked. The counts stay on the stocktake for the record, and the location is free for a new one.";
  }
}

export function StocktakeSteps({
  target,
  steps,
  actions,
  bookOperationId,
}: {
  target: StocktakeStepTarget;
  steps: Step[];
  actions: StocktakeStepActions;
  /** Made when the page was rendered: a booking sent twice books once. */
  bookOperationId: string;
}) {
  const [open, setOpen] = useState<Step | null>(null);
  const [seen, setSeen] = useState(target);
  const [last, setLast] = useState<Step | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const movedOn = useRef(false);
  const closingOnSuccess =
    <T,>(action: FormAction<T>): FormAction<T> =>
    async (state, formData) => {
      const result = await action(state, formData);
      if (result?.ok) {
        movedOn.current = true;
        setOpen(null);
      }
      return result;
    };
  const [finishState, finish] = useActionState(
    closingOnSuccess(keptWhenUnanswered(actions.finish, { nothingTyped: true })),
    null,
  );
  const [bookState, book] = useActionState(
    closingOnSuccess(keptWhenUnanswered(actions.book, { nothingTyped: true })),
    null,
  );
  const [cancelState, cancel] = useActionState(
    closingOnSuccess(keptWhenUnanswered(actions.cancel, { nothingTyped: true })),
    null,
  );
  const operationId = useOperationId(bookOperationId, bookState, operationSpent(bookState));
  const states: Record<Step, FormState<unknown>> = { finish: finishState, book: bookState, cancel: cancelState };
  const dispatch = { finish, book, cancel };
  const headingId = useId();
  const number = formatStocktakeNumber(target.number);
  const lastState = last ? states[last] : null;
  if (steps.length === 0 && !lastState?.ok) return null;

  return (
    <section aria-labelledby={headingId}>
      <Card>
        <h2 id={headingId} ref={heading} tabIndex={-1} className="font-semibold text-slate-900 outline-none">
          Next steps
        </h2>
        <div aria-live="polite" className="space-y-2">
          {last === "finish" && finishState?.ok && (
            <div className="mt-3">
              <Alert tone="success">{finishedMessage(finishState.data)}</Alert>
            </div>
          )}
          {last === "book" && bookState?.ok && (
            <div className="mt-3 space-y-2">
              {bookedMessages(bookState.data).map((message, i) => (
                <Alert key={message} tone={i === 0 ? "success" : "info"}>
                  {message}
                </Alert>
              ))}
            </div>
          )}
          {last === "cancel" && cancelState?.ok && (
            <div className="mt-3">
              <Alert tone="success">{number} is cancelled: nothing was booked.</Alert>
            </div>
          )}
        </div>
        {steps.length > 0 && (
          <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {steps.map((step) => (
              <Button
                key={step}
                type="button"
                variant={step === "cancel" ? "secondary" : "primary"}
                aria-haspopup="dialog"
                onClick={() => {
                  setSeen(target);
                  setOpen(step);
                }}
              >
                {SPECS[step].label}
              </Button>
            ))}
          </div>
        )}
      </Card>
      {(["finish", "book", "cancel"] as const)
        .filter((step) => steps.includes(step) || open === step)
        .map((step) => {
          const shown = open === step ? seen : target;
          const failure = last === step && states[step] && !states[step]!.ok ? states[step] : null;
          return (
            <Dialog
              key={step}
              open={open === step}
              onClose={() => setOpen(null)}
              returnFocusTo={() => {
                const focus = movedOn.current ? heading.current : null;
                movedOn.current = false;
                return focus;
              }}
              title={`${SPECS[step].verb} ${number}?`}
              description={summary(step, shown)}
            >
              <form
                action={dispatch[step]}
                onSubmit={() => setLast(step)}
                aria-label={`${SPECS[step].label} ${number}`}
                className="space-y-4"
              >
                <CompanyField />
                <input type="hidden" name="stocktakeId" value={shown.id} />
                <input type="hidden" name="version" value={shown.version} />
                {step === "book" && <input type="hidden" name="operationId" value={operationId} />}
                {failure && (
                  <div className="space-y-2">
                    <FormMessage state={failure} />
                    {(failure.code === "CONFLICT" || failure.code === "INVALID_TRANSITION") && (
                      <a href={`/stocktakes/${shown.id}`} className="text-sm font-medium text-brand-700 underline">
                        Reload this stocktake
                      </a>
                    )}
                  </div>
                )}
                <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                  <Button type="button" variant="secondary" onClick={() => setOpen(null)}>
                    {SPECS[step].dismiss}
                  </Button>
                  <SubmitButton variant={SPECS[step].variant} pendingLabel={SPECS[step].pending}>
                    {SPECS[step].label}
                  </SubmitButton>
                </div>
              </form>
            </Dialog>
          );
        })}
    </section>
  );
}
