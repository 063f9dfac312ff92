"use client";

// A submit whose server action never reached the server (offline, or the wifi dropped mid-submit) rejects with the
// browser's fetch TypeError; useActionState rethrows it while rendering, which would replace the page with the error
// page and lose the form. This boundary, around one form, catches only that failure and hands it to the form's
// draft (docs/architecture.md, "Drafts on the device"); every other error — a redirect, a real server failure —
// goes on to the boundaries above as before.
import { Component, type ReactNode } from "react";

/** What each browser's fetch says when the request never got an answer (Chromium, Firefox, Safari). */
const FETCH_FAILED =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|The network connection was lost\.?)$/;

/** Whether an action's error is the connection, not the server: a fetch failure, or any fetch error while offline. */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  return FETCH_FAILED.test(error.message) || (typeof navigator !== "undefined" && navigator.onLine === false);
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
