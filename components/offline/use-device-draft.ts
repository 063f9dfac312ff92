"use client";

// Drafts on the device, the form half (docs/architecture.md, "Drafts on the device"): what a person typed into a
// form is kept on the device (device-draft-storage.ts), so a refused submit, a reload, an error screen or a dropped
// connection never loses it; it is offered back when the form is shown again and removed once the server accepts it.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DRAFT_SAVE_DELAY_MS, readDraft, removeDraft, writeDraft, type DraftValues } from "./device-draft-storage";

export interface DeviceDraft {
  /** Render the form under this key: it changes when a draft is restored or discarded, or the network failed. */
  generation: number;
  /** What the form starts from when not null: the restored draft, or what was on screen when the network failed. */
  start: DraftValues | null;
  /** "restored": the draft came from the device; "offline": a submit did not reach the server. */
  notice: "restored" | "offline" | null;
  /** Whether a draft is in play (restored, or kept for a submit that failed), so "Discard draft" makes sense. */
  discardable: boolean;
  /** The form's values now; `keep` false when nothing in them is worth keeping (the draft is then removed). */
  track: (values: DraftValues, keep: boolean) => void;
  /** The server accepted the submit: the draft is done with. */
  accepted: () => void;
  /** The person threw the draft away: the form starts again from the page's own values. */
  discard: () => void;
  /** A submit did not reach the server: the form comes back with what it held, and says so. */
  networkFailed: () => void;
}

/**
 * One form's draft on the device (`key` null: none). The form reports its values with `track` (written after a
 * pause in typing, on leaving the page and on unmount); on mount a kept draft is offered back through `start`
 * and `generation`. Read after mount, never while rendering: the server has no storage, and the first render
 * must match its HTML.
 */
export function useDeviceDraft(key: string | null): DeviceDraft {
  const [view, setView] = useState<Pick<DeviceDraft, "generation" | "start" | "notice" | "discardable">>({
    generation: 0,
    start: null,
    notice: null,
    discardable: false,
  });
  const latest = useRef<DraftValues | null>(null);
  const pending = useRef<DraftValues | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Whether the device may hold this form's draft: a blank form removes it only then (not before it was read).
  const stored = useRef(false);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (!key || !pending.current) return;
    stored.current = writeDraft(key, pending.current);
    pending.current = null;
  }, [key]);

  useEffect(() => {
    if (!key) return;
    const kept = readDraft(key);
    if (kept) {
      stored.current = true;
      latest.current = kept;
      // Read once, after hydration (the server has no storage): the form is rendered again from the draft.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setView((v) => ({ generation: v.generation + 1, start: kept, notice: "restored", discardable: true }));
    }
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [key, flush]);

  const track = useCallback(
    (values: DraftValues, keep: boolean) => {
      latest.current = values;
      if (!key) return;
      clearTimeout(timer.current);
      if (!keep) {
        pending.current = null;
        if (stored.current) removeDraft(key);
        stored.current = false;
        return;
      }
      pending.current = values;
      timer.current = setTimeout(flush, DRAFT_SAVE_DELAY_MS);
    },
    [key, flush],
  );

  const forget = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    latest.current = null;
    stored.current = false;
    if (key) removeDraft(key);
  }, [key]);

  const accepted = useCallback(() => {
    forget();
    setView((v) => (v.notice || v.discardable ? { ...v, notice: null, discardable: false } : v));
  }, [forget]);

  const discard = useCallback(() => {
    forget();
    setView((v) => ({ generation: v.generation + 1, start: null, notice: null, discardable: false }));
  }, [forget]);

  const networkFailed = useCallback(() => {
    flush();
    const values = latest.current;
    setView((v) => ({ generation: v.generation + 1, start: values, notice: "offline", discardable: values !== null }));
  }, [flush]);

  return useMemo(
    () => ({ ...view, track, accepted, discard, networkFailed }),
    [view, track, accepted, discard, networkFailed],
  );
}
