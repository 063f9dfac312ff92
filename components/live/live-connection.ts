// The browser's one connection to the live-update stream (/api/events), shared by every component of the tab that
// wants it: one EventSource however many subscribe, opened on first use and closed a moment after the last one
// leaves (so moving between two live pages keeps it open).
//
// EventSource reconnects by itself after a dropped connection (the server's `retry:` hint). When the server refuses
// it instead (signed out: 401, or a redirect to the sign-in page) the browser gives up for good (readyState CLOSED):
// then we try again ourselves, with exponential backoff and jitter. Events committed while disconnected are lost,
// so the first open after a drop tells every subscriber to resync, as does the server's `resync` event.
import { reconnectDelay } from "@/lib/events/reconnect-delay";
import { EVENT_TYPES, RESYNC_EVENT, type CompanyEvent } from "@/lib/events/types";

export const EVENTS_URL = "/api/events";

export type LiveStatus = "connecting" | "open" | "reconnecting";

export interface LiveSubscriber {
  /** An event from the stream, or null for "you may have missed some: refresh". */
  onEvent(event: CompanyEvent | null): void;
  onStatus(status: LiveStatus): void;
}

const BACKOFF = { minMs: 1_000, maxMs: 60_000 };
const CLOSE_AFTER_LAST_MS = 3_000;

const subscribers = new Set<LiveSubscriber>();
let source: EventSource | null = null;
let status: LiveStatus = "connecting";
let failures = 0;
let missedSome = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

function setStatus(next: LiveStatus) {
  status = next;
  for (const subscriber of subscribers) subscriber.onStatus(next);
}

function emit(event: CompanyEvent | null) {
  for (const subscriber of subscribers) subscriber.onEvent(event);
}

function connect() {
  retryTimer = undefined;
  const es = new EventSource(EVENTS_URL);
  source = es;
  es.onopen = () => {
    failures = 0;
    setStatus("open");
    if (missedSome) {
      missedSome = false;
      emit(null);
    }
  };
  es.onerror = () => {
    missedSome = true;
    if (es.readyState === EventSource.CLOSED) {
      es.close();
      source = null;
      retryTimer = setTimeout(connect, reconnectDelay(failures++, BACKOFF));
    }
    setStatus("reconnecting");
  };
  const onMessage = (message: MessageEvent<string>) => {
    try {
      emit(JSON.parse(message.data) as CompanyEvent);
    } catch {
      emit(null);
    }
  };
  for (const type of EVENT_TYPES) es.addEventListener(type, onMessage);
  es.addEventListener(RESYNC_EVENT, () => emit(null));
}

function disconnect() {
  closeTimer = undefined;
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = null;
  failures = 0;
  missedSome = false;
  status = "connecting";
}

/** Starts receiving; the returned function stops. */
export function subscribeLive(subscriber: LiveSubscriber): () => void {
  subscribers.add(subscriber);
  clearTimeout(closeTimer);
  closeTimer = undefined;
  if (!source && !retryTimer) connect();
  subscriber.onStatus(status);
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0 && !closeTimer) closeTimer = setTimeout(disconnect, CLOSE_AFTER_LAST_MS);
  };
}
