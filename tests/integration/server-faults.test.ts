// The production server (scripts/serve.ts over `next build`) under faults, on a PostgreSQL of its own: an embedded
// server on a free port with its data under the OS temp dir, which this file stops and starts — never the server the
// rest of the suite shares. Covers: bad input answered 400/403 before Next, readiness, the database going away
// (503 page and JSON, an action caught mid-transaction leaves nothing behind, pages back within 10 s of its
// return), a graceful SIGTERM with an event stream and an idle keep-alive connection open, and the security headers
// on every kind of response (lib/http/security-headers.ts).
// Builds the app first when the build is missing or older than the sources, once for every server test
// (tests/helpers/production-build.ts).
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/auth/passwords";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";
import { COMPANY_FIELD } from "../../lib/form-company";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded-postgres";
import { provisionDatabase, urlFor, type DatabaseUrls } from "../../lib/db/roles";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import { ensureProductionBuild } from "../helpers/production-build";
import { freePort } from "../helpers/production-server";

const PASSWORD = "fault-tolerant-password-1";
const SUPERUSER_PASSWORD = "stockflow-faults-superuser";

let dataDir: string;
let pgPort: number;
let database: EmbeddedServer | undefined;
let urls: DatabaseUrls;
let system: PrismaClient;
let fixture: CompanyFixture;
let server: ChildProcess;
let base: string;
let serverOutput = "";
let cookie: string;

const startDatabase = async () => {
  database = await startEmbeddedPostgres({ dataDir, port: pgPort, superuserPassword: SUPERUSER_PASSWORD });
};

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${serverOutput.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** next-auth's credentials sign-in, as the login form's fetch does it. */
async function signIn(email: string, password: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  return fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
}

/** A server action's id in this build (Next's manifest), by the file that exports it and its name. */
function actionId(file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!found) throw new Error(`no action ${name} in ${file}`);
  return found[0];
}

/**
 * Calls a tenant form's `(previousState, formData) => …` as the router does: React's reply encoding of
 * [undefined, formData], the form carrying the company it was rendered for (lib/form-company.ts).
 */
function callFormAction(page: string, id: string, fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ [COMPANY_FIELD]: fixture.companyId, ...fields })) {
    form.append(`_1_${name}`, value);
  }
  // The root comes last, after the parts it refers to, as React's encoder sends it.
  form.append("0", JSON.stringify(["$undefined", "$K1"]));
  return fetch(`${base}${page}`, {
    method: "POST",
    headers: { "next-action": id, origin: base, cookie, accept: "text/x-component" },
    body: form,
  });
}

const adjust = (quantity: string) =>
  callFormAction("/stock/adjust", actionId("app/(app)/stock/actions.ts", "adjustStockAction"), {
    operationId: randomUUID(),
    productId: fixture.productId,
    locationId: fixture.locationId,
    mode: "change",
    quantity,
    reason: "Damaged in the fault test",
  });

/** The headers every response carries (scripts/serve.ts), here where APP_URL is http and no proxy is trusted. */
function expectSecurityHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  const permissions = response.headers.get("permissions-policy")!.split(", ");
  expect(permissions).toContain("camera=(self)");
  expect(permissions).toContain("microphone=()");
  expect(permissions).toContain("geolocation=()");
  // Over plain HTTP, whatever the client claims: HSTS is only ever sent over HTTPS.
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

/** The response's one Content-Security-Policy as directive → sources. */
function cspOf(response: Response): Record<string, string[]> {
  const header = response.headers.get("content-security-policy");
  expect(header, `a CSP on ${response.url}`).not.toBeNull();
  // Two policies (serve.ts's kept beside proxy.ts's) would both be enforced: the page's scripts would be refused.
  expect(header!.match(/script-src/g)).toHaveLength(1);
  return Object.fromEntries(
    header!
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([d, ...s]) => [d, s]),
  );
}

/** The rules every CSP of the app has, page or not. */
function expectCspBasics(csp: Record<string, string[]>) {
  expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  expect(csp["object-src"]).toEqual(["'none'"]);
  expect(csp["base-uri"]).toEqual(["'self'"]);
  expect(csp["form-action"]).toEqual(["'self'"]);
  expect(csp["script-src"]).not.toContain("'unsafe-inline'");
}

async function stockOf() {
  const level = await system.stockLevel.findFirst({
    where: { companyId: fixture.companyId, productId: fixture.productId, locationId: fixture.locationId },
    select: { onHand: true },
  });
  const movements = await system.stockMovement.findMany({
    where: { companyId: fixture.companyId, productId: fixture.productId },
    select: { quantity: true },
  });
  const audits = await system.auditLog.count({ where: { companyId: fixture.companyId, action: "stock.adjusted" } });
  return { onHand: level?.onHand, ledger: movements.reduce((sum, m) => sum + m.quantity, 0), audits };
}

beforeAll(async () => {
  await ensureProductionBuild();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stockflow-faults-"));
  pgPort = await freePort();
  await startDatabase();
  urls = await provisionDatabase({
    serverUrl: database!.serverUrl,
    database: "stockflow_faults",
    ownerPassword: "faults-owner",
    appPassword: "faults-app",
    systemPassword: "faults-system",
    fresh: true,
  });
  // Fixtures are arranged as the superuser, as in the rest of the suite (tests/helpers/db.ts).
  system = createPrismaClient(urlFor(database!.serverUrl, { database: "stockflow_faults" }), 2);
  fixture = await createCompanyFixture(system, "faults");
  await system.user.update({ where: { id: fixture.admin.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  // On hand 10 (the fixture's); a change of -3 takes it to 7, below 8: the low-stock check runs in the transaction.
  await system.product.update({ where: { id: fixture.productId }, data: { reorderPoint: 8 } });

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: urls.appUrl,
      DATABASE_SYSTEM_URL: urls.systemUrl,
      APP_URL: base,
      NEXTAUTH_URL: base,
      PORT: String(port),
      HOST: "127.0.0.1",
      MAIL_DIR: path.join(dataDir, "mail"),
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_MS: "5000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  await waitFor("the server", async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), 60_000);

  const signedIn = await signIn(fixture.admin.email, PASSWORD);
  expect(signedIn.status).toBe(200);
  cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.startsWith("next-auth.session-token="))
    .join("; ");
  expect(cookie).not.toBe("");
}, 600_000);

afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  await system?.$disconnect();
  await database?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("bad input is a 4xx, never a 500", () => {
  it("refuses a NUL byte in the sign-in email with 400", async () => {
    const response = await signIn(`${fixture.admin.email}\u0000`, PASSWORD);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/\n\s+at /);
  });

  it("refuses a server action from another origin with 403 problem details, and a malformed one with 400", async () => {
    const id = actionId("app/(app)/stock/actions.ts", "adjustStockAction");
    const foreign = await fetch(`${base}/stock/adjust`, {
      method: "POST",
      headers: { "next-action": id, origin: "https://evil.example", cookie, "content-type": "text/plain" },
      body: "[]",
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-type")).toBe("application/problem+json");
    const malformed = await fetch(`${base}/stock/adjust`, {
      method: "POST",
      headers: { "next-action": id, origin: base, cookie, "content-type": "multipart/form-data; boundary=nope" },
      body: "not multipart at all",
    });
    expect(malformed.status).toBe(400);
    expect(await stockOf()).toEqual({ onHand: 10, ledger: 10, audits: 0 });
  });
});

describe("security headers on every response", () => {
  it("a page: its CSP names a fresh nonce each time, and every script Next.js wrote carries it", async () => {
    const nonces: string[] = [];
    for (const page of ["/login", "/dashboard", "/dashboard"]) {
      const response = await fetch(`${base}${page}`, { headers: { cookie, "x-forwarded-proto": "https" } });
      expect(response.status).toBe(200);
      expectSecurityHeaders(response);
      const csp = cspOf(response);
      expectCspBasics(csp);
      const nonce = /^'nonce-(.+)'$/.exec(csp["script-src"]!.find((s) => s.startsWith("'nonce-")) ?? "")?.[1];
      expect(nonce, `a nonce for ${page}`).toBeDefined();
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it("a route handler, a static file and an API's JSON error", async () => {
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expectSecurityHeaders(health);
    expectCspBasics(cspOf(health));

    const login = await (await fetch(`${base}/login`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js(?:\?dpl=[\w-]+)?)"/.exec(login)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expectSecurityHeaders(script);
    expect(cspOf(script)["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);

    const refused = await signIn(fixture.admin.email, "not-the-password");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("application/json");
    expectSecurityHeaders(refused);
    expectCspBasics(cspOf(refused));
  });

  it("the server's own refusal (403) allows no inline script", async () => {
    const foreign = await fetch(`${base}/stock/adjust`, {
      method: "POST",
      headers: { "next-action": "0".repeat(42), origin: "https://evil.example", cookie },
      body: "[]",
    });
    expect(foreign.status).toBe(403);
    expectSecurityHeaders(foreign);
    const csp = cspOf(foreign);
    expectCspBasics(csp);
    expect(csp["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});

describe("body limits by path", () => {
  it("takes a member's 1.4 MB CSV on the import page through to the import, and refuses the same size elsewhere", async () => {
    const header = "sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point\n";
    const rows = Array.from(
      { length: 8_000 },
      (_, i) => `FAULT-${i},Bolt ${i},${"x".repeat(150)},,each,,1.00,2.00,0\n`,
    );
    const csv = new Blob([header, ...rows], { type: "text/csv" });
    expect(csv.size).toBeGreaterThan(1024 * 1024 + 400_000);

    const preview = await callFormAction(
      "/products/import",
      actionId("app/(app)/products/import/actions.ts", "importProductsAction"),
      { file: new File([csv], "products.csv", { type: "text/csv" }), intent: "preview" },
    );
    expect(preview.status).toBe(200);
    const text = await preview.text();
    expect(text).toContain('{"ok":true');
    expect(text).toContain('"rowCount":8000');

    const elsewhere = await callFormAction(
      "/products/new",
      actionId("app/(app)/products/actions.ts", "createProductAction"),
      { name: "Bolt", description: await csv.text() },
    );
    expect(elsewhere.status).toBe(413);
    expectSecurityHeaders(elsewhere);
    expect(cspOf(elsewhere)["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(await elsewhere.json()).toMatchObject({ status: 413, title: "Request too large" });
  });
});

describe("readiness", () => {
  it("is ready: both roles answer and every migration of the build is applied", async () => {
    const response = await fetch(`${base}/api/ready`);
    const body = (await response.json()) as { status: string; migrations: { pending: string[] } };
    expect(response.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.migrations.pending).toEqual([]);
  });
});

describe("the database goes away and comes back", () => {
  it("answers 503 meanwhile, loses nothing half-written, and serves pages again within 10 s", async () => {
    // The adjustment writes its stock, movement and audit rows, then waits for the company's low-stock lock,
    // which this session holds: the action is in flight, mid-transaction, when the database stops.
    // As the superuser: only it (or the same role) sees another session's wait in pg_stat_activity.
    const holder = new pg.Client({ connectionString: urlFor(database!.serverUrl, { database: "stockflow_faults" }) });
    holder.on("error", () => {});
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`low-stock:${fixture.companyId}`]);
    const inFlight = adjust("-3");
    await waitFor(
      "the adjustment to wait on the lock",
      async () => {
        const { rows } = await holder.query(
          "SELECT 1 FROM pg_stat_activity WHERE usename = 'stockflow_app' AND wait_event_type = 'Lock'",
        );
        return rows.length > 0 ? true : undefined;
      },
      10_000,
    );
    await database!.stop();
    const interrupted = await inFlight;
    expect(interrupted.status).not.toBe(500);
    expect(await interrupted.text()).not.toMatch(/\n\s+at /);

    const page = await waitFor(
      "a 503 page",
      async () => {
        const response = await fetch(`${base}/dashboard`, { headers: { cookie, accept: "text/html" } });
        return response.status === 503 ? response : undefined;
      },
      5_000,
    );
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("retry-after")).toBe("5");
    expectSecurityHeaders(page);
    expectCspBasics(cspOf(page));
    expect(cspOf(page)["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(await page.text()).toContain("back in a moment");
    const action = await adjust("-1");
    expect(action.status).toBe(503);
    expect(action.headers.get("content-type")).toBe("application/problem+json");
    expect(await action.json()).toMatchObject({ status: 503 });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/ready`)).status).toBe(503);

    await startDatabase();
    const back = Date.now();
    await waitFor(
      "pages to answer again",
      async () => ((await fetch(`${base}/dashboard`, { headers: { cookie } })).status === 200 ? true : undefined),
      10_000,
    );
    expect(Date.now() - back).toBeLessThan(10_000);

    // Nothing of the interrupted adjustment was kept; the next one is applied once, whole.
    expect(await stockOf()).toEqual({ onHand: 10, ledger: 10, audits: 0 });
    const retried = await adjust("-3");
    expect(retried.status).toBe(200);
    expect(await retried.text()).toContain('{"ok":true');
    expect(await stockOf()).toEqual({ onHand: 7, ledger: 7, audits: 1 });
  });
});

describe("live updates", () => {
  it("end the stream of a company suspended meanwhile within seconds, though nothing announces it", async () => {
    const stream = await fetch(`${base}/api/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read();
    await system.company.update({ where: { id: fixture.companyId }, data: { status: "SUSPENDED" } });
    const suspended = Date.now();
    try {
      while (!(await reader.read()).done);
      // The stream re-checks its session every 5 s.
      expect(Date.now() - suspended).toBeLessThan(7_000);
    } finally {
      await system.company.update({ where: { id: fixture.companyId }, data: { status: "ACTIVE" } });
    }
  });
});

describe("graceful shutdown", () => {
  it("ends event streams, closes idle keep-alive connections and exits 0 within its bound on SIGTERM", async () => {
    // An open live-update stream…
    const stream = await fetch(`${base}/api/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("connected");
    // …and a keep-alive connection left idle after its request.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http.get(`${base}/api/health`, { agent }, (response) => response.resume().on("end", resolve)).on("error", reject),
    );
    const idleSockets = Object.values(agent.freeSockets).flat();
    expect(idleSockets).toHaveLength(1);
    const idleClosed = new Promise((resolve) => idleSockets[0]!.once("close", resolve));

    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    const drained = (async () => {
      while (!(await reader.read()).done);
    })();
    expect(await exited).toBe(0);
    // Well inside SHUTDOWN_TIMEOUT_MS (5 s): nothing had to be forced.
    expect(Date.now() - started).toBeLessThan(5_000);
    await drained;
    await idleClosed;
    agent.destroy();
  });
});
