import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { cookieValue, requestIdFor, routeOf, withRequestLog, type RequestLogLine } from "./request-log";

const SECRET = "request-log-test-secret-of-at-least-32-characters";
const COOKIE = "next-auth.session-token";

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server like scripts/serve.ts's, whose app answers with the request id it was given; and the lines it logs. */
async function start(trustIncomingRequestId = false) {
  const lines: (RequestLogLine & { msg: string })[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  server = http.createServer(
    withRequestLog(
      (request, response) => {
        response.statusCode = request.url?.startsWith("/missing") ? 404 : request.url?.startsWith("/fails") ? 500 : 200;
        response.end(String(request.headers["x-request-id"]));
      },
      { logger, trustIncomingRequestId, session: { cookieName: COOKIE, secret: SECRET } },
    ),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const before = lines.length;
    const response = await fetch(`${base}${path}`, { headers });
    const body = await response.text();
    // The line is written when the response ends, after the session is read.
    await expect.poll(() => lines.length).toBe(before + 1);
    return { response, body, line: lines[before]! };
  };
  return { get };
}

const session = (claims: Record<string, unknown>) => encode({ token: claims, secret: SECRET });

describe("withRequestLog", () => {
  it("logs one line per request: method, route without query, status, duration, request id, user and company", async () => {
    const { get } = await start();
    const userId = randomUUID();
    const companyId = randomUUID();
    const token = await session({ sub: userId, companyId, sv: 1, mcp: false });
    const { response, body, line } = await get("/products?q=private+search", {
      cookie: `theme=dark; ${COOKIE}=${token}`,
    });

    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: expect.any(Number),
      hostname: expect.any(String),
      msg: "request",
      method: "GET",
      route: "/products",
      status: 200,
      durationMs: expect.any(Number),
      requestId: body,
      userId,
      companyId,
    });
    expect(response.headers.get("x-request-id")).toBe(body);
    expect(JSON.stringify(line)).not.toContain("private");
  });

  it("logs a response that failed (5xx) as a warning with its request id", async () => {
    const { get } = await start();
    const { body, line } = await get("/fails");
    expect(line).toMatchObject({ level: 40, msg: "request failed", status: 500, route: "/fails", requestId: body });
    const ok = await get("/products");
    expect(ok.line).toMatchObject({ level: 30, msg: "request", status: 200 });
  });

  it("gives every request a new id unless a trusted proxy sent a well-formed one", async () => {
    const untrusted = await start(false);
    const first = await untrusted.get("/missing", { "x-request-id": "client-chosen-id" });
    expect(first.line).toMatchObject({ status: 404, requestId: first.body });
    expect(first.body).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => server!.close(resolve));

    const trusted = await start(true);
    expect((await trusted.get("/", { "x-request-id": "lb-0123456789" })).line.requestId).toBe("lb-0123456789");
    expect((await trusted.get("/", { "x-request-id": "not a valid id!" })).line.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves the ids out when there is no valid session, and for static files", async () => {
    const { get } = await start();
    const token = await session({ sub: randomUUID(), companyId: null, sv: 1, mcp: false });
    const platformAdmin = (await get("/platform", { cookie: `${COOKIE}=${token}` })).line;
    expect(platformAdmin.userId).toEqual(expect.any(String));
    expect(platformAdmin).not.toHaveProperty("companyId");

    for (const cookie of [undefined, `${COOKIE}=garbage`, `${COOKIE}=${token.slice(0, -4)}AAAA`]) {
      const { line } = await get("/dashboard", cookie ? { cookie } : {});
      expect(line).not.toHaveProperty("userId");
      expect(line).not.toHaveProperty("companyId");
    }
    expect((await get("/_next/static/chunks/app.js", { cookie: `${COOKIE}=${token}` })).line).not.toHaveProperty(
      "userId",
    );
  });
});

describe("the parts", () => {
  it("routeOf keeps no one-time token of a reset or invitation link", () => {
    const token = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    expect(routeOf(`/reset-password/${token}`)).toBe("/reset-password/:token");
    expect(routeOf(`/invite/${token}?as=member`)).toBe("/invite/:token");
    expect(routeOf(`/invite/${token}/accept`)).toBe("/invite/:token/accept");
    expect(routeOf("/reset-password")).toBe("/reset-password");
    expect(routeOf(`/products/${token}`)).toBe(`/products/${token}`);
  });

  it("routeOf drops the query string and fragment", () => {
    expect(routeOf("/requests/abc?notice=created#top")).toBe("/requests/abc");
    expect(routeOf(undefined)).toBe("/");
    expect(routeOf(`/${"x".repeat(600)}`)).toHaveLength(513);
  });

  it("cookieValue finds one cookie by its exact name", () => {
    expect(cookieValue("a=1; next-auth.session-token=tok.en=; b=2", "next-auth.session-token")).toBe("tok.en=");
    expect(cookieValue("xnext-auth.session-token=1", "next-auth.session-token")).toBeUndefined();
    expect(cookieValue(undefined, "a")).toBeUndefined();
  });

  it("requestIdFor keeps only a trusted, well-formed id", () => {
    expect(requestIdFor("abcdef12", true)).toBe("abcdef12");
    expect(requestIdFor(["abcdef12", "other"], true)).toBe("abcdef12");
    expect(requestIdFor("abcdef12", false)).not.toBe("abcdef12");
    expect(requestIdFor("short", true)).not.toBe("short");
  });
});
