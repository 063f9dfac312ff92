// Whether PostgreSQL answers, as the Node server in front of Next.js sees it (scripts/serve.ts): while it does not,
// that server answers 503 itself ("back in a moment", lib/http/problem.ts) instead of letting every page and action
// fail inside Next with an error page. One plain pg connection of its own, as the app role:
// - up: a `SELECT 1` every `pingMs`; the connection reporting an error or ending (PostgreSQL shutting down
//   terminates its sessions at once) marks the database down immediately;
// - down: a new connection is tried every `retryMs`; the first that answers marks it up again, so the app recovers
//   by itself within about `retryMs` of the database's return (the Prisma pools drop their dead connections and
//   open new ones on demand).
// Not server-only: plain Node. Timeouts and "busy" answers inside the app are lib/errors.ts's, not this module's.
import pg from "pg";

export interface AvailabilityOptions {
  connectionString: string;
  /** How often a live connection is checked. */
  pingMs?: number;
  /** How often a new connection is tried while the database is down. */
  retryMs?: number;
  /** How long one check may take before it counts as down. */
  timeoutMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export class DatabaseAvailability {
  private client: pg.Client | null = null;
  private up = true;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly options: AvailabilityOptions) {}

  /** False from the moment a check fails until one succeeds. Optimistic before the first check. */
  get available(): boolean {
    return this.up;
  }

  /** Connects and starts checking; resolves after the first check. */
  async start(): Promise<void> {
    await this.check();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => void this.check(),
      this.up ? (this.options.pingMs ?? 2_000) : (this.options.retryMs ?? 1_000),
    );
    this.timer.unref();
  }

  private async check(): Promise<void> {
    if (this.closed || this.checking) return;
    this.checking = true;
    try {
      const client = this.client ?? (await this.connect());
      await client.query("SELECT 1");
      this.mark(true);
    } catch (error) {
      this.drop();
      this.mark(false, error);
    } finally {
      this.checking = false;
      this.schedule();
    }
  }

  private async connect(): Promise<pg.Client> {
    const timeoutMs = this.options.timeoutMs ?? 2_000;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: "stockflow-availability",
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
    });
    // Registered before connecting and never removed: an unhandled pg error would crash the process.
    const lost = (error: unknown) => {
      if (this.client !== client) return;
      this.drop();
      this.mark(false, error);
      this.schedule();
    };
    client.on("error", lost);
    client.on("end", () => lost(new Error("connection ended")));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => {});
  }

  private mark(up: boolean, error?: unknown): void {
    if (this.closed || up === this.up) return;
    this.up = up;
    if (up) this.options.log?.info({}, "database reachable again");
    else {
      this.options.log?.warn(
        { err: error instanceof Error ? { message: error.message } : undefined },
        "database unreachable: answering 503 until it is back",
      );
    }
  }
}
