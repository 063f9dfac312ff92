// What a form keeps between submissions of its server action: the action's result and, after a failure, the
// values typed (never passwords), so React's reset of the form after an action does not wipe them. One way for
// every form: useActionState(action, null), fieldErrors beside each field, FormMessage above; a field's error goes
// once the person edits it (use-errors-until-edited.ts).
import type { ActionResult, FieldErrors } from "@/lib/errors";
import { Alert } from "./alert";

export type FormState<T> = ((ActionResult<T> | NoAnswer) & { values?: Record<string, string> }) | null;

/**
 * A submit that never got an answer: the connection dropped before the server's reply (components/offline/
 * network-failure.tsx, `keptWhenUnanswered`). Said in the form like a refusal; no server wrote it.
 */
export type NoAnswer = { ok: false; code: "NO_ANSWER"; message: string; fieldErrors?: FieldErrors };

export type FormAction<T> = (state: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/** The messages for one field, if the last submission failed on it. */
export function fieldErrors(state: FormState<unknown>, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/**
 * A failure's message, unless every problem is already shown beside its field. Field errors all edited away
 * (useErrorsUntilEdited leaves `fieldErrors` empty) leave nothing to say.
 */
export function formError(state: FormState<unknown>, fields: string[]): string | undefined {
  if (!state || state.ok) return undefined;
  if (state.fieldErrors && Object.keys(state.fieldErrors).length === 0) return undefined;
  const keys = Object.keys(state.fieldErrors ?? {});
  const allBesideFields = keys.length > 0 && keys.every((key) => fields.includes(key));
  return allBesideFields ? undefined : (state.fieldErrors?._form?.join(" ") ?? state.message);
}

/** The inline message after a form's action: its error, or the success text once it worked. */
export function FormMessage({
  state,
  success,
  fields = [],
}: {
  state: FormState<unknown>;
  success?: string;
  /** Fields whose errors are shown beside them (then the summary is not repeated). */
  fields?: string[];
}) {
  if (!state) return null;
  if (!state.ok) {
    const error = formError(state, fields);
    return error ? <Alert tone="error">{error}</Alert> : null;
  }
  return success ? <Alert tone="success">{success}</Alert> : null;
}
