// The guard scripts/serve.ts puts in front of Next's server actions, on a real HTTP server: what it refuses (with
// which status) before any of the body reaches the app, and that what it lets through reaches the app byte for byte.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  ACTION_BODY_LIMITS,
  bodyKindOf,
  DRAIN_LIMIT,
  guardRouteBody,
  guardServerAction,
  isRouteBodyRequest,
  isServerActionRequest,
  multipartFramed,
  originAllowed,
  ROUTE_BODY_LIMIT,
} from "./action-guard";
import { sendProblem } from "./problem";

const APP_URL = "https://stock.example.com";
const MEMBER_COOKIE = "session=member";

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server like serve.ts: refusals answered by the guard; a passing request's body echoed by the "app". */
async function start(trustedProxies = 0) {
  let appCalls = 0;
  server = http.createServer((request, response) => {
    void guardServerAction(request, {
      appUrl: APP_URL,
      trustedProxies,
      signedIn: async (headers) => headers.cookie === MEMBER_COOKIE,
    }).then(async (outcome) => {
      if (!outcome.ok) return sendProblem(response, request, outcome.problem, { close: outcome.unread });
      appCalls += 1;
      const chunks: Buffer[] = [];
      for await (const chunk of outcome.request) chunks.push(chunk as Buffer);
      response.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server!.address() as AddressInfo).port;
  const post = (path: string, headers: Record<string, string>, body: BodyInit) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "next-action": "abc123", ...headers },
      body,
      duplex: "half",
    } as RequestInit);
  return { post, host: `127.0.0.1:${port}`, appCalls: () => appCalls };
}

/** A browser-built multipart body and its content type. */
async function multipart(fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const request = new Request("http://x/", { method: "POST", body: form });
  return { type: request.headers.get("content-type")!, body: Buffer.from(await request.arrayBuffer()) };
}

describe("isServerActionRequest", () => {
  it("is a POST with Next-Action, or a form posted to a page; never an API route or a GET", () => {
    expect(isServerActionRequest("POST", "/products", { "next-action": "x" })).toBe(true);
    expect(isServerActionRequest("POST", "/login?x=1", { "content-type": "multipart/form-data; boundary=a" })).toBe(
      true,
    );
    expect(isServerActionRequest("POST", "/contact", { "content-type": "application/x-www-form-urlencoded" })).toBe(
      true,
    );
    expect(
      isServerActionRequest("POST", "/api/auth/callback/credentials", {
        "content-type": "application/x-www-form-urlencoded",
      }),
    ).toBe(false);
    expect(isServerActionRequest("POST", "/products", { "content-type": "application/json" })).toBe(false);
    expect(isServerActionRequest("GET", "/products", { "next-action": "x" })).toBe(false);
  });
});

describe("originAllowed", () => {
  const options = { appUrl: APP_URL, trustedProxies: 0 };
  it("accepts APP_URL's origin, the Host the request was sent to, and no Origin at all", () => {
    expect(originAllowed({ origin: APP_URL, host: "10.0.0.5:3000" }, options)).toBe(true);
    expect(originAllowed({ origin: "http://localhost:3000", host: "localhost:3000" }, options)).toBe(true);
    expect(originAllowed({ host: "localhost:3000" }, options)).toBe(true);
  });

  it("refuses another site, a look-alike host, a null origin and garbage", () => {
    expect(originAllowed({ origin: "https://evil.example", host: "stock.example.com" }, options)).toBe(false);
    expect(originAllowed({ origin: "https://stock.example.com.evil.example", host: "x" }, options)).toBe(false);
    expect(originAllowed({ origin: "null", host: "stock.example.com" }, options)).toBe(false);
    expect(originAllowed({ origin: "not a url", host: "stock.example.com" }, options)).toBe(false);
  });

  it("believes X-Forwarded-Host only behind trusted proxies", () => {
    const headers = { origin: "https://other.example", host: "app:3000", "x-forwarded-host": "other.example" };
    expect(originAllowed(headers, options)).toBe(false);
    expect(originAllowed(headers, { ...options, trustedProxies: 1 })).toBe(true);
  });
});

describe("bodyKindOf and multipartFramed", () => {
  it("knows the kinds Next decodes, and a multipart boundary only when it is a valid one", () => {
    expect(bodyKindOf("text/plain;charset=UTF-8")).toEqual({ kind: "text" });
    expect(bodyKindOf("application/x-www-form-urlencoded")).toEqual({ kind: "urlencoded" });
    expect(bodyKindOf('multipart/form-data; boundary="a b"')).toEqual({ kind: "multipart", boundary: "a b" });
    expect(bodyKindOf(undefined)).toBeUndefined();
    expect(bodyKindOf("application/json")).toBeUndefined();
    expect(bodyKindOf("multipart/form-data")).toBeUndefined();
    expect(bodyKindOf("multipart/form-data; boundary=")).toBeUndefined();
    expect(bodyKindOf(`multipart/form-data; boundary=${"x".repeat(71)}`)).toBeUndefined();
  });

  it("accepts a browser's multipart body and refuses one framed by another boundary or cut short", async () => {
    const { type, body } = await multipart({ name: "Bolt", note: "M8" });
    const boundary = (bodyKindOf(type) as { boundary: string }).boundary;
    expect(multipartFramed(body, boundary)).toBe(true);
    expect(multipartFramed(body, "another-boundary")).toBe(false);
    expect(multipartFramed(body.subarray(0, body.length - 10), boundary)).toBe(false);
  });
});

describe("guardServerAction", () => {
  it("hands a well-formed same-origin action to the app with its body intact", async () => {
    const { post, host, appCalls } = await start();
    const { type, body } = await multipart({ name: "Bolt ✓", file: new Blob(["sku,name\nA,B\n"]) });
    const response = await post("/products/new", { origin: `http://${host}`, "content-type": type }, body);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
    expect(appCalls()).toBe(1);
  });

  it("refuses a foreign origin with 403 problem details, before the app", async () => {
    const { post, appCalls } = await start();
    const response = await post("/settings", { origin: "https://evil.example", "content-type": "text/plain" }, "[]");
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 403, title: "Request refused" });
    expect(appCalls()).toBe(0);
  });

  it("refuses a missing content type, an unknown one and a body that does not match its boundary with 400", async () => {
    const { post, appCalls } = await start();
    const { body } = await multipart({ name: "Bolt" });
    expect((await post("/products/new", {}, new Blob([body]))).status).toBe(400);
    expect((await post("/products/new", { "content-type": "application/json" }, "{}")).status).toBe(400);
    const wrongBoundary = await post("/products/new", { "content-type": "multipart/form-data; boundary=zzz" }, body);
    expect(wrongBoundary.status).toBe(400);
    expect(appCalls()).toBe(0);
  });

  it("gives a signed-out caller 64 KiB, a member 1 MiB, and only a member on the import page 6 MiB", async () => {
    const { post, appCalls } = await start();
    const sized = (bytes: number) => "x".repeat(bytes);
    const text = { "content-type": "text/plain;charset=UTF-8" };
    const member = { ...text, cookie: MEMBER_COOKIE };

    expect((await post("/contact", text, sized(ACTION_BODY_LIMITS.signedOut))).status).toBe(200);
    expect((await post("/contact", text, sized(ACTION_BODY_LIMITS.signedOut + 1))).status).toBe(413);
    // Signed out, the import page is no exception.
    expect((await post("/products/import", text, sized(ACTION_BODY_LIMITS.signedOut + 1))).status).toBe(413);
    expect((await post("/products/new", member, sized(ACTION_BODY_LIMITS.member))).status).toBe(200);
    expect((await post("/products/new", member, sized(ACTION_BODY_LIMITS.member + 1))).status).toBe(413);
    expect((await post("/products/import", member, sized(5 * 1024 * 1024))).status).toBe(200);
    expect((await post("/products/import", member, sized(ACTION_BODY_LIMITS.import + 1))).status).toBe(413);
    // The supplier and customer directories import on pages of their own.
    expect((await post("/suppliers/import", member, sized(5 * 1024 * 1024))).status).toBe(200);
    expect((await post("/customers/import", member, sized(ACTION_BODY_LIMITS.import + 1))).status).toBe(413);
    expect((await post("/suppliers/new", member, sized(ACTION_BODY_LIMITS.member + 1))).status).toBe(413);
    expect(appCalls()).toBe(4);
  });

  it("stops a body with no declared length as soon as it passes the limit", async () => {
    const { post, appCalls } = await start();
    let sent = 0;
    const chunk = new Uint8Array(16 * 1024);
    // 64 chunks of 16 KiB (1 MiB) offered; the limit is 64 KiB.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    // The rest (under DRAIN_LIMIT) is read and thrown away, so the client finishes sending and reads the answer.
    const response = await post("/contact", { "content-type": "text/plain" }, stream);
    expect(response.status).toBe(413);
    expect(appCalls()).toBe(0);
  });

  it("answers a refused upload after draining it, so the client reads the answer; past DRAIN_LIMIT it cuts", async () => {
    const { post, appCalls } = await start();
    const member = { "content-type": "text/plain", cookie: MEMBER_COOKIE };
    for (let i = 0; i < 5; i++) {
      const response = await post("/products/new", member, "x".repeat(3 * ACTION_BODY_LIMITS.member));
      expect(response.status).toBe(413);
      expect(response.headers.get("connection")).not.toBe("close");
    }
    const huge = await post("/products/new", member, "x".repeat(DRAIN_LIMIT + 1)).catch(() => undefined);
    // Too big to drain: a 413 on a closing connection, or the connection cut under the client.
    if (huge) {
      expect(huge.status).toBe(413);
      expect(huge.headers.get("connection")).toBe("close");
    }
    expect(appCalls()).toBe(0);
  });
});

describe("guardRouteBody", () => {
  it("is for bodies sent to route handlers: not GET, HEAD or OPTIONS, and only under /api/", () => {
    expect(isRouteBodyRequest("POST", "/api/auth/callback/credentials?x=1")).toBe(true);
    expect(isRouteBodyRequest("PUT", "/api/requests")).toBe(true);
    expect(isRouteBodyRequest("GET", "/api/events")).toBe(false);
    expect(isRouteBodyRequest("HEAD", "/api/health")).toBe(false);
    expect(isRouteBodyRequest("OPTIONS", "/api/requests")).toBe(false);
    expect(isRouteBodyRequest("POST", "/products/new")).toBe(false);
  });

  it("hands a body within 64 KiB to the route intact, and refuses a larger one with 413 before the route", async () => {
    let routeCalls = 0;
    server = http.createServer((request, response) => {
      void guardRouteBody(request).then(async (outcome) => {
        if (!outcome.ok) return sendProblem(response, request, outcome.problem, { close: outcome.unread });
        routeCalls += 1;
        const chunks: Buffer[] = [];
        for await (const chunk of outcome.request) chunks.push(chunk as Buffer);
        response.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/auth/callback/credentials`;
    const post = (body: string) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });

    const fits = "email=a%40b.c&password=" + "x".repeat(ROUTE_BODY_LIMIT - 23);
    const accepted = await post(fits);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe(fits);
    const refused = await post(fits + "x");
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ status: 413, title: "Request too large" });
    expect(routeCalls).toBe(1);
  });
});
