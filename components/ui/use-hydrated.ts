"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and while the page hydrates, true once React runs it in the browser. A control that only
 * works with JavaScript (a button with no form behind it) is disabled until then, so a tap on a page still loading
 * on a slow phone is visibly not taken rather than silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
