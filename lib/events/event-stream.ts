// One browser's Server-Sent Events stream: subscribes to this process's listener, forwards the events its audience
// may receive (event-filter.ts) as `event: <type>` / `data: <json>`, and keeps the connection alive with a comment
// every ~25 s (proxies close idle connections). It ends — and the browser reconnects, its session checked again —
// when the subscriber's own membership changes, when a re-check of its session every few seconds fails (company
// suspended, member deactivated, password changed or signed out everywhere: none of these announce themselves to
// the stream), after a while in any case, when its reader falls far behind, and when the process shuts down.
// Everything it holds is released when the browser goes away (abort) or the response is cancelled.
import "server-only";
import { endsStream, mayReceive, type EventAudience } from "./event-filter";
import type { EventSubscriber } from "./event-listener";
import { RESYNC_EVENT } from "./types";

export interface EventStreamOptions {
  audience: EventAudience;
  listener: { subscribe(subscriber: EventSubscriber): () => void };
  /** The request's signal: aborted when the browser disconnects. */
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** The stream ends after this long, so a revoked session stops receiving within a bounded time. */
  maxAgeMs?: number;
  /** Whether the session that opened the stream may still receive it (checked in the database); false ends it. */
  stillEntitled?: () => Promise<boolean>;
  /** How often `stillEntitled` is asked. */
  recheckMs?: number;
  /** How long the browser waits before reconnecting (the SSE `retry:` field). */
  retryMs?: number;
}

export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: no compression layer may buffer the stream; X-Accel-Buffering: nor may a proxy in front.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/** Chunks waiting for a reader that stopped reading: past this the stream ends rather than growing without bound. */
const MAX_QUEUED_CHUNKS = 256;

export function openEventStream(options: EventStreamOptions): ReadableStream<Uint8Array> {
  const { audience, listener, signal } = options;
  const encoder = new TextEncoder();
  let open = true;
  let release = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (!open) return;
        open = false;
        release();
        controller.close();
      };
      const send = (text: string) => {
        if (!open) return;
        if (controller.desiredSize !== null && controller.desiredSize < -MAX_QUEUED_CHUNKS) return finish();
        controller.enqueue(encoder.encode(text));
      };
      const unsubscribe = listener.subscribe({
        onEvent(event) {
          if (!mayReceive(audience, event)) return;
          send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          if (endsStream(audience, event)) finish();
        },
        onResync() {
          send(`event: ${RESYNC_EVENT}\ndata: {}\n\n`);
        },
        onClose: finish,
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), options.heartbeatMs ?? 25_000);
      const maxAge = setTimeout(finish, options.maxAgeMs ?? 10 * 60_000);
      const { stillEntitled } = options;
      let rechecking = false;
      const recheck = stillEntitled
        ? setInterval(() => {
            if (rechecking) return;
            rechecking = true;
            // A failed check (the database is unreachable) ends the stream too: the reconnect checks again.
            stillEntitled()
              .catch(() => false)
              .then((entitled) => {
                rechecking = false;
                if (!entitled) finish();
              });
          }, options.recheckMs ?? 5_000)
        : undefined;
      signal?.addEventListener("abort", finish);
      release = () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        clearInterval(recheck);
        signal?.removeEventListener("abort", finish);
      };
      send(`retry: ${options.retryMs ?? 3_000}\n: connected\n\n`);
      if (signal?.aborted) finish();
    },
    cancel() {
      if (!open) return;
      open = false;
      release();
    },
  });
}
