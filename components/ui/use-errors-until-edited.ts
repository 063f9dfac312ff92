// A field's error from the server stays only until the person edits that field (docs/architecture.md §3, Forms):
// one mechanism for every form. The form passes its action's state through this hook and listens for edits with
// `onChange` on the <form> (React's change events bubble from every control in it); what the hook returns is the
// state with the edited fields' errors left out, so the fields and the summary above the form both update.
import { useMemo, useState, type FormEvent } from "react";
import type { FormState } from "./form-state";

const NONE: ReadonlySet<string> = new Set();

/**
 * The state without the errors of `edited` fields. When every field error is gone, `fieldErrors` is an empty object:
 * the failure was about those fields, so formError has nothing left to say (a `_form` error is never edited away).
 */
export function withoutEditedErrors<S extends FormState<unknown>>(state: S, edited: ReadonlySet<string>): S {
  if (!state || state.ok || !state.fieldErrors || edited.size === 0) return state;
  const left = Object.fromEntries(Object.entries(state.fieldErrors).filter(([field]) => !edited.has(field)));
  return { ...state, fieldErrors: left };
}

/** The control an edit came from, by the name it submits under (the key of its server errors). */
function editedField(event: FormEvent<HTMLFormElement>): string | undefined {
  const target = event.target as Partial<HTMLInputElement>;
  return typeof target.name === "string" && target.name ? target.name : undefined;
}

/**
 * `[shown, onChange]`: the state as it should be shown, and the <form>'s onChange. A new result from the action
 * shows all of its errors again.
 */
export function useErrorsUntilEdited<S extends FormState<unknown>>(
  state: S,
): [S, (event: FormEvent<HTMLFormElement>) => void] {
  const [edits, setEdits] = useState<{ of: S; fields: ReadonlySet<string> }>({ of: state, fields: NONE });
  const edited = edits.of === state ? edits.fields : NONE;
  function onChange(event: FormEvent<HTMLFormElement>) {
    const field = editedField(event);
    if (!field || edited.has(field) || !state || state.ok || !state.fieldErrors?.[field]) return;
    setEdits({ of: state, fields: new Set([...edited, field]) });
  }
  // The same object until something changes, for effects that follow the state.
  const shown = useMemo(() => withoutEditedErrors(state, edited), [state, edited]);
  return [shown, onChange];
}
