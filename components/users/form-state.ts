// What a users-administration form keeps between submissions: the action's result and, after a failure, the
// values typed (never passwords), so React's reset of the form after an action does not wipe them.
import type { ActionResult } from "@/lib/errors";

export type FormState<T> = (ActionResult<T> & { values?: Record<string, string> }) | null;

export type FormAction<T> = (state: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/** The messages for one field, if the last submission failed on it. */
export function fieldErrors(state: FormState<unknown>, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/** A failure's message, unless every problem is already shown beside its field. */
export function formError(state: FormState<unknown>, fields: string[]): string | undefined {
  if (!state || state.ok) return undefined;
  const keys = Object.keys(state.fieldErrors ?? {});
  const allBesideFields = keys.length > 0 && keys.every((key) => fields.includes(key));
  return allBesideFields ? undefined : (state.fieldErrors?._form?.join(" ") ?? state.message);
}
