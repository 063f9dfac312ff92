// The security headers of every response, from one place (docs/architecture.md §11). scripts/serve.ts sets them on
// every response before Next.js or its own answers write anything, so pages, route handlers, static files and the
// server's 503/413/403 all carry them: nosniff, referrer, permissions, framing, HSTS over HTTPS, and a
// Content-Security-Policy without a nonce (scripts only from the app's own files, never inline). proxy.ts replaces
// that policy on everything Next.js answers through it with one naming a fresh nonce, also set on the request, where
// Next.js reads the nonce for the scripts it writes.
// The CSP is a table of directives → sources; a feature that needs more adds a named extension below and enables
// it, so tests check each directive and a reviewer sees every widening in one list. Pure: no Node-only API (proxy.ts
// runs it too).

export type CspDirective =
  | "default-src"
  | "script-src"
  | "style-src"
  | "img-src"
  | "font-src"
  | "connect-src"
  | "worker-src"
  | "manifest-src"
  | "object-src"
  | "base-uri"
  | "form-action"
  | "frame-ancestors";

export type CspTable = Partial<Record<CspDirective, readonly string[]>>;

/** Stands for `'nonce-…'` in the table; replaced per request, or dropped with 'strict-dynamic' when there is none. */
export const NONCE = "{nonce}";

export const CSP_DIRECTIVES: CspTable = {
  "default-src": ["'self'"],
  // 'strict-dynamic': the scripts Next.js writes carry the nonce, and what they load is trusted in turn; a CSP3
  // browser then ignores 'self', which stays for older ones. Never 'unsafe-inline' for scripts.
  "script-src": ["'self'", NONCE, "'strict-dynamic'"],
  // Inline styles stay: recharts positions its SVG with style attributes and react-email's HTML (the previews at
  // /dev/emails, in a srcdoc frame that inherits this policy) is inline-styled. A nonce here would turn
  // 'unsafe-inline' off, so styles get none.
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'"],
  "font-src": ["'self'"],
  // Server actions, the router's fetches and the live-update stream (/api/events) are same-origin.
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * Widenings a feature may need, named so that enabling one is a one-word change in ENABLED_CSP_EXTENSIONS and a
 * visible decision. The camera scanner's WebAssembly decoder needs webAssembly (components/scan/zxing-detector.ts).
 */
export const CSP_EXTENSIONS = {
  /**
   * The service worker (/serwist/sw.js), from the app's own files only; and the web app
   * manifest (docs/architecture.md "Installable app and service worker"). default-src says the same today; named
   * so that a narrower default-src cannot silently break installing.
   */
  ownWorkers: { "worker-src": ["'self'"], "manifest-src": ["'self'"] },
  /** Compiling WebAssembly (a barcode decoder) without allowing eval of JavaScript. */
  webAssembly: { "script-src": ["'wasm-unsafe-eval'"] },
  /** Camera snapshots and generated images shown from memory. */
  inMemoryImages: { "img-src": ["data:", "blob:"] },
} satisfies Record<string, CspTable>;

export type CspExtension = keyof typeof CSP_EXTENSIONS;

/** The warehouse floor (issue 13): installable app, camera scanning with a WebAssembly decoder. */
export const ENABLED_CSP_EXTENSIONS: readonly CspExtension[] = ["ownWorkers", "webAssembly"];

/** The table with the given extensions' sources added to their directives (each source once). */
export function cspTable(extensions: readonly CspExtension[] = ENABLED_CSP_EXTENSIONS): CspTable {
  const table: Partial<Record<CspDirective, string[]>> = {};
  for (const [directive, sources] of Object.entries(CSP_DIRECTIVES) as [CspDirective, readonly string[]][]) {
    table[directive] = [...sources];
  }
  for (const name of extensions) {
    for (const [directive, sources] of Object.entries(CSP_EXTENSIONS[name]) as [CspDirective, readonly string[]][]) {
      const current = (table[directive] ??= []);
      for (const source of sources) if (!current.includes(source)) current.push(source);
    }
  }
  return table;
}

export interface CspOptions {
  /** The request's nonce; without one, only script files of the app's own origin run, never inline script. */
  nonce?: string;
  /** `next dev` only: React's development build evaluates code to rebuild call stacks. */
  development?: boolean;
  extensions?: readonly CspExtension[];
}

/** The Content-Security-Policy header value. */
export function contentSecurityPolicy({ nonce, development = false, extensions }: CspOptions = {}): string {
  return Object.entries(cspTable(extensions))
    .map(([directive, sources]) => {
      // Without a nonce, 'strict-dynamic' would leave no script trusted, 'self' included.
      const values = nonce
        ? sources.map((source) => (source === NONCE ? `'nonce-${nonce}'` : source))
        : sources.filter((source) => source !== NONCE && source !== "'strict-dynamic'");
      if (directive === "script-src" && development) values.push("'unsafe-eval'");
      return `${directive} ${values.join(" ")}`;
    })
    .join("; ");
}

/** 128 random bits, base64: unguessable, and in the form CSP's nonce-source (and Next.js's parser) accepts. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Every powerful feature off, but the camera for the app's own pages (scanning barcodes on the warehouse floor). */
export const PERMISSIONS_POLICY: Readonly<Record<string, string>> = {
  accelerometer: "()",
  autoplay: "()",
  "browsing-topics": "()",
  camera: "(self)",
  "display-capture": "()",
  "encrypted-media": "()",
  fullscreen: "()",
  geolocation: "()",
  gyroscope: "()",
  hid: "()",
  "idle-detection": "()",
  magnetometer: "()",
  microphone: "()",
  midi: "()",
  payment: "()",
  "picture-in-picture": "()",
  "publickey-credentials-get": "()",
  "screen-wake-lock": "()",
  serial: "()",
  usb: "()",
  "xr-spatial-tracking": "()",
};

/** A year, the usual HSTS lifetime (HSTS_MAX_AGE in lib/env.ts). */
export const DEFAULT_HSTS_MAX_AGE = 31_536_000;

/**
 * Whether the client reached the app over HTTPS: APP_URL says so, or — behind trusted proxies only — the nearest
 * proxy's X-Forwarded-Proto (a client's own copy of that header is not believed).
 */
export function servedOverHttps(
  appUrl: string,
  trustedProxies: number,
  forwardedProto: string | string[] | undefined,
): boolean {
  if (appUrl.startsWith("https://")) return true;
  if (trustedProxies <= 0 || forwardedProto === undefined) return false;
  const protos = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : forwardedProto).split(",");
  return protos[protos.length - 1]!.trim().toLowerCase() === "https";
}

/**
 * The headers every response carries (proxy.ts replaces the CSP with its nonce's); HSTS only over HTTPS and with a
 * max-age above 0 (0 disables it).
 */
export function staticSecurityHeaders({ https, hstsMaxAge }: { https: boolean; hstsMaxAge: number }) {
  return {
    "content-security-policy": contentSecurityPolicy(),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": Object.entries(PERMISSIONS_POLICY)
      .map(([feature, allow]) => `${feature}=${allow}`)
      .join(", "),
    // The old browsers' frame-ancestors 'none'.
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    ...(https && hstsMaxAge > 0 && { "strict-transport-security": `max-age=${hstsMaxAge}; includeSubDomains` }),
  };
}
