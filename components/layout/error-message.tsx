"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { requestIdFromCookies } from "@/lib/http/request-id-cookie";

const noSubscription = () => () => {};

/** The id of the request that failed (proxy.ts leaves it in a cookie); none while rendering on the server. */
function useFailedRequestId(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => requestIdFromCookies(document.cookie),
    () => null,
  );
}

function subscribeToConnection(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** Whether the browser says it is offline; never while rendering on the server. */
function useOffline(): boolean {
  return useSyncExternalStore(
    subscribeToConnection,
    () => !navigator.onLine,
    () => false,
  );
}

/**
 * What a person sees when a page fails: no internals, a way to retry, and a reference for support — the request id,
 * which finds the request's log lines, and the error's digest, which finds the server's record of the error. When
 * the browser is offline the failure is the connection, not StockFlow: it says so instead, and there is nothing for
 * support to look up. (Forms that keep what was typed through a dropped connection never get here: the drafted ones
 * and those whose action is wrapped in `keptWhenUnanswered`, components/offline/network-failure.tsx.)
 */
export function ErrorMessage({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  const requestId = useFailedRequestId();
  const offline = useOffline();
  if (offline) {
    return (
      <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
        <h1 className="text-2xl font-bold text-slate-900">You are offline</h1>
        <p className="max-w-md text-slate-600">
          What you just sent may not have reached StockFlow. When you are back online, press Try again, and check
          whether it was saved before you send it again.
        </p>
        <Button onClick={onRetry}>Try again</Button>
      </main>
    );
  }
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <p className="max-w-md text-slate-600">
        We could not show this page. Please try again; if it keeps happening, contact support and quote the reference
        below.
      </p>
      {(requestId || digest) && (
        <dl className="space-y-1 text-sm text-slate-500">
          {requestId && (
            <div>
              <dt className="inline">Reference: </dt>
              <dd className="inline">
                <code className="break-all rounded bg-slate-100 px-1.5 py-0.5">{requestId}</code>
              </dd>
            </div>
          )}
          {digest && (
            <div>
              <dt className="inline">Error code: </dt>
              <dd className="inline">
                <code className="rounded bg-slate-100 px-1.5 py-0.5">{digest}</code>
              </dd>
            </div>
          )}
        </dl>
      )}
      <Button onClick={onRetry}>Try again</Button>
    </main>
  );
}
