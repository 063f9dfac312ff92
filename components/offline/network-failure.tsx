"use client";

// A submit whose server action never reached the server (offline, or the wifi dropped mid-submit) rejects with the
// browser's fetch TypeError; useActionState rethrows it while rendering, which would replace the page with the error
// page and lose the form. A drafted form has this boundary around it, which catches only that failure and hands it
// to the form's draft (docs/architecture.md, "Drafts on the device"); a form without a draft wraps its action in
// `keptWhenUnanswered`, which answers that failure like a refusal. Every other error — a redirect, a real server
// failure — goes on to the boundaries above as before.
import { Component, type ReactNode } from "react";
import type { FormAction } from "@/components/ui/form-state";

/** What each browser's fetch says when the request never got an answer (Chromium, Firefox, Safari). */
const FETCH_FAILED =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|The network connection was lost\.?)$/;

/** Whether an action's error is the connection, not the server: a fetch failure, or any fetch error while offline. */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  return FETCH_FAILED.test(error.message) || (typeof navigator !== "undefined" && navigator.onLine === false);
}

export const NO_ANSWER_OFFLINE =
  "StockFlow did not answer — you're offline. What you typed is kept here: send it again when you're back online; it will not be done twice.";

/** The same answer for a button with nothing typed (archive, restore, make default, a stocktake's step). */
export const NO_ANSWER_OFFLINE_PRESSED =
  "StockFlow did not answer — you're offline. Press it again when you're back online; it will not be done twice.";

/**
 * A form's action whose send the network dropped answers like a refusal instead of throwing: `NO_ANSWER` with the
 * values the form sent (every text field; files left out), so a form that shows a refusal's `values` shows what was
 * typed, its message and a submit button no longer pending, and the same submit can go again. For the forms without
 * a device draft (docs/architecture.md, "Drafts on the device"); a redirect or a real server error passes on. Sending
 * again is the same operation: what the form posts (a version, an operation id, a state set rather than toggled)
 * makes it count once even if the first try reached the server before the connection dropped. `nothingTyped` is for
 * a button whose form holds only its hidden ids: the message then asks to press it again instead of promising what
 * was typed. Not for a form with a password: its values would be kept too.
 */
export function keptWhenUnanswered<T>(
  action: FormAction<T>,
  { nothingTyped = false }: { nothingTyped?: boolean } = {},
): FormAction<T> {
  const message = nothingTyped ? NO_ANSWER_OFFLINE_PRESSED : NO_ANSWER_OFFLINE;
  return async (state, formData) => {
    try {
      return await action(state, formData);
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
      const values: Record<string, string> = {};
      for (const [name, value] of formData) if (typeof value === "string") values[name] = value;
      return { ok: false, code: "NO_ANSWER", message, values };
    }
  };
}

interface Props {
  children: ReactNode;
  /** Called once per failure; the owner renders the form again (a new key), from its draft. */
  onNetworkFailure: () => void;
}

export class NetworkFailureBoundary extends Component<Props, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown) {
    if (isNetworkFailure(error)) this.props.onNetworkFailure();
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Not the network: the boundaries above (redirects, the error page) handle it as they did without this one.
    if (!isNetworkFailure(error)) throw error;
    // The owner is about to render the form again under a new key (and this boundary with it).
    return null;
  }
}
