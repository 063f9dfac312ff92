"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { subscribeLive, type LiveStatus } from "./live-connection";
import { useLiveScope } from "./live-scope";
import { isRelevant, type LiveTopics } from "./live-topics";

/** Events arriving together (a stock operation on many products, an import) cause one refresh, not one each. */
export const REFRESH_DELAY_MS = 300;

/**
 * Keeps the page current: when an event about what it shows arrives, the server components re-render in place
 * (router.refresh: no reload, client state and form input kept). Returns the connection's status.
 */
export function useLiveUpdates(topics: LiveTopics): LiveStatus {
  const router = useRouter();
  const scope = useLiveScope();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  // By value: a page passes a fresh object (or id array) on every render.
  const topicsKey = JSON.stringify(topics);

  useEffect(() => {
    const wanted = JSON.parse(topicsKey) as LiveTopics;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        router.refresh();
      }, REFRESH_DELAY_MS);
    };
    const unsubscribe = subscribeLive(
      {
        onEvent: (event) => {
          if (event === null || isRelevant(wanted, event)) refreshSoon();
        },
        onStatus: setStatus,
      },
      scope,
    );
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [router, topicsKey, scope]);

  return status;
}
