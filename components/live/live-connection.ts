// The browser's one connection to the live-update stream (/api/events), shared by every component that wants it
// and, where the browser can, by every tab of the same person in the same company (docs/architecture.md §8, "One
// connection per browser"): HTTP/1.1 allows six connections per host, so ten open tabs must not hold ten streams.
//
// Shared: each tab joins a BroadcastChannel named after its scope (lib/events/live-scope.ts) and asks
// navigator.locks for the lock of that name; the tab holding it (the leader) opens the EventSource and relays
// every event and status change over the channel; the others (followers) only listen. When the leader closes (or
// no longer needs the stream) its lock is released and a waiting tab takes it and opens the stream; having
// followed until then, it tells everyone to resync, since events may have been lost in between. A tab of another
// person or company has another scope, so it hears nothing; a tab that switches company changes scope, leaves the
// old channel and resyncs. Without locks or BroadcastChannel (or without a scope) a tab opens its own stream.
//
// The stream: EventSource reconnects by itself after a dropped connection (the server's `retry:` hint). When the
// server refuses it instead (signed out: 401, or a redirect to the sign-in page) the browser gives up for good
// (readyState CLOSED): then we try again ourselves, with exponential backoff and jitter. Events committed while
// disconnected are lost, so the first open after a drop tells every subscriber to resync, as does the server's
// `resync` event. In a tab the connection opens on first use and closes a moment after the last subscriber
// leaves (so moving between two live pages keeps it).
import { reconnectDelay } from "@/lib/events/reconnect-delay";
import { EVENT_TYPES, RESYNC_EVENT, type CompanyEvent } from "@/lib/events/types";

export const EVENTS_URL = "/api/events";
/** The channel's and the lock's name, before the scope. */
export const SHARED_NAME = "stockflow-live";

export type LiveStatus = "connecting" | "open" | "reconnecting";

export interface LiveSubscriber {
  /** An event from the stream, or null for "you may have missed some: refresh". */
  onEvent(event: CompanyEvent | null): void;
  onStatus(status: LiveStatus): void;
}

/** What the leader tab relays to the others, and how a new follower asks for the status. */
type Relay = { kind: "event"; event: CompanyEvent | null } | { kind: "status"; status: LiveStatus } | { kind: "hello" };

interface StreamHandlers {
  onEvent(event: CompanyEvent | null): void;
  onStatus(status: LiveStatus): void;
}

const BACKOFF = { minMs: 1_000, maxMs: 60_000 };
const CLOSE_AFTER_LAST_MS = 3_000;

const subscribers = new Set<LiveSubscriber>();
let status: LiveStatus = "connecting";
/** The tab's connection (its own stream, or its place in the shared one) and the scope it was opened for. */
let current: { scope: string | undefined; stop: () => void } | null = null;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

function setStatus(next: LiveStatus) {
  status = next;
  for (const subscriber of subscribers) subscriber.onStatus(next);
}

function emit(event: CompanyEvent | null) {
  for (const subscriber of subscribers) subscriber.onEvent(event);
}

/**
 * Opens the stream, reconnecting as described above, until the returned function is called. `missedSome`: the
 * first open already resyncs (a tab taking over from a leader that closed).
 */
function openStream(handlers: StreamHandlers, missedSome = false): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let missed = missedSome;

  const connect = () => {
    retryTimer = undefined;
    const es = new EventSource(EVENTS_URL);
    source = es;
    es.onopen = () => {
      failures = 0;
      handlers.onStatus("open");
      if (missed) {
        missed = false;
        handlers.onEvent(null);
      }
    };
    es.onerror = () => {
      missed = true;
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        source = null;
        retryTimer = setTimeout(connect, reconnectDelay(failures++, BACKOFF));
      }
      handlers.onStatus("reconnecting");
    };
    const onMessage = (message: MessageEvent<string>) => {
      try {
        handlers.onEvent(JSON.parse(message.data) as CompanyEvent);
      } catch {
        handlers.onEvent(null);
      }
    };
    for (const type of EVENT_TYPES) es.addEventListener(type, onMessage);
    es.addEventListener(RESYNC_EVENT, () => handlers.onEvent(null));
  };

  connect();
  return () => {
    clearTimeout(retryTimer);
    source?.close();
    source = null;
  };
}

function canShare(): boolean {
  return typeof BroadcastChannel === "function" && typeof navigator !== "undefined" && "locks" in navigator;
}

/** This tab's place in the stream shared by the tabs of `scope`: leader when it holds the lock, else follower. */
function joinShared(scope: string): () => void {
  const name = `${SHARED_NAME}:${scope}`;
  const channel = new BroadcastChannel(name);
  const abort = new AbortController();
  let leading = false;
  let heardLeader = false;
  let stopStream: (() => void) | undefined;
  let resign: (() => void) | undefined;
  let closed = false;
  // A stream event can still arrive as the tab leaves: a closed channel would throw.
  const post = (message: Relay) => {
    if (!closed) channel.postMessage(message);
  };

  channel.onmessage = ({ data }: MessageEvent<Relay>) => {
    if (leading) {
      if (data.kind === "hello") post({ kind: "status", status });
      return;
    }
    heardLeader = true;
    if (data.kind === "event") emit(data.event);
    else if (data.kind === "status") setStatus(data.status);
  };
  post({ kind: "hello" });

  navigator.locks
    .request(name, { signal: abort.signal }, () => {
      // Granted just as this tab left (the abort came too late to cancel the wait): give the lock straight back.
      if (abort.signal.aborted) return;
      leading = true;
      stopStream = openStream(
        {
          onEvent: (event) => {
            emit(event);
            post({ kind: "event", event });
          },
          onStatus: (next) => {
            setStatus(next);
            post({ kind: "status", status: next });
          },
        },
        heardLeader,
      );
      // Held until this tab no longer needs the stream (or closes: the browser then releases it).
      return new Promise<void>((resolve) => (resign = resolve));
    })
    .catch(() => {
      // Aborted while waiting: this tab left before it was its turn to lead.
    });

  return () => {
    abort.abort();
    stopStream?.();
    resign?.();
    closed = true;
    channel.close();
  };
}

function connect(scope: string | undefined) {
  status = "connecting";
  current = {
    scope,
    stop: scope !== undefined && canShare() ? joinShared(scope) : openStream({ onEvent: emit, onStatus: setStatus }),
  };
}

function disconnect() {
  closeTimer = undefined;
  current?.stop();
  current = null;
  status = "connecting";
}

/**
 * Starts receiving the live updates of `scope` (the signed-in person and company: ./live-scope.tsx; undefined for
 * a connection of this tab's own); the returned function stops.
 */
export function subscribeLive(subscriber: LiveSubscriber, scope?: string): () => void {
  clearTimeout(closeTimer);
  closeTimer = undefined;
  if (current && current.scope !== scope) {
    // Another company (or person) in this tab: leave the old stream, and what is on screen may be stale.
    disconnect();
    connect(scope);
    emit(null);
  }
  subscribers.add(subscriber);
  if (!current) connect(scope);
  subscriber.onStatus(status);
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0 && !closeTimer) closeTimer = setTimeout(disconnect, CLOSE_AFTER_LAST_MS);
  };
}
