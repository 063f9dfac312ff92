// One way to test that a form survives a refused submit: React resets a `<form action>` after its action
// (facebook/react#30580) while React state stays as it was, so a field can silently send something other than what
// the person sees or meant. These fakes stand in for a page's server action: the first submit is refused the way
// the server refuses it (an ActionResult failure, with the `values` echo the page's action returns) or dropped by the
// network on the way, every later one succeeds, and each FormData is kept for the test to read.
import { act, fireEvent } from "@testing-library/react";
import { vi, type Mock } from "vitest";
import type { FormAction } from "@/components/ui/form-state";
import type { ActionFailure } from "@/lib/errors";

/** A random (version 4) UUID, as the forms make for operation ids (components/ui/operation-id.ts). */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A failure as lib's action wrapper returns it. */
export type Refusal = Omit<ActionFailure, "ok">;

/** What a page's action echoes after a failure, built from the FormData it received. */
export type Echo = (formData: FormData) => Record<string, string>;

/** The fields a submit sent: one string per name, a list for a name sent more than once (files left out). */
export function sentFields(formData: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(formData.keys())) {
    const values = formData.getAll(name).filter((value): value is string => typeof value === "string");
    fields[name] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

/** The echo of an action that sends back the named fields as read (`""` when absent); passwords are never named. */
export function echoFields(...names: string[]): Echo {
  return (formData) =>
    Object.fromEntries(
      names.map((name) => {
        const value = formData.get(name);
        return [name, typeof value === "string" ? value : ""];
      }),
    );
}

export interface RefusingThenRecording<T> {
  action: Mock<FormAction<T>>;
  /** Every FormData received, in order. */
  submissions: FormData[];
  /** The fields of the second submit, the one that was saved (fails the test unless exactly two were made). */
  saved(): Record<string, string | string[]>;
}

/**
 * A stand-in for a page's server action: refuses the first submit with `refusal` (plus `echo`'s values, if the
 * page's action echoes any), then succeeds with `data`.
 */
export function refusingThenRecordingAction<T>({
  refusal,
  echo,
  data,
}: {
  refusal: Refusal;
  echo?: Echo;
  data: T;
}): RefusingThenRecording<T> {
  const submissions: FormData[] = [];
  const action = vi.fn<FormAction<T>>(async (_state, formData) => {
    submissions.push(formData);
    if (submissions.length > 1) return { ok: true, data };
    return echo ? { ok: false, ...refusal, values: echo(formData) } : { ok: false, ...refusal };
  });
  return {
    action,
    submissions,
    saved() {
      if (submissions.length !== 2) throw new Error(`Expected 2 submits, got ${submissions.length}.`);
      return sentFields(submissions[1]!);
    },
  };
}

/** What fetch throws when the connection is gone before the server answered (Chromium's words). */
export const droppedSend = () => new TypeError("Failed to fetch");

export interface DroppingThenRecording<T> {
  action: Mock<FormAction<T>>;
  /** Every submit, the dropped ones included, in order. */
  attempts: FormData[];
  /** The submits that reached the server, in order. */
  received: FormData[];
}

/**
 * A stand-in for a page's server action behind a phone's connection: the first submit is dropped on the way (fetch's
 * TypeError; nothing reached the server), every later one gets through and succeeds with `data`.
 */
export function droppingThenRecordingAction<T>({ data }: { data: T }): DroppingThenRecording<T> {
  const attempts: FormData[] = [];
  const received: FormData[] = [];
  const action = vi.fn<FormAction<T>>(async (_state, formData) => {
    attempts.push(formData);
    if (attempts.length === 1) throw droppedSend();
    received.push(formData);
    return { ok: true, data };
  });
  return { action, attempts, received };
}

/** Press a submit button and let the action and React's reset of the form finish. */
export async function submitWith(button: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.click(button);
  });
}

/** Whose drafts a form under test keeps on the (jsdom) device; each test file clears localStorage after a test. */
export const DRAFT_SCOPE = {
  userId: "0193a0c4-dddd-7000-8000-000000000001",
  companyId: "0193a0c4-dddd-7000-8000-000000000002",
};
