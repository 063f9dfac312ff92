"use client";
// Registers the service worker (app/sw.ts) from the root layout and offers its updates (docs/architecture.md
// "Installable app and service worker"):
// - A new build's worker installs in the background and waits; the page then shows "A new version of StockFlow is
//   ready" with Reload, which tells the waiting worker to take over (SKIP_WAITING) and reloads once it controls the
//   page. "Later" keeps the old version until every StockFlow tab is closed. Nothing reloads unasked: a half-typed
//   form is never thrown away by an update.
// - The pages kept for offline use (lib/pwa/cache-names.ts) are reached by the router without a page load, which
//   the worker never sees: on such a navigation the page asks the worker to fetch and cache that page itself.
import { Serwist } from "@serwist/window";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SERVICE_WORKER_SCOPE, SERVICE_WORKER_URL, isOfflinePage } from "@/lib/pwa/cache-names";
import { reloadPage } from "./reload-page";

export function ServiceWorkerRegistration({ enabled }: { enabled: boolean }) {
  const pathname = usePathname();
  // The worker's handle, made on the client only (nothing is rendered from it, so hydration is unaffected). The
  // bundle has no imports left (esbuild), so a classic worker: every browser with service workers runs it.
  const [serwist] = useState(() =>
    enabled && typeof navigator !== "undefined" && "serviceWorker" in navigator
      ? new Serwist(SERVICE_WORKER_URL, { scope: SERVICE_WORKER_SCOPE, type: "classic" })
      : null,
  );
  const [update, setUpdate] = useState<"none" | "ready" | "applying" | "later">("none");
  const firstPath = useRef(true);

  useEffect(() => {
    if (!serwist) return;
    const onWaiting = () => setUpdate((current) => (current === "none" ? "ready" : current));
    serwist.addEventListener("waiting", onWaiting);
    void serwist.register();
    return () => serwist.removeEventListener("waiting", onWaiting);
  }, [serwist]);

  useEffect(() => {
    if (!serwist) return;
    const initial = firstPath.current;
    firstPath.current = false;
    // A page load under the worker's control went through it, and it kept the page if it keeps that one.
    if (initial && navigator.serviceWorker.controller) return;
    if (!isOfflinePage(pathname) || !navigator.onLine) return;
    void serwist.messageSW({
      type: "CACHE_URLS",
      payload: { urlsToCache: [`${window.location.pathname}${window.location.search}`] },
    });
  }, [serwist, pathname]);

  async function applyUpdate() {
    setUpdate("applying");
    const registration = await navigator.serviceWorker.getRegistration(SERVICE_WORKER_SCOPE);
    if (!registration?.waiting || !serwist) {
      // Another tab applied it already: this page only needs the new version.
      reloadPage();
      return;
    }
    navigator.serviceWorker.addEventListener("controllerchange", reloadPage, { once: true });
    serwist.messageSkipWaiting();
  }

  if (update === "none" || update === "later") return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-50 flex justify-center p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
      <div
        role="status"
        className="flex w-full max-w-md flex-wrap items-center gap-3 rounded-xl border border-brand-100 bg-white p-3 shadow-lg"
      >
        <p className="min-w-0 flex-1 text-sm font-medium text-slate-900">A new version of StockFlow is ready</p>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={() => setUpdate("later")} disabled={update === "applying"}>
            Later
          </Button>
          <Button onClick={applyUpdate} pending={update === "applying"}>
            Reload
          </Button>
        </div>
      </div>
    </div>
  );
}
