// `npm run cluster:check` (scripts/cluster.ts): a small run of the production layout under load, then what must
// hold in it (README "Production layout"). Clients speak HTTP to HAProxy — sign-in through next-auth's credentials
// callback, the product search, POST /api/requests — for two companies at once; approvals and fulfilments are
// lib calls from this process (approveOrderRequest, fulfilOrderRequest) through PgBouncer like the instances' own
// queries: a direct path to the database, not an HTTP one (server-action ids change with every build). One
// instance is killed with SIGKILL while the load runs. Checked afterwards:
//   (a) no answer carries another company's data, on every instance; the transaction-local tenant setting is right
//       through the pooler and never outlives its transaction;
//   (b) a change made through one instance reaches an open /api/events stream on every instance (and one through
//       HAProxy), the LISTEN connections going straight to PostgreSQL;
//   (c) failed sign-ins spread over the instances lock the account after ACCOUNT_FAILURE_LIMIT;
//   (d) each outbox email reaches the SMTP sink exactly once (counted by Message-ID, the outbox row's id);
//   (e) every write a client was told succeeded is in the database after the kill, the ledger invariants hold, and
//       HAProxy sends nothing to the dead instance;
//   (f) the roles' time limits apply through PgBouncer;
//   (g) every instance runs with the heap limit (scripts/lib/server-node.ts), and the survivors' RSS stays within
//       512 MB after the load.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { ACCOUNT_FAILURE_LIMIT } from "../../lib/auth/password-attempts";
import type { Role } from "../../lib/auth/permissions";
import type { TenantContext } from "../../lib/context";
import { withTenantTx } from "../../lib/db/tenant";
import { ROLE_TIMEOUTS } from "../../lib/db/role-timeouts";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { DEMO_COMPANIES, demoEmail } from "../../prisma/seed";
import type { Cluster } from "./cluster-layout";
import { residentMb } from "./server-node";

export interface CheckOptions {
  /** How long the mixed load runs; the kill comes at 40 % of it. */
  loadSeconds: number;
  say: (line: string) => void;
}

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

interface Answer {
  status: number;
  instance: string | null;
  text: string;
}

/** A cookie jar over fetch: what a browser keeps between requests, without the browser. */
class HttpClient {
  private readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  /** The Cookie header this client sends (every instance shares the secret that signs them). */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(path: string, init: RequestInit = {}, base = this.base): Promise<Answer> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers,
      redirect: "manual",
      signal: init.signal ?? AbortSignal.timeout(20_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return {
      status: response.status,
      instance: response.headers.get("x-stockflow-instance"),
      text: await response.text(),
    };
  }

  /** next-auth's credentials callback, as the sign-in form sends it: null when signed in, else the error shown. */
  async signIn(email: string, password: string, base = this.base): Promise<string | null> {
    const { csrfToken } = JSON.parse((await this.request("/api/auth/csrf", {}, base)).text) as { csrfToken: string };
    const answer = await this.request(
      "/api/auth/callback/credentials",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
      },
      base,
    );
    // A refusal is a 401 with the same JSON, naming the error in the URL.
    if (answer.status !== 200 && answer.status !== 401) return `HTTP ${answer.status}`;
    const { url } = JSON.parse(answer.text) as { url: string };
    return new URL(url, base).searchParams.get("error");
  }
}

interface CompanyFacts {
  name: string;
  id: string;
  locationId: string;
  productIds: Set<string>;
  staff: string[];
  manager: TenantContext;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function companyFacts(cluster: Cluster): Promise<CompanyFacts[]> {
  const facts: CompanyFacts[] = [];
  for (const company of DEMO_COMPANIES) {
    const [row] = await query<{ id: string; location_id: string }>(
      cluster.superuserUrl,
      `SELECT c.id, l.id AS location_id FROM companies c JOIN locations l ON l.company_id = c.id AND l.is_default
        WHERE c.name = $1`,
      [company.name],
    );
    const products = await query<{ id: string }>(
      cluster.superuserUrl,
      "SELECT id FROM products WHERE company_id = $1",
      [row!.id],
    );
    const managerEmail = demoEmail(company, "manager");
    const [manager] = await query<{ id: string; role: Role }>(
      cluster.superuserUrl,
      "SELECT u.id, m.role FROM users u JOIN memberships m ON m.user_id = u.id AND m.company_id = $1 WHERE u.email = $2",
      [row!.id, managerEmail],
    );
    facts.push({
      name: company.name,
      id: row!.id,
      locationId: row!.location_id,
      productIds: new Set(products.map((product) => product.id)),
      staff: [demoEmail(company, "staff"), demoEmail(company, "staff2")],
      manager: { companyId: row!.id, userId: manager!.id, email: managerEmail, role: manager!.role },
    });
  }
  return facts;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** (b): streams on every instance and through the balancer; one change through app1 must reach them all. */
async function checkLiveUpdates(cluster: Cluster, company: CompanyFacts): Promise<Outcome> {
  const manager = new HttpClient(cluster.base);
  const refused = await manager.signIn(company.manager.email, cluster.password);
  if (refused) return { name: "(b) live updates", ok: false, detail: `manager sign-in refused: ${refused}` };
  const targets = [
    ...cluster.instances.map((instance) => ({ name: instance.name, base: instance.base })),
    { name: "haproxy", base: cluster.base },
  ];
  const abort = new AbortController();
  const received = new Map<string, string>(targets.map((target) => [target.name, ""]));
  const streams = targets.map(async (target) => {
    const response = await fetch(`${target.base}/api/events`, {
      headers: { cookie: manager.cookieHeader },
      signal: abort.signal,
    });
    if (response.status !== 200 || !response.body)
      throw new Error(`${target.name}: /api/events answered ${response.status}`);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      received.set(target.name, received.get(target.name)! + decoder.decode(chunk.value));
    }
  });
  const failures: string[] = [];
  streams.forEach((stream) =>
    stream.catch((error: unknown) => {
      if (!abort.signal.aborted) failures.push(String(error));
    }),
  );
  try {
    // Each instance's LISTEN connection starts with its first stream: wait until all are in place, direct.
    const deadline = Date.now() + 15_000;
    let listening = 0;
    while (Date.now() < deadline) {
      const [row] = await query<{ n: number }>(
        cluster.superuserUrl,
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'stockflow-events' AND query ILIKE 'LISTEN%'`,
      );
      listening = row!.n;
      if (listening >= cluster.instances.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (listening < cluster.instances.length) {
      return {
        name: "(b) live updates",
        ok: false,
        detail: `${listening} LISTEN connections, not ${cluster.instances.length}`,
      };
    }
    const staff = new HttpClient(cluster.instances[0]!.base);
    const staffRefused = await staff.signIn(company.staff[0]!, cluster.password);
    if (staffRefused) return { name: "(b) live updates", ok: false, detail: `staff sign-in refused: ${staffRefused}` };
    const created = await createRequest(staff, company, cluster.instances[0]!.base);
    if (!created.id)
      return { name: "(b) live updates", ok: false, detail: `the change was refused: HTTP ${created.status}` };
    const started = Date.now();
    const reached = () => targets.filter((target) => received.get(target.name)!.includes(created.id!));
    while (reached().length < targets.length && Date.now() - started < 10_000 && failures.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const late = targets.filter((target) => !reached().includes(target)).map((target) => target.name);
    return {
      name: "(b) live updates",
      ok: late.length === 0 && failures.length === 0,
      detail:
        late.length === 0
          ? `request ${created.id.slice(0, 8)} made through app1 reached ${targets.map((t) => t.name).join(", ")} in ${Date.now() - started} ms; ${listening} direct LISTEN connections`
          : `not reached: ${late.join(", ")} ${failures.join("; ")}`,
    };
  } finally {
    abort.abort();
  }
}

interface Created {
  clientRequestId: string;
  status: number;
  id?: string;
  instance: string | null;
}

async function createRequest(client: HttpClient, company: CompanyFacts, base?: string): Promise<Created> {
  const clientRequestId = randomUUID();
  const products = [...company.productIds];
  const first = pick(products);
  const second = pick(products.filter((id) => id !== first));
  const lines = [{ productId: first, quantity: 1 + Math.floor(Math.random() * 3) }];
  if (Math.random() < 0.5) lines.push({ productId: second, quantity: 1 });
  try {
    const answer = await client.request(
      "/api/requests",
      {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": clientRequestId },
        body: JSON.stringify({
          company: company.id,
          type: Math.random() < 0.5 ? "RESTOCK" : "CUSTOMER_ORDER",
          locationId: company.locationId,
          lines,
        }),
      },
      base,
    );
    const id =
      answer.status === 200 || answer.status === 201 ? (JSON.parse(answer.text) as { id: string }).id : undefined;
    return { clientRequestId, status: answer.status, id, instance: answer.instance };
  } catch {
    return { clientRequestId, status: 0, instance: null };
  }
}

/**
 * (c): ACCOUNT_FAILURE_LIMIT wrong passwords from clients without a device cookie, over the instances in turn (each
 * straight to its port, so the spread is certain), then the right one on the next: refused, the account is locked.
 */
async function checkLockout(cluster: Cluster, email: string): Promise<Outcome> {
  const answers: string[] = [];
  for (let attempt = 0; attempt < ACCOUNT_FAILURE_LIMIT; attempt++) {
    const instance = cluster.instances[attempt % cluster.instances.length]!;
    const error = await new HttpClient(instance.base).signIn(email, "not-the-password");
    answers.push(`${instance.name}: ${error ?? "signed in"}`);
  }
  const last = cluster.instances[ACCOUNT_FAILURE_LIMIT % cluster.instances.length]!;
  const rightPassword = await new HttpClient(last.base).signIn(email, cluster.password);
  const locked = rightPassword !== null && /Too many attempts/.test(rightPassword);
  // The attempts before the limit are plain failures; the one that reaches it starts the lock (docs/architecture.md §8).
  const wrongBefore = answers.slice(0, -1).every((answer) => /do not match/.test(answer));
  return {
    name: "(c) sign-in lock-out across instances",
    ok: locked && wrongBefore,
    detail:
      `${ACCOUNT_FAILURE_LIMIT} wrong passwords on ${[...new Set(answers.map((a) => a.split(":")[0]))].join(", ")}` +
      (wrongBefore ? "" : ` (answered: ${answers.join("; ")})`) +
      `; then the right one on ${last.name}: ${rightPassword ?? "signed in"}`,
  };
}

/** (a), the pooler's part: tenant transactions of both companies interleaved with context-free queries. */
async function checkTenantSetting(cluster: Cluster, companies: CompanyFacts[]): Promise<Outcome> {
  const problems: string[] = [];
  const pool = new pg.Pool({ connectionString: cluster.pooled.appUrl, max: 8 });
  try {
    const tenantReads = Array.from({ length: 120 }, async (_, i) => {
      const company = companies[i % companies.length]!;
      const [row] = await withTenantTx(
        company.manager,
        (tx) =>
          tx.$queryRaw<{ setting: string; products: number; foreign: number }[]>`
          SELECT current_setting('app.company_id') AS setting, (SELECT count(*) FROM products)::int AS products,
                 (SELECT count(*) FROM products WHERE company_id <> ${company.id}::uuid)::int AS foreign`,
      );
      if (row!.setting !== company.id || row!.products !== company.productIds.size || row!.foreign !== 0) {
        problems.push(`${company.name}: setting ${row!.setting}, ${row!.products} products, ${row!.foreign} foreign`);
      }
    });
    const bareReads = Array.from({ length: 120 }, async () => {
      const { rows } = await pool.query<{ setting: string; products: number }>(
        "SELECT coalesce(current_setting('app.company_id', true), '') AS setting, (SELECT count(*) FROM products)::int AS products",
      );
      if (rows[0]!.setting !== "" || rows[0]!.products !== 0) {
        problems.push(`outside a transaction: setting "${rows[0]!.setting}", ${rows[0]!.products} products visible`);
      }
    });
    await Promise.all([...tenantReads, ...bareReads]);
  } finally {
    await pool.end();
  }
  return {
    name: "(a) tenant setting through PgBouncer",
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? "240 interleaved reads: each tenant transaction saw its own company only; no setting outlived its transaction"
        : problems.slice(0, 5).join("; "),
  };
}

/** (f): the roles' limits as a pooled connection has them. */
async function checkRoleTimeouts(cluster: Cluster): Promise<Outcome> {
  const seen: string[] = [];
  let ok = true;
  for (const [role, url] of [
    ["app", cluster.pooled.appUrl],
    ["system", cluster.pooled.systemUrl],
  ] as const) {
    const [row] = await query<Record<string, string>>(
      url,
      "SELECT current_setting('lock_timeout') AS lock_timeout, current_setting('statement_timeout') AS statement_timeout, current_setting('idle_in_transaction_session_timeout') AS idle_in_transaction_session_timeout",
    );
    for (const [name, value] of Object.entries(ROLE_TIMEOUTS)) {
      if (row![name] !== value) ok = false;
    }
    seen.push(
      `${role}: ${Object.keys(ROLE_TIMEOUTS)
        .map((name) => row![name])
        .join("/")}`,
    );
  }
  return { name: "(f) role time limits through PgBouncer", ok, detail: seen.join("; ") };
}

/**
 * (f): PgBouncer refuses a client that sends start-up `options` (no ignore_startup_parameters), so the instances,
 * which connect through it all run long, send none; a control client with options shows the refusal.
 */
async function checkNoStartupOptions(cluster: Cluster): Promise<Outcome> {
  const withOptions = new URL(cluster.pooled.appUrl);
  withOptions.searchParams.set("options", "-c statement_timeout=1s");
  const refusal = await query(withOptions.toString(), "SELECT 1").then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  return {
    name: "(f) no start-up options through PgBouncer",
    ok: refusal !== null && /options/.test(refusal),
    detail: `a control client sending options is refused (${refusal ?? "accepted!"}); the instances connect`,
  };
}

export async function runClusterCheck(cluster: Cluster, options: CheckOptions): Promise<boolean> {
  const { say } = options;
  const outcomes: Outcome[] = [];
  const record = (outcome: Outcome) => {
    outcomes.push(outcome);
    say(`${outcome.ok ? "PASS" : "FAIL"} ${outcome.name}: ${outcome.detail}`);
  };
  const companies = await companyFacts(cluster);

  record(await checkRoleTimeouts(cluster));
  record(await checkNoStartupOptions(cluster));
  record(await checkTenantSetting(cluster, companies));
  record(await checkLiveUpdates(cluster, companies[0]!));
  record(await checkLockout(cluster, demoEmail(DEMO_COMPANIES[1]!, "admin")));

  // The load: two staff clients per company through HAProxy, a manager per company approving and fulfilling.
  const clients: { company: CompanyFacts; client: HttpClient }[] = [];
  for (const company of companies) {
    for (const email of company.staff) {
      const client = new HttpClient(cluster.base);
      const refused = await client.signIn(email, cluster.password);
      if (refused) throw new Error(`${email} could not sign in: ${refused}`);
      clients.push({ company, client });
    }
  }
  const created: (Created & { company: CompanyFacts })[] = [];
  const decided: { orderId: string; status: string }[] = [];
  const foreign: string[] = [];
  const readsByInstance = new Map<string, number>();
  const failedReads: string[] = [];
  let decisionsRefused = 0;
  const started = Date.now();
  const deadline = started + options.loadSeconds * 1000;
  const victim = cluster.instances[1]!;
  let killedAt = 0;
  let leasedAtKill: Promise<Set<string>> = Promise.resolve(new Set());
  const killer = setTimeout(() => {
    killedAt = Date.now();
    say(`SIGKILL ${victim.name} (pid ${victim.process.pid}) at ${((killedAt - started) / 1000).toFixed(1)} s`);
    victim.process.kill("SIGKILL");
    // The rows under a lease at that moment: the dead instance's stay leased until the lease ends.
    leasedAtKill = query<{ id: string }>(
      cluster.superuserUrl,
      "SELECT id::text FROM email_outbox WHERE status = 'PENDING' AND attempts > 0 AND next_attempt_at > now()",
    ).then((rows) => new Set(rows.map((row) => row.id)));
  }, options.loadSeconds * 400);

  const staffLoop = async ({ company, client }: (typeof clients)[number]) => {
    while (Date.now() < deadline) {
      try {
        const read = await client.request(`/api/requests/products?stocked=1&locationId=${company.locationId}`);
        if (read.status === 200) {
          readsByInstance.set(read.instance ?? "?", (readsByInstance.get(read.instance ?? "?") ?? 0) + 1);
          const matches = JSON.parse(read.text) as { productId: string }[];
          for (const match of matches) {
            if (!company.productIds.has(match.productId))
              foreign.push(`${company.name} got ${match.productId} from ${read.instance}`);
          }
        } else failedReads.push(`${read.status} from ${read.instance}`);
      } catch (error) {
        failedReads.push(String(error));
      }
      created.push({ ...(await createRequest(client, company)), company });
    }
  };
  const managerLoop = async (company: CompanyFacts) => {
    const done = new Set<string>();
    while (Date.now() < deadline) {
      const waiting = created.filter((c) => c.company === company && c.id && !done.has(c.id));
      for (const order of waiting.slice(0, 4)) {
        done.add(order.id!);
        try {
          const [row] = await query<{ version: number }>(
            cluster.superuserUrl,
            "SELECT version FROM order_requests WHERE id = $1",
            [order.id],
          );
          const approved = await approveOrderRequest(company.manager, { orderId: order.id, version: row!.version });
          decided.push({ orderId: order.id!, status: approved.status });
          if (Math.random() < 0.7) {
            const fulfilled = await fulfilOrderRequest(company.manager, {
              orderId: order.id,
              version: approved.version,
            });
            decided.push({ orderId: order.id!, status: fulfilled.status });
          }
        } catch {
          decisionsRefused += 1;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // PostgreSQL's side of the connection budget (README "Production layout"), sampled while the load runs.
  const peak = new Map<string, number>();
  const sampler = setInterval(() => {
    query<{ who: string; n: number }>(
      cluster.superuserUrl,
      `SELECT usename || CASE WHEN application_name = 'stockflow-events' THEN ' (LISTEN)' ELSE '' END AS who,
              count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user GROUP BY 1`,
    ).then(
      (rows) => rows.forEach((row) => peak.set(row.who, Math.max(peak.get(row.who) ?? 0, row.n))),
      () => {},
    );
  }, 250);
  await Promise.all([...clients.map(staffLoop), ...companies.map(managerLoop)]);
  clearTimeout(killer);
  clearInterval(sampler);
  const accepted = created.filter((c) => c.id);
  say(
    `Load: ${options.loadSeconds} s, ${created.length} creates (${accepted.length} accepted, ${created.length - accepted.length} failed: ${summarize(created.filter((c) => !c.id).map((c) => String(c.status)))}), ` +
      `reads by instance ${JSON.stringify(Object.fromEntries(readsByInstance))}, ${failedReads.length} failed reads, ${decided.length} decisions (${decisionsRefused} refused)`,
  );

  say(`Peak connections to PostgreSQL during the load: ${JSON.stringify(Object.fromEntries([...peak].sort()))}`);

  record({
    name: "(a) no foreign data in any answer",
    ok: foreign.length === 0 && readsByInstance.size >= cluster.instances.length,
    detail:
      foreign.length === 0
        ? `${[...readsByInstance.values()].reduce((a, b) => a + b, 0)} product lists over ${[...readsByInstance.keys()].join(", ")}, each only its company's`
        : foreign.slice(0, 3).join("; "),
  });

  // (e): the balancer after the kill, then the database.
  const after: Answer[] = [];
  for (let i = 0; i < cluster.instances.length * 3; i++) {
    const { client, company } = clients[i % clients.length]!;
    after.push(await client.request(`/api/requests/products?stocked=1&locationId=${company.locationId}`));
  }
  const routedAround = after.every((answer) => answer.status === 200 && answer.instance !== victim.name);
  record({
    name: "(e) HAProxy routes around the killed instance",
    ok: routedAround && killedAt > 0,
    detail: `${after.length} requests after the run: ${summarize(after.map((a) => `${a.status} ${a.instance}`))}`,
  });

  const stored = await query<{ id: string; client_request_id: string; status: string }>(
    cluster.superuserUrl,
    "SELECT id, client_request_id, status FROM order_requests WHERE client_request_id = ANY($1::uuid[])",
    [accepted.map((c) => c.clientRequestId)],
  );
  const byKey = new Map(stored.map((row) => [row.client_request_id, row]));
  const lost = accepted.filter((c) => byKey.get(c.clientRequestId)?.id !== c.id);
  const statusOf = new Map(stored.map((row) => [row.id, row.status]));
  const rank: Record<string, number> = { PENDING: 0, APPROVED: 1, FULFILLED: 2 };
  const lostDecisions = decided.filter((d) => (rank[statusOf.get(d.orderId) ?? ""] ?? -1) < rank[d.status]!);
  const beforeKill = accepted.filter((c) => c.instance === victim.name).length;
  record({
    name: "(e) no accepted write lost",
    ok: lost.length === 0 && lostDecisions.length === 0,
    detail:
      `${accepted.length} accepted requests (${beforeKill} answered by ${victim.name} before it was killed) all stored with the id answered; ${decided.length} decisions all stored` +
      (lost.length > 0 ? `; LOST ${lost.length}` : "") +
      (lostDecisions.length > 0 ? `; LOST decisions ${lostDecisions.length}` : ""),
  });

  const [ledger] = await query<{ on_hand_off: number; reserved_off: number; rows: number }>(
    cluster.superuserUrl,
    `WITH moved AS (SELECT company_id, product_id, location_id, sum(quantity)::int AS total
                      FROM stock_movements GROUP BY 1, 2, 3),
          held AS (SELECT o.company_id, l.product_id, o.location_id,
                          sum(l.approved_quantity - l.fulfilled_quantity)::int AS total
                     FROM order_requests o JOIN order_lines l ON l.order_id = o.id AND l.company_id = o.company_id
                    WHERE o.status IN ('APPROVED', 'PARTIALLY_FULFILLED') AND o.type = 'CUSTOMER_ORDER'
                    GROUP BY 1, 2, 3)
     SELECT count(*) FILTER (WHERE coalesce(s.on_hand, 0) <> coalesce(m.total, 0))::int AS on_hand_off,
            count(*) FILTER (WHERE coalesce(s.reserved, 0) <> coalesce(h.total, 0))::int AS reserved_off,
            count(*)::int AS rows
       FROM stock_levels s
       FULL JOIN moved m USING (company_id, product_id, location_id)
       FULL JOIN held h USING (company_id, product_id, location_id)`,
  );
  record({
    name: "(e) ledger invariants",
    ok: ledger!.on_hand_off === 0 && ledger!.reserved_off === 0,
    detail: `${ledger!.rows} product × location rows: on hand ≠ sum of movements in ${ledger!.on_hand_off}, reserved ≠ approved customer orders in ${ledger!.reserved_off}`,
  });

  record(await checkEmail(cluster, await leasedAtKill, say));
  record(checkMemory(cluster));

  const failed = outcomes.filter((outcome) => !outcome.ok);
  say(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0;
}

/** The most an instance may hold (issue 14: ≤ 512 MB RSS per instance under load). */
const MAX_INSTANCE_RSS_MB = 512;

/** (g): each instance was started with the heap limit; each one still running is within budget (/proc). */
function checkMemory(cluster: Cluster): Outcome {
  const seen = cluster.instances.map((instance) => {
    const limited = instance.process.spawnargs.some((arg) => arg.startsWith("--max-old-space-size="));
    // null: the instance the check killed.
    const rssMb = residentMb(instance.process.pid!);
    return { name: instance.name, limited, rssMb };
  });
  return {
    name: "(g) heap limit and memory",
    ok: seen.every((i) => i.limited && (i.rssMb === null || i.rssMb <= MAX_INSTANCE_RSS_MB)),
    detail: seen
      .map(
        (i) =>
          `${i.name}: ${i.limited ? "heap limited" : "NO heap limit"}, ${i.rssMb === null ? "stopped" : `${i.rssMb.toFixed(0)} MB RSS`}`,
      )
      .join("; "),
  };
}

function summarize(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value} ×${n}`).join(", ") || "none";
}

/** How long (d) waits for the outbox to send one more email before it calls the rest stuck. */
const OUTBOX_STALL_MS = 30_000;

/**
 * (d): waits for the outbox to settle, then counts the sink's messages per outbox row (Message-ID). A row the
 * killed instance had claimed stays leased (PENDING, due only when the lease ends): a survivor sends it then —
 * twice, if the dead instance had delivered it before dying (the window an SMTP outbox without the provider's
 * idempotency cannot close). Those rows, among the ones leased at the kill, are reported, not counted as sent.
 */
async function checkEmail(cluster: Cluster, leasedAtKill: Set<string>, say: (line: string) => void): Promise<Outcome> {
  type Row = { id: string; status: string };
  const rows = () => query<Row>(cluster.superuserUrl, "SELECT id::text, status::text FROM email_outbox");
  const waiting = (row: Row) => row.status === "PENDING" && !leasedAtKill.has(row.id);
  // Settled when nothing is waiting; given up on when the waiting rows stop going down for a while. Not a fixed
  // deadline: how much the load enqueued (and so how long the survivors take to send it) depends on the machine.
  let current = await rows();
  let left = current.filter(waiting).length;
  let progressAt = Date.now();
  while (left > 0 && Date.now() - progressAt < OUTBOX_STALL_MS) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    current = await rows();
    const now = current.filter(waiting).length;
    if (now < left) progressAt = Date.now();
    left = now;
  }
  const deliveries = new Map<string, number>();
  for (const mail of cluster.smtp.received) {
    const id = /^<([^@>]+)@/.exec(mail.parsed.messageId ?? "")?.[1] ?? "?";
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
  }
  const sent = current.filter((row) => row.status === "SENT");
  const leased = new Set(
    current.filter((row) => row.status === "PENDING" && leasedAtKill.has(row.id)).map((row) => row.id),
  );
  const notOnce = sent.filter((row) => deliveries.get(row.id) !== 1);
  const strays = [...deliveries.keys()].filter((id) => !sent.some((row) => row.id === id) && !leased.has(id));
  const unsettled = current.filter((row) => row.status !== "SENT" && !leased.has(row.id));
  if (leased.size > 0) say(`${leased.size} email(s) still leased by the killed instance (sent when the lease ends)`);
  return {
    name: "(d) each email delivered once",
    ok: notOnce.length === 0 && strays.length === 0 && unsettled.length === 0 && sent.length > 0,
    detail:
      `${sent.length} outbox rows sent, ${cluster.smtp.received.length} messages received` +
      (notOnce.length > 0
        ? `; not exactly once: ${notOnce
            .map((row) => `${row.id}×${deliveries.get(row.id) ?? 0}`)
            .slice(0, 5)
            .join(", ")}`
        : "") +
      (strays.length > 0 ? `; messages of no sent row: ${strays.length}` : "") +
      (unsettled.length > 0 ? `; unsent: ${summarize(unsettled.map((row) => row.status))}` : "") +
      (leased.size > 0
        ? `; ${leased.size} leased by the killed instance, ${[...leased].filter((id) => deliveries.has(id)).length} of them delivered before it died (sent again when the lease ends)`
        : ""),
  };
}
