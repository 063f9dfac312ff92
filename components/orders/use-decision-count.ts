"use client";

// The "needs my decision" count, kept fresh (docs/architecture.md "Decisions on a phone"): the layout renders it,
// and whenever a live update says a request changed (or that some were missed) it is read again from
// GET /api/decisions, a moment later so a burst of changes costs one read. A fresh render of the layout wins.
import { useEffect, useState } from "react";
import { subscribeLive } from "@/components/live/live-connection";
import { useLiveScope } from "@/components/live/live-scope";

export const DECISIONS_URL = "/api/decisions";
const READ_DELAY_MS = 300;

export function useDecisionCount(initial: number | undefined): number | undefined {
  const [state, setState] = useState({ initial, count: initial });
  if (state.initial !== initial) setState({ initial, count: initial });
  const tracked = initial !== undefined;
  const scope = useLiveScope();

  useEffect(() => {
    if (!tracked) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const read = async () => {
      timer = undefined;
      try {
        const response = await fetch(DECISIONS_URL, { cache: "no-store" });
        if (!response.ok) return;
        const { count } = (await response.json()) as { count: number };
        if (!cancelled) setState((current) => ({ ...current, count }));
      } catch {
        // Offline or signed out: the count shown stays until the next update.
      }
    };
    const unsubscribe = subscribeLive(
      {
        onEvent: (event) => {
          if (event === null || event.type === "order.changed") timer ??= setTimeout(read, READ_DELAY_MS);
        },
        onStatus: () => {},
      },
      scope,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [tracked, scope]);

  return state.count;
}
