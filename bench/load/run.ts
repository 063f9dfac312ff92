// Load benchmark (issue 14 item 4; bench/README.md "Load"): the production layout of scripts/lib/cluster-layout.ts
// (HAProxy → instances of the production server → PgBouncer → PostgreSQL) on a database of generated data
// (bench/load/generate.ts), driven by autocannon. Per workload: a run with no rate limit (saturation: its
// throughput), then a run at 70% of it (its latencies); the instances' RSS sampled throughout; the invariants
// checked after each run (bench/load/invariants.ts). --only runs the named workloads (by the start of their names)
// besides the sign-in page, every ratio's baseline: to work on one page against a kept database ("fulfilment": the
// fulfilment baseline of bench/load/fulfil-baseline.ts, which otherwise runs after the workloads). --cpu-prof writes
// each instance's CPU profile into the directory when it stops (open it in Chrome's DevTools, Performance tab).
// --bypass-rls runs the tenant queries as the system role (BYPASSRLS; the client extension still scopes them): W1
// with and without it is what row-level security costs.
//
//   npm run bench:load -- [postgresql://postgres@127.0.0.1:5432/postgres] [--scale 1] [--seconds 20] [--instances 1]
//                         [--reuse] [--keep] [--quick] [--only W1,W2] [--cpu-prof <dir>] [--bypass-rls]
//                         [--out bench/results/<date>.md]
//
// --reuse runs on the database an earlier run left with --keep (stockflow_bench_load_<scale>); --quick (CI): a
// thousandth of the data, 3 s per run, no report file; exits 1 when a run had errors or an invariant failed.
import fs from "node:fs";
import { register } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";

// The lib modules mark themselves server-only; outside Next that marker must resolve to nothing (as in vitest).
const serverOnlyHook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const QUICK = args.includes("--quick");
const SCALE = Number(option("scale", QUICK ? "0.001" : "1"));
const SECONDS = Number(option("seconds", QUICK ? "3" : "20"));
const INSTANCES = Number(option("instances", "1"));
const ONLY = option("only", "")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
const CONNECTIONS = 10;
const serverUrl =
  args.find((a) => /^postgres(ql)?:\/\//.test(a)) ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";
const database = QUICK
  ? `stockflow_bench_load_quick_${process.pid}`
  : `stockflow_bench_load_${String(SCALE).replace(/\W/g, "_")}`;
const PASSWORD = "load-bench-password-7Xq2";

const say = (line: string) => console.log(`[load] ${line}`);
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(1)} s`;

const { startCluster } = await import("../../scripts/lib/cluster-layout");
const { residentMb } = await import("../../scripts/lib/server-node");
const { hashPassword } = await import("../../lib/auth/passwords");
const { createPrismaClient } = await import("../../lib/db/client");
const { rebuildStockMovementDays } = await import("../../lib/dashboard/stock-movement-days");
const { loadDataSize, generationSql, runSql, stockRows, companyId, managerEmail, staffEmail } =
  await import("./generate");
const count = (n: number) => n.toLocaleString("en-US");
const { checkInvariants } = await import("./invariants");
const { fulfilmentBaseline } = await import("./fulfil-baseline");
type FulfilmentBaseline = import("./fulfil-baseline").FulfilmentBaseline;
const { signInLoad } = await import("./sign-in-load");
const { orderActionIds, transitionBody, addPendingRestocks, MULTIPART } = await import("./order-actions");

const size = loadDataSize(SCALE);
const generation: string[] = [];

async function populate(superuserUrl: string) {
  let started = performance.now();
  const hash = await hashPassword(PASSWORD);
  const total = performance.now();
  for (const [label, text] of generationSql(size, hash)) {
    await runSql(superuserUrl, text);
    const line = `${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`;
    generation.push(line);
    say(line);
    started = performance.now();
  }
  const owner = createPrismaClient(superuserUrl, 1);
  try {
    for (let n = 1; n <= size.companies; n++) await rebuildStockMovementDays(owner, companyId(n));
  } finally {
    await owner.$disconnect();
  }
  generation.push(
    `dashboard rollups (${size.companies} companies): ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  say(generation.at(-1)!);
  // A database in service is vacuumed by autovacuum as it goes (this machine's server runs with it off): without the
  // visibility map VACUUM sets, every index-only scan (the low-stock count, the top movers) reads the table as well.
  started = performance.now();
  await runSql(superuserUrl, "VACUUM (ANALYZE)");
  generation.push(`vacuum and statistics: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  generation.push(`total: ${((performance.now() - total) / 1000).toFixed(1)} s`);
  say(generation.at(-2)!);
}

const cluster = await startCluster({
  serverUrl,
  database,
  instances: INSTANCES,
  port: 0,
  poolSize: 5,
  pgbouncerAppPool: 10,
  pgbouncerSystemPool: 5,
  say,
  tenantQueriesBypassRls: args.includes("--bypass-rls"),
  nodeOptions: args.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${option("cpu-prof", ".")}`] : [],
  data: {
    populate: args.includes("--reuse") ? "reuse" : populate,
    password: PASSWORD,
    keep: args.includes("--keep"),
  },
});
say(`Up in ${elapsed()}: ${cluster.base}`);
const base = cluster.base;
const db = new pg.Pool({ connectionString: cluster.superuserUrl, max: 2 });

/** Signs in as next-auth's credentials form does (tests/e2e/helpers/session.ts `signIn`); the session's cookies. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: base },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true" }),
  });
  keep(answer);
  const { url } = (await answer.json()) as { url: string };
  if (!answer.ok || new URL(url, base).searchParams.get("error")) throw new Error(`sign-in of ${email}: ${url}`);
  return cookie();
}

interface RunFigures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  rssMb: number;
  /** Answers other than 2xx, by status ("timeout" and "error": no answer). */
  failures: Record<string, number>;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10 : 0;

/** Runs `work` while sampling the instances' RSS every 250 ms; the work's figures with the largest sample. */
async function sampled(work: () => Promise<Omit<RunFigures, "rssMb">>): Promise<RunFigures> {
  let rss = 0;
  const sample = setInterval(() => {
    for (const instance of cluster.instances) rss = Math.max(rss, residentMb(instance.process.pid!) ?? 0);
  }, 250);
  try {
    return { ...(await work()), rssMb: rss };
  } finally {
    clearInterval(sample);
  }
}

/** Answers with a 2xx status that still refused (a server action's `"ok":false`), by code: failures of the run. */
const refused = new Map<string, number>();
const refusedBy = (body: string) => {
  const code = /"ok":false,"code":"([A-Z_]+)"/.exec(body)?.[1];
  if (code) refused.set(code, (refused.get(code) ?? 0) + 1);
  return code;
};

function autocannonRun(options: autocannon.Options) {
  return (seconds: number, rate?: number) =>
    sampled(async () => {
      const latencies: number[] = [];
      refused.clear();
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { connections: CONNECTIONS, duration: seconds, ...options, ...(rate && { overallRate: rate }) },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
      });
      latencies.sort((a, b) => a - b);
      return {
        rps: result.requests.average,
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        p99: quantile(latencies, 0.99),
        requests: result.requests.total,
        failures: {
          ...Object.fromEntries(refused),
          ...Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {})
              .filter(([status]) => !status.startsWith("2"))
              .map(([status, { count }]) => [status, count]),
          ),
          ...(result.timeouts > 0 && { timeout: result.timeouts }),
          ...(result.errors > result.timeouts && { error: result.errors - result.timeouts }),
        },
      };
    });
}

interface Workload {
  name: string;
  what: string;
  /** One run of `seconds`, at `rate` requests per second or as fast as it goes. */
  run: (seconds: number, rate?: number) => Promise<RunFigures>;
  /** 2xx creates to look for in the database afterwards. */
  created?: string[];
}

const created: string[] = [];
/** Requests whose fulfilment (W4, W5) was acknowledged: each must be FULFILLED afterwards. */
const fulfilled: string[] = [];
/** What W3's and W4's refusals said (a few, for the log). */
const refusals = new Set<string>();

/** Signs the bench people in and picks what they request: the workloads, once the layout is up. */
async function prepareWorkloads(): Promise<Workload[]> {
  const manager = await signIn(managerEmail(1));
  const staff = await signIn(staffEmail(1));
  const { rows: picks } = await db.query<{ location_id: string; product_id: string }>(
    `SELECT s.location_id, s.product_id FROM stock_levels s JOIN products p ON p.id = s.product_id
      WHERE s.company_id = $1 AND NOT p.archived ORDER BY p.sku LIMIT 50`,
    [companyId(1)],
  );
  say(`Signed in; ${picks.length} products to request`);
  const actions = orderActionIds();
  const { rows: busiest } = await db.query<{ product_id: string }>(
    `SELECT product_id FROM stock_movements WHERE company_id = $1 GROUP BY product_id ORDER BY count(*) DESC LIMIT 1`,
    [companyId(1)],
  );
  const hot = busiest[0]!.product_id;

  const managerHeaders = { cookie: manager };
  /** W3's request: a restock of one of `picks`, as the staff member, with a new Idempotency-Key. */
  const createRequest = (): autocannon.Request => ({
    method: "POST",
    path: "/api/requests",
    headers: { cookie: staff, origin: base, "content-type": "application/json" },
    setupRequest: (request: autocannon.Request, context: { key?: string }) => {
      const key = randomUUID();
      const pick = picks[Math.floor(Math.random() * picks.length)]!;
      context.key = key;
      return {
        ...request,
        headers: { ...request.headers, "idempotency-key": key },
        body: JSON.stringify({
          company: companyId(1),
          type: "RESTOCK",
          locationId: pick.location_id,
          lines: [{ productId: pick.product_id, quantity: 1 + Math.floor(Math.random() * 5) }],
        }),
      };
    },
    onResponse: (status: number, body: string, context: { key?: string }) => {
      if (status === 201 && context.key) created.push(context.key);
      else if (status >= 300) refusals.add(`${status} ${body.slice(0, 200)}`);
    },
  });
  /** W4's pair: approve, then fulfil, the next pending restock of `queue`, as the manager (server actions). */
  const transitionRequests = (queue: string[]): autocannon.Request[] =>
    [actions.approve, actions.fulfil].map((action, i) => ({
      method: "POST" as const,
      headers: { cookie: manager, origin: base, accept: "text/x-component", "content-type": MULTIPART },
      setupRequest: (request: autocannon.Request, context: { order?: string }) => {
        if (i === 0) context.order = queue.pop();
        return {
          ...request,
          path: `/requests/${context.order}`,
          headers: { ...request.headers, "next-action": action },
          body: transitionBody(companyId(1), context.order ?? "", i + 1),
        };
      },
      onResponse: (_status: number, body: string, context: { order?: string }) => {
        const code = refusedBy(body);
        if (code) refusals.add(body.slice(body.indexOf('"ok":false'), body.indexOf('"ok":false') + 300));
        else if (i === 1 && context.order && body.includes('"ok":true')) fulfilled.push(context.order);
      },
    }));
  const productPages = ["/products", "/products?q=hinge", "/products?q=SKU-000123", "/products?q=400638"];
  const read = (path: string): autocannon.Request => ({ method: "GET", path, headers: managerHeaders });

  return [
    {
      name: "sign-in page",
      what: "GET /login, no session: the framework with no data (baseline)",
      run: autocannonRun({ url: `${base}/login` }),
    },
    {
      name: "W1 products",
      what: "GET /products, ?q=hinge, ?q=SKU-000123, ?q=400638 in turn; the big company's manager",
      run: autocannonRun({ url: base, requests: productPages.map(read) }),
    },
    {
      name: "W2 dashboard",
      what: "GET /dashboard; the big company's manager",
      run: autocannonRun({ url: `${base}/dashboard`, headers: managerHeaders }),
    },
    {
      name: "W3 create request",
      what: "POST /api/requests (one line, a new Idempotency-Key each); the big company's staff member",
      created,
      run: autocannonRun({ url: base, requests: [createRequest()] }),
    },
    ...[undefined, hot].map((hotProduct): Workload => ({
      name: hotProduct ? "W4 approve + fulfil, one product" : "W4 approve + fulfil, spread",
      what:
        "the request page's approveOrderAction then fulfilOrderAction (server actions over HTTP, " +
        `bench/load/order-actions.ts) on pending restocks added for the run, ${hotProduct ? "all of them on the product with the most movements" : "each on a product of its own"}; ` +
        "the big company's manager; req/s counts both calls",
      run: async (seconds, rate) => {
        const queue = await addPendingRestocks(db, companyId(1), Math.ceil((rate ?? 60) * seconds), hotProduct);
        return autocannonRun({ url: base, requests: transitionRequests(queue) })(seconds, rate);
      },
    })),
    {
      name: "W5 mixed",
      what:
        "each connection in turn: 16 reads (the four product list pages twice, the dashboard and the request " +
        "list four times each), 3 creates (W3), 1 approve + fulfil (W4, spread): 76% reads, 14% creates, 10% " +
        "approvals and fulfilments",
      created,
      run: async (seconds, rate) => {
        const queue = await addPendingRestocks(db, companyId(1), Math.ceil(((rate ?? 60) * seconds) / 10));
        const reads = [...productPages, ...productPages, ...Array(4).fill("/dashboard"), ...Array(4).fill("/requests")];
        return autocannonRun({
          url: base,
          requests: [
            ...reads.slice(0, 8).map(read),
            createRequest(),
            ...reads.slice(8, 12).map(read),
            createRequest(),
            ...reads.slice(12).map(read),
            createRequest(),
            ...transitionRequests(queue),
          ],
        })(seconds, rate);
      },
    },
    {
      name: "W6 sign-in",
      what:
        "POST /api/auth/callback/credentials through the balancer, a new connection per request from one of 1,000 " +
        "loopback addresses (bench/load/sign-in-load.ts), every company's manager and staff member in turn",
      run: (seconds, rate) =>
        sampled(async () => {
          const result = await signInLoad({
            base,
            emails: Array.from({ length: size.companies }, (_, i) => [managerEmail(i + 1), staffEmail(i + 1)]).flat(),
            password: PASSWORD,
            addresses: 1_000,
            seconds,
            connections: CONNECTIONS,
            rate,
          });
          return {
            rps: result.requests / seconds,
            p50: quantile(result.latencies, 0.5),
            p95: quantile(result.latencies, 0.95),
            p99: quantile(result.latencies, 0.99),
            requests: result.requests,
            failures: result.failures,
          };
        }),
    },
  ];
}

interface Row {
  workload: Workload;
  saturation: RunFigures;
  at70: RunFigures;
  invariants: string[];
}
const rows: Row[] = [];
let fulfilment: FulfilmentBaseline | undefined;

/**
 * The fulfilment baseline (bench/load/fulfil-baseline.ts) in this process, as the big company's manager, on approved
 * restocks added for it: the lib straight to PostgreSQL as the app role, like the plain side.
 */
async function measureFulfilment(): Promise<FulfilmentBaseline> {
  Object.assign(process.env, {
    DATABASE_URL: cluster.listenUrl,
    DATABASE_SYSTEM_URL: cluster.pooled.systemUrl,
    AUTH_SECRET: cluster.authSecret,
    APP_URL: base,
    SMTP_URL: cluster.smtp.url,
    MAIL_FROM: "StockFlow <no-reply@load.bench.example>",
  });
  const { approveOrderRequest } = await import("../../lib/orders/approve-order-request");
  const { rows: people } = await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [managerEmail(1)]);
  const ctx = { companyId: companyId(1), userId: people[0]!.id, email: managerEmail(1), role: "MANAGER" as const };
  const orders = await addPendingRestocks(db, companyId(1), QUICK ? 21 : 401);
  for (const orderId of orders) await approveOrderRequest(ctx, { orderId, version: 1 });
  return fulfilmentBaseline({
    ctx,
    appUrl: cluster.listenUrl,
    superuserUrl: cluster.superuserUrl,
    orders,
    concurrency: 4,
  });
}
/** Both runs' answers other than 2xx, e.g. "429 × 3, timeout × 1"; "" when none. */
function failuresOf(...runs: RunFigures[]): string {
  const total = new Map<string, number>();
  for (const run of runs)
    for (const [what, n] of Object.entries(run.failures)) total.set(what, (total.get(what) ?? 0) + n);
  return [...total].map(([what, n]) => `${what} × ${n}`).join(", ");
}
let failed = false;
try {
  const workloads = (await prepareWorkloads()).filter(
    (workload, i) => i === 0 || ONLY.length === 0 || ONLY.some((name) => workload.name.startsWith(name)),
  );
  for (const workload of workloads) {
    // A warm-up first (the pages' first renders, the pools' connections): not counted.
    await workload.run(Math.max(1, Math.round(SECONDS / 5)));
    const saturation = await workload.run(SECONDS);
    const at70 = await workload.run(SECONDS, Math.max(1, Math.floor(saturation.rps * 0.7)));
    const invariants = await checkInvariants(db, workload.created ?? [], fulfilled);
    rows.push({ workload, saturation, at70, invariants });
    const bad = failuresOf(saturation, at70);
    if (bad || invariants.length > 0) failed = true;
    say(
      `${workload.name}: ${saturation.rps.toFixed(1)} req/s at saturation; at 70%: p50 ${at70.p50} ms, p95 ${at70.p95} ms, ` +
        `p99 ${at70.p99} ms; failures ${bad || "none"}; RSS ${Math.max(saturation.rssMb, at70.rssMb).toFixed(0)} MB; ` +
        `invariants ${invariants.length ? invariants.join("; ") : "hold"}`,
    );
  }
  for (const refusal of [...refusals].slice(0, 5)) say(`Refused: ${refusal}`);
  if (rows.some((row) => /^W[45]/.test(row.workload.name))) {
    // The check that acknowledged fulfilments are stored must have had something to check.
    say(`${fulfilled.length} acknowledged fulfilments, each checked FULFILLED`);
    if (fulfilled.length === 0) failed = true;
  }
  if (ONLY.length === 0 || ONLY.includes("fulfilment")) {
    fulfilment = await measureFulfilment();
    say(
      `Fulfilment, lib vs plain pg: ${fulfilment.libPerSecond.toFixed(1)} vs ${fulfilment.plainPerSecond.toFixed(1)} ` +
        `per second (${fulfilment.statements} statements each): ${(fulfilment.ratio * 100).toFixed(0)}%`,
    );
    const invariants = await checkInvariants(db, []);
    if (invariants.length > 0) {
      failed = true;
      say(`Invariants after the fulfilment baseline: ${invariants.join("; ")}`);
    }
  }
} finally {
  await db.end();
  await cluster.stop();
}

const baseline = rows[0]!;
/** The fulfilment baseline's line of the report (empty when it did not run). */
function fulfilmentLine(): string {
  if (!fulfilment) return "";
  const f = fulfilment;
  return (
    `\nFulfilment baseline (bench/load/fulfil-baseline.ts, ${f.fulfilments} approved restocks, ${f.concurrency} at a ` +
    `time, straight to PostgreSQL as the app role): the lib function ${f.libPerSecond.toFixed(1)} per second, its ` +
    `${f.statements} recorded statements through plain pg ${f.plainPerSecond.toFixed(1)} per second: ` +
    `**${(f.ratio * 100).toFixed(0)}%** of plain pg (target ≥ 40%).\n`
  );
}
const table = [
  "| workload | req/s at saturation | ÷ sign-in page | p50 / p95 / p99 ms at 70% | requests | failures | max RSS MB | invariants |",
  "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |",
  ...rows.map(
    ({ workload, saturation, at70, invariants }) =>
      `| ${workload.name} | ${saturation.rps.toFixed(1)} | ${(saturation.rps / baseline.saturation.rps).toFixed(2)} | ` +
      `${at70.p50} / ${at70.p95} / ${at70.p99} | ${saturation.requests + at70.requests} | ` +
      `${failuresOf(saturation, at70) || "none"} | ` +
      `${Math.max(saturation.rssMb, at70.rssMb).toFixed(0)} | ${invariants.length ? invariants.join("; ") : "hold"} |`,
  ),
].join("\n");
const report = `# Load benchmark, ${new Date().toISOString().slice(0, 10)}

Command: \`npm run bench:load -- ${args.join(" ")}\` — ${new Date().toISOString()}; machine: ${os.cpus().length} cores
(${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at the end
${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(" / ")}.

Layout: HAProxy → ${INSTANCES} instance(s) of the production server → PgBouncer (transaction mode) → PostgreSQL on
loopback.${args.includes("--bypass-rls") ? " Tenant queries as the system role, bypassing row-level security (--bypass-rls)." : ""} ${CONNECTIONS} connections; each workload runs ${SECONDS} s unthrottled (saturation), then ${SECONDS} s at 70% of
that rate (latencies: every response's time, as autocannon reports it).

Data (scale ${SCALE}): ${count(size.companies)} companies, ${count(size.companies - 1)} of ${count(size.small)} products
and one of ${count(size.big)}; ${count(size.movements)} movements (an opening receipt for each of the
${count(stockRows(size))} stock rows, ${count(size.hot)} on one product); ${count(size.requests)} requests;
${count(size.audit)} audit rows.
${generation.length ? `Generation: ${generation.join("; ")}.` : "Generation: reused from an earlier run."}

${rows.map(({ workload }) => `- **${workload.name}**: ${workload.what}`).join("\n")}

${table}
${fulfilmentLine()}`;
if (!QUICK) {
  const out = option("out", `bench/results/${new Date().toISOString().slice(0, 10)}.md`);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(out, report);
  say(`Wrote ${out}`);
}
console.log(table);
say(`${failed ? "FAILED" : "PASSED"} in ${elapsed()}`);
process.exit(failed ? 1 : 0);
