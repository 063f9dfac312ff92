import type { ActionResult } from "@/lib/errors";
import { Alert } from "./alert";

/** The inline message after a form's action: its error, or the success text once it worked. */
export function FormMessage({ state, success }: { state: ActionResult<unknown> | undefined; success?: string }) {
  if (!state) return null;
  if (!state.ok) return <Alert tone="error">{state.message}</Alert>;
  return success ? <Alert tone="success">{success}</Alert> : null;
}

/** The field errors of a failed action for one field. */
export function fieldErrors(state: ActionResult<unknown> | undefined, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}
