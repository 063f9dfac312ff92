// The security suite over HTTP, against the production build (scripts/serve.ts) on a database of its own
// (./world.ts). Discovery: every server action of the build (its server-reference manifest) and every route handler
// (app/**/route.ts) has an entry in ./permission-table.ts, and every entry names one that exists. Then each is
// called signed out, as each role, as a platform administrator and with another company's ids, against the table:
// a refusal leaves every table as it was. Also: the security headers on the kinds of response
// tests/integration/server-faults.test.ts does not check, a foreign and a `null` Origin on every action, the
// x-middleware-subrequest header (CVE-2025-29927) and a signed-out body over its limit. The per-path body limits
// themselves are in lib/http/action-guard.test.ts and server-faults.test.ts.
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "../../../lib/auth/session-cookie";
import { ensureProductionBuild } from "../../helpers/production-build";
import { startProductionServer, type ProductionServer } from "../../helpers/production-server";
import { COMPANY_FIELD } from "../../../lib/form-company";
import { ACTIONS, Form, ROUTES, type Arg } from "./permission-table";
import { CALLERS, createWorld, snapshot, userOf, type Caller, type Company, type World } from "./world";

const MANIFEST = ".next/server/server-reference-manifest.json";
/** Who the caller is decides these refusals; anything else (a validation error, a conflict) is about the input. */
const REFUSED_FOR_WHO = new Set(["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED"]);
const REFUSALS = new Set([...REFUSED_FOR_WHO, "NOT_FOUND"]);

let world: World;
let server: ProductionServer;
let base: string;

interface ManifestAction {
  id: string;
  key: string;
  pages: string[];
}

function manifestActions(): Map<string, ManifestAction> {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const actions = new Map<string, ManifestAction>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const key = `${entry.filename}#${entry.exportedName}`;
    // A page worker "app/(app)/stock/adjust/page" serves /stock/adjust.
    const pages = Object.keys(entry.workers)
      .filter((worker) => worker.endsWith("/page"))
      .map((worker) => routePath(path.dirname(worker)));
    actions.set(key, { id, key, pages });
  }
  return actions;
}

/** app/(app)/audit/export.csv → /audit/export.csv: route groups are not in the URL. */
function routePath(dir: string): string {
  const segments = dir.split("/").slice(1);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
}

function sourceRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(file, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(
          /export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g,
        ))
          methods.add(m[1]!);
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
          for (const name of m[1]!.matchAll(/as\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(name[1]!);
        for (const method of methods) found.push(`${method} ${routePath(path.dirname(file))}`);
      }
    }
  };
  walk("app");
  return found.sort();
}

/** A session cookie for `userId` with `companyId` active: a server-side session and its token, as sign-in makes. */
async function cookieFor(userId: string | null, companyId: string | null): Promise<string> {
  if (!userId) return "";
  const user = await world.system.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const session = await world.system.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  const token = await encode({
    token: { sub: userId, companyId, sv: user.sessionVersion, mcp: false, sid: session.id },
    secret: process.env.AUTH_SECRET!,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return `${sessionCookieName(base)}=${token}`;
}

const cookieAs = (caller: Caller, company: Company = world.a) =>
  cookieFor(
    userOf(world, caller, company),
    caller === "platformAdmin" || caller === "signedOut" ? null : company.companyId,
  );

/**
 * The arguments as React's reply encoding sends them: the root array last, each FormData's fields prefixed. A tenant
 * form carries the company its page was rendered for (lib/form-company.ts).
 */
function encodeArgs(args: Arg[], formCompany?: string): FormData {
  const body = new FormData();
  let forms = 0;
  const root = args.map((arg) => {
    if (arg === undefined) return "$undefined";
    if (!(arg instanceof Form)) return arg;
    forms += 1;
    const fields = formCompany ? { [COMPANY_FIELD]: formCompany, ...arg.fields } : arg.fields;
    for (const [name, value] of Object.entries(fields)) body.append(`_${forms}_${name}`, value);
    return `$K${forms}`;
  });
  body.append("0", JSON.stringify(root));
  return body;
}

function pageOf(key: string, action: ManifestAction): string {
  const entry = ACTIONS[key]!;
  if (entry.page) return entry.page(world);
  const page = action.pages.find((p) => !p.includes("["));
  if (!page) throw new Error(`${key}: its page has a dynamic segment, give the entry a page`);
  return page;
}

interface Outcome {
  status: number;
  ok: boolean;
  code?: string;
  /** The response's start, for the failure message. */
  body?: string;
}

/** What an action call came to: the action's result, or the refusal in front of it (a redirect, a problem). */
async function outcomeOf(response: Response): Promise<Outcome> {
  const status = response.status;
  const body = await response.text();
  expect(status, body.slice(0, 500)).not.toBe(500);
  expect(body).not.toMatch(/\n\s+at /);
  const location = response.headers.get("location");
  if (location?.includes("/login")) return { status, ok: false, code: "UNAUTHENTICATED" };
  if (location?.includes("/change-password")) return { status, ok: false, code: "PASSWORD_CHANGE_REQUIRED" };
  const failed = /"ok":false,"code":"([A-Z_]+)"/.exec(body);
  if (failed) return { status, ok: false, code: failed[1], body: body.slice(failed.index, failed.index + 400) };
  if (status === 401) return { status, ok: false, code: "UNAUTHENTICATED" };
  if (status === 403) return { status, ok: false, code: "FORBIDDEN" };
  if (status === 404) return { status, ok: false, code: "NOT_FOUND" };
  expect(status, body.slice(0, 500)).toBeLessThan(400);
  return { status, ok: true };
}

/** Public forms (allowed signed out) carry no company; any other form posted with a session carries company A. */
const formCompanyOf = (key: string, cookie: string) =>
  cookie && !ACTIONS[key]!.allowed.includes("signedOut") ? world.a.companyId : undefined;

async function callAction(key: string, cookie: string, company: Company, headers: Record<string, string> = {}) {
  const action = manifestActions().get(key)!;
  return fetch(`${base}${pageOf(key, action)}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": action.id, origin: base, accept: "text/x-component", cookie, ...headers },
    body: encodeArgs(ACTIONS[key]!.args(world, company), formCompanyOf(key, cookie)),
  });
}

/** Runs `call`, which must be refused, and checks that nothing in the database changed. */
async function expectRefusedUnchanged(what: string, call: () => Promise<Outcome>, refusal?: string) {
  const before = await snapshot(world.pool);
  const outcome = await call();
  expect(outcome.ok, `${what} was let through`).toBe(false);
  expect([...REFUSALS, refusal], `${what}: ${outcome.code} ${outcome.body}`).toContain(outcome.code);
  expect(await snapshot(world.pool), `${what} changed the database`).toEqual(before);
}

beforeAll(async () => {
  await ensureProductionBuild();
  world = await createWorld("security");
  server = await startProductionServer({
    DATABASE_URL: world.urls.appUrl,
    DATABASE_SYSTEM_URL: world.urls.systemUrl,
    MAIL_DIR: path.resolve(".data/test-mail/security"),
  });
  base = server.base;
}, 900_000);

afterAll(async () => {
  server?.stop();
  await world?.drop();
}, 60_000);

describe("discovery", () => {
  it("every server action of the build has an entry in the permission table, and every entry an action", () => {
    const built = [...manifestActions().keys()].sort();
    expect(built.length).toBeGreaterThan(0);
    expect(built, "actions without an entry in tests/integration/security/permission-table.ts").toEqual(
      Object.keys(ACTIONS).sort(),
    );
  });

  it("every route handler has an entry, and every entry a route handler", () => {
    expect(sourceRoutes(), "route handlers without an entry in permission-table.ts").toEqual(
      Object.keys(ROUTES).sort(),
    );
  });
});

// Every refusal first, while each action's rows are as the world made them; then the allowed calls, which move
// them on (an order approved, a member deactivated).
describe("server actions refuse whom the permission table does not allow, changing nothing", () => {
  for (const [key, entry] of Object.entries(ACTIONS)) {
    it(key, async () => {
      for (const caller of CALLERS.filter((c) => !entry.allowed.includes(c))) {
        await expectRefusedUnchanged(
          `${caller} calling ${key}`,
          async () => outcomeOf(await callAction(key, await cookieAs(caller), world.a)),
          entry.refusal,
        );
      }
      if (!entry.ids) return;
      for (const caller of entry.allowed.filter((c) => c !== "signedOut" && c !== "platformAdmin")) {
        await expectRefusedUnchanged(`${caller} of A calling ${key} with B's ids`, async () =>
          outcomeOf(await callAction(key, await cookieAs(caller), world.b)),
        );
      }
    });
  }
});

describe("server actions let through whom the permission table allows", () => {
  for (const [key, entry] of Object.entries(ACTIONS)) {
    it(key, async () => {
      for (const caller of entry.allowed) {
        const outcome = await outcomeOf(await callAction(key, await cookieAs(caller), world.a));
        const refusedForWho = outcome.code !== undefined && REFUSED_FOR_WHO.has(outcome.code);
        // Earlier calls moved rows on: a later caller may find its target gone; a token no caller has is refused as
        // unknown. Never for who the caller is.
        const lostTarget = outcome.code === "NOT_FOUND" && !(entry.ids || entry.tokenGated);
        expect(refusedForWho || lostTarget, `${caller} calling ${key}: ${outcome.code} ${outcome.body}`).toBe(false);
      }
    });
  }
});

describe("route handlers against the permission table", () => {
  for (const [key, entry] of Object.entries(ROUTES)) {
    it(key, async () => {
      const [method, route] = key.split(" ") as [string, string];
      for (const caller of CALLERS) {
        const abort = new AbortController();
        const url = typeof entry.url === "function" ? entry.url(world) : (entry.url ?? route);
        const response = await fetch(`${base}${url}`, {
          method,
          redirect: "manual",
          headers: { cookie: await cookieAs(caller), origin: base },
          signal: abort.signal,
        });
        abort.abort();
        expect(response.status, `${caller} ${key}`).not.toBe(500);
        const refused =
          [401, 403, 404].includes(response.status) || (response.headers.get("location") ?? "").includes("/login");
        expect(refused, `${caller} ${key}: ${response.status}`).toBe(!entry.allowed.includes(caller));
      }
    });
  }
});

describe("the request's origin", () => {
  it("refuses every action from another origin and from a null origin with 403, changing nothing", async () => {
    const cookie = await cookieAs("admin");
    for (const key of Object.keys(ACTIONS)) {
      for (const origin of ["https://evil.example", "null", `${base}.evil.example`]) {
        await expectRefusedUnchanged(`${key} from ${origin}`, async () => {
          const response = await callAction(key, cookie, world.a, { origin });
          expect(response.status, `${key} from ${origin}`).toBe(403);
          return outcomeOf(response);
        });
      }
    }
  });
});

describe("x-middleware-subrequest (CVE-2025-29927)", () => {
  const bypasses = [
    "proxy",
    "middleware",
    "src/middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "middleware:middleware:middleware:middleware:middleware",
  ];

  it("does not let a signed-out request past proxy.ts to a private page, a download or an action", async () => {
    for (const value of bypasses) {
      const page = await fetch(`${base}/users`, { redirect: "manual", headers: { "x-middleware-subrequest": value } });
      expect(page.status, value).toBe(307);
      expect(page.headers.get("location"), value).toContain("/login");
      const download = await fetch(`${base}/audit/export.csv`, {
        redirect: "manual",
        headers: { "x-middleware-subrequest": value },
      });
      expect(download.status, value).not.toBe(200);
      await expectRefusedUnchanged(`createLocationAction with x-middleware-subrequest: ${value}`, async () =>
        outcomeOf(
          await callAction("app/(app)/locations/actions.ts#createLocationAction", "", world.a, {
            "x-middleware-subrequest": value,
          }),
        ),
      );
    }
  });

  it("still runs proxy.ts for a signed-in request that carries it: the CSP and request id are set", async () => {
    const response = await fetch(`${base}/dashboard`, {
      headers: { cookie: await cookieAs("manager"), "x-middleware-subrequest": bypasses[3]! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src [^;]*'nonce-/);
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]{8,64}$/);
  });
});

describe("security headers on the kinds of response server-faults.test.ts does not check", () => {
  function expectHeaders(what: string, response: Response) {
    expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
    expect(response.headers.get("referrer-policy"), what).toBe("same-origin");
    expect(response.headers.get("x-frame-options"), what).toBe("DENY");
    expect(response.headers.get("permissions-policy"), what).toContain("camera=(self)");
    expect(response.headers.get("strict-transport-security"), what).toBeNull();
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp.match(/script-src/g), `${what}: one CSP`).toHaveLength(1);
    for (const rule of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(csp, what).toContain(rule);
    expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  }

  it("a public page, a redirect, a not-found page, a download, an event stream, JSON, a stylesheet and an icon", async () => {
    const admin = await cookieAs("admin");
    const contact = await fetch(`${base}/contact`);
    expect(contact.status).toBe(200);
    expectHeaders("public page", contact);
    const html = await contact.text();

    const redirect = await fetch(`${base}/dashboard`, { redirect: "manual" });
    expect(redirect.status).toBe(307);
    expectHeaders("redirect", redirect);

    const missing = await fetch(`${base}/no-such-page-here`, { headers: { cookie: admin } });
    expect(missing.status).toBe(404);
    expectHeaders("not-found page", missing);

    const download = await fetch(`${base}/products/export.csv`, { headers: { cookie: admin } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("text/csv");
    expectHeaders("CSV download", download);
    await download.text();

    const abort = new AbortController();
    const stream = await fetch(`${base}/api/events`, { headers: { cookie: admin }, signal: abort.signal });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expectHeaders("event stream", stream);
    abort.abort();

    const json = await fetch(`${base}/api/requests/products?q=Widget`, { headers: { cookie: admin } });
    expect(json.headers.get("content-type")).toContain("application/json");
    expectHeaders("JSON", json);

    const stylesheet = /href="(\/_next\/static\/[^"]+\.css(?:\?dpl=[\w-]+)?)"/.exec(html)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await fetch(`${base}${stylesheet}`);
    expect(css.headers.get("content-type")).toContain("text/css");
    expectHeaders("stylesheet", css);

    const icon = await fetch(`${base}/favicon.ico`);
    expectHeaders("icon", icon);
  });
});

describe("body size", () => {
  it("refuses a signed-out action body over 64 KiB with 413, changing nothing", async () => {
    await expectRefusedUnchanged("a 65 KiB contact message", async () => {
      const action = manifestActions().get("app/contact/actions.ts#contactAction")!;
      const response = await fetch(`${base}/contact`, {
        method: "POST",
        headers: { "next-action": action.id, origin: base },
        body: encodeArgs([
          undefined,
          new Form({ name: "Big", email: "big@security.test", message: "x".repeat(66_000) }),
        ]),
      });
      expect(response.status).toBe(413);
      return { status: 413, ok: false, code: "FORBIDDEN" };
    });
  });

  it("refuses a route handler body over 64 KiB with 413 before next-auth reads it, changing nothing", async () => {
    await expectRefusedUnchanged("a 65 KiB sign-in", async () => {
      const response = await fetch(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
        body: `email=big%40security.test&password=${"x".repeat(66_000)}`,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ status: 413, title: "Request too large" });
      return { status: 413, ok: false, code: "FORBIDDEN" };
    });
  });
});
