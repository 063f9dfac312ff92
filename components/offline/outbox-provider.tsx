"use client";

// The signed-in person's offline queue on this device (docs/architecture.md "Offline request queue and the first API
// endpoint"): every signed-in page records who is signed in (the device session the service worker reads), loads the
// person's queued requests, and sends them — at once, on the `online` event, and every half minute while some wait
// (the server was busy). Background Sync sends them too where the browser has it. Changes made anywhere on the device
// (another tab, the service worker) arrive on the outbox BroadcastChannel. The ids come from the server component as
// props; the server checks the session again on every send.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { outboxOf, outboxStorage, writeDeviceSession } from "@/lib/offline/device-db";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { announceOutboxChange, OUTBOX_CHANNEL, replayOutbox } from "@/lib/offline/replay";

const RETRY_MS = 30_000;

interface OutboxValue {
  userId: string;
  companyId: string;
  /** This person's queued requests, oldest first. */
  entries: OutboxEntry[];
  send: () => Promise<void>;
  discard: (clientRequestId: string) => Promise<void>;
}

const OutboxContext = createContext<OutboxValue | null>(null);

export function useOutbox(): OutboxValue | null {
  return useContext(OutboxContext);
}

export function OutboxProvider({
  userId,
  companyId,
  children,
}: {
  userId: string;
  companyId: string;
  children: React.ReactNode;
}) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [notice, setNotice] = useState("");
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      setEntries(await outboxOf(userId));
    } catch {
      // No IndexedDB on this device (a private window may refuse it): nothing is queued here.
    }
  }, [userId]);

  const send = useCallback(async () => {
    if (navigator.onLine === false) return;
    try {
      const result = await replayOutbox();
      if (result.sent.length > 0) {
        clearTimeout(noticeTimer.current);
        setNotice(
          `Sent from this device: ${result.sent.map((s) => s.number).join(", ")}.` +
            (result.refused.length > 0 ? ` ${result.refused.length} refused: see “Waiting to send”.` : ""),
        );
        noticeTimer.current = setTimeout(() => setNotice(""), 8000);
      }
    } catch {
      // Stays queued for the next try.
    }
  }, []);

  const discard = useCallback(async (clientRequestId: string) => {
    await outboxStorage.remove(clientRequestId);
    announceOutboxChange();
  }, []);

  useEffect(() => {
    let stopped = false;
    writeDeviceSession({ userId, companyId })
      .then(async () => {
        if (stopped) return;
        await reload();
        await send();
      })
      .catch(() => undefined);
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(OUTBOX_CHANNEL);
    if (channel) channel.onmessage = () => void reload();
    const online = () => void send();
    window.addEventListener("online", online);
    return () => {
      stopped = true;
      channel?.close();
      window.removeEventListener("online", online);
      clearTimeout(noticeTimer.current);
    };
  }, [userId, companyId, reload, send]);

  const waiting = entries.some((entry) => entry.state !== "refused");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void send(), RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting, send]);

  const value = useMemo(
    () => ({ userId, companyId, entries, send, discard }),
    [userId, companyId, entries, send, discard],
  );
  return (
    <OutboxContext.Provider value={value}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
      >
        {notice && (
          <p className="pointer-events-auto rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg">{notice}</p>
        )}
      </div>
    </OutboxContext.Provider>
  );
}
