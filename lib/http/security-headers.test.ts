import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  servedOverHttps,
  staticSecurityHeaders,
  type CspExtension,
} from "./security-headers";

/** The policy as directive → sources, each directive once. */
function parse(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    expect(directives, `${name} appears once`).not.toHaveProperty(name!);
    directives[name!] = sources;
  }
  return directives;
}

describe("contentSecurityPolicy for a page", () => {
  const nonce = "bm9uY2Utb2YtdGhpcy1yZXF1ZXN0";
  const policy = parse(contentSecurityPolicy({ nonce }));

  it("runs only the scripts carrying this request's nonce, and what they load; never inline script", () => {
    expect(policy["script-src"]).toContain(`'nonce-${nonce}'`);
    expect(policy["script-src"]).toContain("'strict-dynamic'");
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
    expect(policy["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("allows inline styles (charts, email previews) and no nonce there, which would cancel them", () => {
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("cannot be framed, embeds no plugins, keeps the base URL and form targets on the app's origin", () => {
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'self'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
  });

  it("loads everything else, and connects (actions, live updates), only from the app's origin", () => {
    expect(policy["default-src"]).toEqual(["'self'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["font-src"]).toEqual(["'self'"]);
  });

  it("runs workers and the web app manifest from the app's origin only (the service worker, the scanner)", () => {
    expect(policy["worker-src"]).toEqual(["'self'"]);
    expect(policy["manifest-src"]).toEqual(["'self'"]);
  });

  it("compiles WebAssembly (the barcode decoder) without allowing eval of JavaScript", () => {
    expect(policy["script-src"]).toContain("'wasm-unsafe-eval'");
    expect(policy["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("shows images from the app's origin only: labels are inline SVG, the scanner draws no image", () => {
    expect(policy["img-src"]).toEqual(["'self'"]);
  });

  it("lets React's development build evaluate code under next dev only", () => {
    expect(parse(contentSecurityPolicy({ nonce, development: true }))["script-src"]).toContain("'unsafe-eval'");
  });
});

describe("contentSecurityPolicy without a nonce (every response not rendered through proxy.ts)", () => {
  it("runs script files of the app's own origin only, never inline script, and keeps every other rule", () => {
    const policy = parse(contentSecurityPolicy());
    // 'strict-dynamic' with no nonce would trust nothing, not even 'self'.
    expect(policy["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy["worker-src"]).toEqual(["'self'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("CSP extensions", () => {
  const withAll = (extensions: CspExtension[]) => parse(contentSecurityPolicy({ nonce: "abc", extensions }));

  it("each adds its sources to its directive only", () => {
    expect(withAll([])).not.toHaveProperty("worker-src");
    expect(withAll([])["script-src"]).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(withAll(["ownWorkers"])["worker-src"]).toEqual(["'self'"]);
    expect(withAll(["ownWorkers"])["manifest-src"]).toEqual(["'self'"]);
    expect(withAll(["ownWorkers"])["img-src"]).toEqual(["'self'"]);
    expect(withAll(["webAssembly"])["script-src"]).toEqual([
      "'self'",
      "'nonce-abc'",
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
    ]);
    expect(withAll(["inMemoryImages"])["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    const all = withAll(["ownWorkers", "webAssembly", "inMemoryImages"]);
    expect(all["connect-src"]).toEqual(["'self'"]);
    expect(all["script-src"]).not.toContain("'unsafe-eval'");
  });
});

describe("createNonce", () => {
  it("is base64 of at least 128 random bits, fresh every time", () => {
    const nonces = Array.from({ length: 1000 }, createNonce);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(nonce, "base64").length).toBeGreaterThanOrEqual(16);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("staticSecurityHeaders", () => {
  const headers = staticSecurityHeaders({ https: false, hstsMaxAge: 600 });

  it("carries the CSP without a nonce", () => {
    expect(headers["content-security-policy"]).toBe(contentSecurityPolicy());
  });

  it("forbids MIME sniffing, keeps the referrer on the app's origin and refuses framing", () => {
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  });

  it("allows the camera to the app's own pages and turns every other powerful feature off", () => {
    const features = Object.fromEntries(
      headers["permissions-policy"].split(", ").map((entry) => entry.split("=") as [string, string]),
    );
    expect(features.camera).toBe("(self)");
    for (const feature of ["microphone", "geolocation", "payment", "usb", "display-capture"]) {
      expect(features[feature], feature).toBe("()");
    }
    const allowed = Object.entries(features).filter(([, allow]) => allow !== "()");
    expect(allowed).toEqual([["camera", "(self)"]]);
  });

  it("sends HSTS only over HTTPS, with the configured max-age, and none when it is 0", () => {
    expect(headers).not.toHaveProperty("strict-transport-security");
    expect(staticSecurityHeaders({ https: true, hstsMaxAge: 600 })["strict-transport-security"]).toBe(
      "max-age=600; includeSubDomains",
    );
    expect(staticSecurityHeaders({ https: true, hstsMaxAge: 0 })).not.toHaveProperty("strict-transport-security");
  });
});

describe("servedOverHttps", () => {
  it("believes an https APP_URL", () => {
    expect(servedOverHttps("https://stock.example.com", 0, undefined)).toBe(true);
    expect(servedOverHttps("http://localhost:3000", 0, undefined)).toBe(false);
  });

  it("believes X-Forwarded-Proto only behind a trusted proxy, and only the value the nearest proxy wrote", () => {
    expect(servedOverHttps("http://app.internal", 0, "https")).toBe(false);
    expect(servedOverHttps("http://app.internal", 1, "https")).toBe(true);
    expect(servedOverHttps("http://app.internal", 1, "HTTPS")).toBe(true);
    expect(servedOverHttps("http://app.internal", 1, "http")).toBe(false);
    // A client's own "https" before the proxy's "http".
    expect(servedOverHttps("http://app.internal", 1, "https, http")).toBe(false);
    expect(servedOverHttps("http://app.internal", 1, ["http", "https"])).toBe(true);
  });
});
