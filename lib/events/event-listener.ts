// The one LISTEN connection of this app process (docs/architecture.md §8 "Live updates"). Every open event stream subscribes
// here; the events PostgreSQL delivers on commit are parsed once and handed to every subscriber in memory, which
// filters them for its own audience (event-filter.ts). Several app instances each hold their own connection to the
// same database, so a change made through one reaches the pages served by all of them.
//
// The connection is a plain pg Client of its own, not one borrowed from the Prisma pool: a LISTEN lives as long as
// its session, and a pooled connection would be handed to other queries. It connects as the app role (LISTEN needs
// no privilege) through DATABASE_LISTEN_URL: straight to PostgreSQL when DATABASE_URL goes through a pooler in
// transaction mode, which would hand the session to other clients between transactions (docs/architecture.md §9). When it fails (the server restarts, an administrator terminates it, the network drops) it
// reconnects with exponential backoff and jitter, and subscribers are told to resync: whatever was committed while it
// was away was never delivered.
import "server-only";
import pg from "pg";
import { env } from "../env";
import { logger } from "../logger";
import { onShutdown } from "../shutdown";
import { parseCompanyEvent } from "./parse-event";
import { reconnectDelay, type BackoffOptions } from "./reconnect-delay";
import { EVENT_CHANNEL, type CompanyEvent } from "./types";

export interface EventSubscriber {
  /** A committed event of any company: the subscriber filters. Called synchronously; must not throw. */
  onEvent(event: CompanyEvent): void;
  /** The connection was lost and is back: events in between were missed. */
  onResync?(): void;
  /** The listener is closing (the process is shutting down): nothing more will come. */
  onClose?(): void;
}

export interface EventListenerOptions {
  connectionString: string;
  /** Shown in pg_stat_activity, so an operator can tell the LISTEN connection from the pool's. */
  applicationName?: string;
  backoff?: BackoffOptions;
  /** A query on the idle connection this often notices a half-open TCP connection that never reports an error. */
  pingMs?: number;
  log?: Pick<typeof logger, "info" | "warn">;
}

const DEFAULT_BACKOFF: BackoffOptions = { minMs: 500, maxMs: 30_000 };
const DEFAULT_PING_MS = 30_000;
const QUERY_TIMEOUT_MS = 10_000;

export class EventListener {
  private readonly subscribers = new Set<EventSubscriber>();
  private client: pg.Client | null = null;
  private listening = false;
  private connectedBefore = false;
  private started = false;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: EventListenerOptions) {}

  /** Starts listening on first use; the returned function unsubscribes. */
  subscribe(subscriber: EventSubscriber): () => void {
    if (this.closed) {
      // Shutting down: nothing will come, so the stream ends (after its subscribe call has returned).
      queueMicrotask(() => this.safely(() => subscriber.onClose?.()));
      return () => {};
    }
    this.subscribers.add(subscriber);
    this.start();
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** True while the LISTEN is in place. */
  get isListening(): boolean {
    return this.listening;
  }

  /** Resolves once the LISTEN is in place (now, or after the next successful reconnect). */
  ready(): Promise<void> {
    if (this.listening) return Promise.resolve();
    this.start();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const subscriber of subscribers) this.safely(() => subscriber.onClose?.());
    const client = this.client;
    this.client = null;
    this.listening = false;
    if (client) await client.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? "stockflow-events",
      keepAlive: true,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    this.client = client;
    // Registered first and never removed: a pg Client without an error listener would crash the process.
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    client.on("notification", (message) => {
      if (message.channel === EVENT_CHANNEL && this.client === client) this.dispatch(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENT_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.listening = true;
    this.failures = 0;
    const resumed = this.connectedBefore;
    this.connectedBefore = true;
    this.pingTimer = setInterval(() => {
      client.query("SELECT 1").catch((error: unknown) => this.lost(client, error));
    }, this.options.pingMs ?? DEFAULT_PING_MS);
    this.pingTimer.unref();
    if (resumed) this.log.info("live-update listener reconnected");
    for (const resolve of this.waiters.splice(0)) resolve();
    if (resumed) {
      for (const subscriber of this.subscribers) this.safely(() => subscriber.onResync?.());
    }
  }

  /** Drops a failed connection (once, however many ways it reports failing) and schedules the next attempt. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    clearInterval(this.pingTimer);
    void client.end().catch(() => {});
    if (this.closed) return;
    const delayMs = reconnectDelay(this.failures++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.log.warn(
      { err: error instanceof Error ? { message: error.message } : undefined, delayMs, failures: this.failures },
      "live-update listener lost its database connection; reconnecting",
    );
    this.retryTimer = setTimeout(() => void this.connect(), delayMs);
    this.retryTimer.unref();
  }

  private dispatch(payload: string | undefined): void {
    const event = parseCompanyEvent(payload);
    if (!event) {
      this.log.warn({ channel: EVENT_CHANNEL }, "ignored a live-update notification that is not a known event");
      return;
    }
    for (const subscriber of this.subscribers) this.safely(() => subscriber.onEvent(event));
  }

  private safely(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log.warn(
        { err: error instanceof Error ? { message: error.message } : undefined },
        "live-update subscriber failed",
      );
    }
  }

  private get log() {
    return this.options.log ?? logger;
  }
}

const registry = globalThis as unknown as { __stockflowEventListener?: EventListener };

/**
 * This process's listener (kept on globalThis: route bundles and dev reloads share it), as the app role on
 * DATABASE_LISTEN_URL (DATABASE_URL unless set).
 */
export function sharedEventListener(): EventListener {
  if (!registry.__stockflowEventListener) {
    const listener = new EventListener({ connectionString: env().DATABASE_LISTEN_URL });
    registry.__stockflowEventListener = listener;
    // A server shutting down waits for its open responses, and an event stream never ends by itself: end them all
    // first (browsers reconnect, to another instance or to this one restarted), and the LISTEN connection with them.
    onShutdown("event-listener", "streams", () => listener.close());
  }
  return registry.__stockflowEventListener;
}
