// What a server action request must be before Next.js parses it (scripts/serve.ts runs this in front of Next):
// - from this app's origin (a foreign Origin is refused with 403, like Next's own check but as a clean answer);
// - within the body limit of its path, counted while the body streams in, never after buffering it (413): a signed-
//   out caller may send 64 KiB (sign-up, contact, reset: a few fields), a member 1 MiB, and only a member on a CSV
//   import page 6 MiB (the import's 5 MB file plus multipart framing, lib/csv/limits.ts);
// - well-formed: a content type Next can decode, and for multipart a boundary that frames the body (400).
// A passing request is handed to Next as a replay of the body already read (Next reads the body itself).
// next.config.mjs keeps serverActions.bodySizeLimit at the largest of these limits as the outer cap for a server
// that runs Next without this guard (`next dev` alone); it cannot be path-aware.
// Not server-only: plain Node, unit-tested.
import { IncomingMessage, type IncomingHttpHeaders } from "node:http";
import type { Problem } from "./problem";

const KIB = 1024;
const MIB = 1024 * KIB;

export const ACTION_BODY_LIMITS = {
  /** No valid session: the public forms (sign-up, contact, password reset, invitations). */
  signedOut: 64 * KIB,
  /** A member's ordinary forms; a stocktake of a few thousand lines fits. */
  member: 1 * MIB,
  /** A member uploading a CSV import (MAX_CSV_BYTES = 5 MB, plus framing). */
  import: 6 * MIB,
} as const;

/**
 * The pages whose actions upload a CSV file: products and stock levels both import on the first; the supplier and
 * customer directories on theirs.
 */
const IMPORT_PATHS = new Set(["/products/import", "/suppliers/import", "/customers/import"]);

export function pathOf(url: string | undefined): string {
  return (url ?? "/").split(/[?#]/, 1)[0] || "/";
}

/**
 * A server action: a POST with Next's Next-Action header (the router's fetch), or a form posted to a page without
 * it (a form submitted before JavaScript loaded: Next finds the action id in the body). API routes are not actions.
 */
export function isServerActionRequest(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
) {
  if (method !== "POST") return false;
  if (headers["next-action"] !== undefined) return true;
  const path = pathOf(url);
  if (path.startsWith("/api/") || path.startsWith("/_next/")) return false;
  const type = String(headers["content-type"] ?? "").toLowerCase();
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

export function actionBodyLimit(path: string, signedIn: boolean): number {
  if (!signedIn) return ACTION_BODY_LIMITS.signedOut;
  return IMPORT_PATHS.has(path) ? ACTION_BODY_LIMITS.import : ACTION_BODY_LIMITS.member;
}

export interface OriginOptions {
  /** APP_URL: the origin the app is published at. */
  appUrl: string;
  /** TRUST_PROXY: behind trusted proxies, the X-Forwarded-Host they set names the host the browser used. */
  trustedProxies: number;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();

/**
 * Same-origin: the Origin's host is APP_URL's, or the host this request was sent to (the Host header, or behind
 * trusted proxies the forwarded host). A missing Origin is let through as Next does (browsers send it on every
 * POST; a program without one is no cross-site forgery); "null" (a sandboxed frame, a redirect chain) is not.
 */
export function originAllowed(headers: IncomingHttpHeaders, options: OriginOptions): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = hostOf(origin);
  if (!host) return false;
  const allowed = new Set<string>();
  const appHost = hostOf(options.appUrl);
  if (appHost) allowed.add(appHost);
  const requestHost = options.trustedProxies > 0 ? (first(headers["x-forwarded-host"]) ?? headers.host) : headers.host;
  if (requestHost) allowed.add(requestHost.toLowerCase());
  return allowed.has(host);
}

/** RFC 2046 boundary: 1–70 of these characters, not ending in a space; maybe quoted. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export type BodyKind = { kind: "multipart"; boundary: string } | { kind: "urlencoded" } | { kind: "text" };

/** The body kinds Next's action handler decodes; anything else is refused before it reaches Next. */
export function bodyKindOf(contentType: string | undefined): BodyKind | undefined {
  if (!contentType) return undefined;
  const [mime = "", ...params] = contentType.split(";").map((part) => part.trim());
  switch (mime.toLowerCase()) {
    case "text/plain":
      return { kind: "text" };
    case "application/x-www-form-urlencoded":
      return { kind: "urlencoded" };
    case "multipart/form-data": {
      const param = params.find((p) => p.toLowerCase().startsWith("boundary="));
      const raw = param?.slice("boundary=".length) ?? "";
      const boundary = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
      return BOUNDARY.test(boundary) ? { kind: "multipart", boundary } : undefined;
    }
    default:
      return undefined;
  }
}

/** The body opens with the boundary's first delimiter and ends with its close delimiter. */
export function multipartFramed(body: Buffer, boundary: string): boolean {
  const delimiter = `--${boundary}`;
  if (!body.subarray(0, delimiter.length + 2).equals(Buffer.from(`${delimiter}\r\n`))) return false;
  const close = Buffer.from(`\r\n${delimiter}--`);
  const end = body.lastIndexOf(close);
  return end > 0 && /^(\r\n)?$/.test(body.subarray(end + close.length).toString("latin1"));
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the body is over ${limit} bytes`);
  }
}

/**
 * The request's body, refused with BodyTooLargeError as soon as its declared length or the bytes received pass
 * `limit` (the rest is never read). Rejects when the client goes away mid-body.
 */
export function readBodyWithin(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (error?: Error) => {
      request.off("data", onData).off("end", onEnd).off("error", done).off("aborted", onAborted);
      if (error) {
        request.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, received));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return done(new BodyTooLargeError(limit));
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onAborted = () => done(new Error("the client went away before sending the whole body"));
    request.on("data", onData).on("end", onEnd).on("error", done).on("aborted", onAborted);
  });
}

/**
 * The most of a refused body that is read and thrown away, so that the client can finish sending and then read the
 * answer (a client cut off mid-upload sees a broken connection, not the 413). Beyond it the connection is cut.
 */
export const DRAIN_LIMIT = 8 * MIB;

/** Reads and discards the rest of a refused request's body, up to `limit` bytes; true when it ended within them. */
export function drainBody(request: IncomingMessage, limit = DRAIN_LIMIT): Promise<boolean> {
  if (request.complete) return Promise.resolve(true);
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(false);
  return new Promise((resolve) => {
    let received = 0;
    const finish = (drained: boolean) => {
      request.off("data", onData).off("end", onEnd).off("error", onGone).off("aborted", onGone);
      if (!drained) request.pause();
      resolve(drained);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) finish(false);
    };
    const onEnd = () => finish(true);
    const onGone = () => finish(false);
    request.on("data", onData).on("end", onEnd).on("error", onGone).on("aborted", onGone);
    request.resume();
  });
}

/** A request Next can read as if it came off the socket: the same head, the body already read. */
export function replayRequest(request: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(request.socket);
  replay.method = request.method;
  replay.url = request.url;
  replay.httpVersion = request.httpVersion;
  replay.httpVersionMajor = request.httpVersionMajor;
  replay.httpVersionMinor = request.httpVersionMinor;
  const headers: IncomingHttpHeaders = { ...request.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  replay.headers = headers;
  replay.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? ""]).flatMap((v) => [name, v]),
  );
  replay.push(body);
  replay.push(null);
  replay.complete = true;
  return replay;
}

export interface ActionGuardOptions extends OriginOptions {
  /** Whether the request carries a valid session (its cookie decrypts): decides the body limit. */
  signedIn(headers: IncomingHttpHeaders): Promise<boolean>;
}

export type GuardOutcome =
  | { ok: true; request: IncomingMessage }
  /** `unread`: the body was not read to its end (it was over DRAIN_LIMIT); the connection closes after the answer. */
  | { ok: false; problem: Problem; unread: boolean };

const FOREIGN_ORIGIN: Problem = {
  status: 403,
  title: "Request refused",
  detail: "This form was sent from another site. Open StockFlow and try again from there.",
};
const MALFORMED: Problem = {
  status: 400,
  title: "Bad request",
  detail: "The form data could not be read. Reload the page and try again.",
};
const tooLarge = (limit: number): Problem => ({
  status: 413,
  title: "Request too large",
  detail: `What was sent is larger than this form accepts (${Math.round(limit / KIB).toLocaleString("en")} KB). Send less, or split it up.`,
});

/** Checks a server action request (isServerActionRequest) and reads its body; a passing request is replayed. */
export async function guardServerAction(request: IncomingMessage, options: ActionGuardOptions): Promise<GuardOutcome> {
  const refuse = async (problem: Problem): Promise<GuardOutcome> => ({
    ok: false,
    problem,
    unread: !(await drainBody(request)),
  });
  if (!originAllowed(request.headers, options)) return refuse(FOREIGN_ORIGIN);
  const kind = bodyKindOf(request.headers["content-type"]);
  if (!kind) return refuse(MALFORMED);
  const limit = actionBodyLimit(pathOf(request.url), await options.signedIn(request.headers));
  let body: Buffer;
  try {
    body = await readBodyWithin(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(tooLarge(limit));
    throw error;
  }
  if (kind.kind === "multipart" && !multipartFramed(body, kind.boundary)) {
    return { ok: false, problem: MALFORMED, unread: false };
  }
  return { ok: true, request: replayRequest(request, body) };
}

/**
 * Route handlers that take a body (today next-auth's sign-in and sign-out forms under /api/auth; the public API to
 * come) read it whole, so its size is bounded here too, as it streams in: 64 KiB, the signed-out action limit. A
 * route that needs more gets its own limit here when it is built.
 */
export const ROUTE_BODY_LIMIT = ACTION_BODY_LIMITS.signedOut;

/** A request with a body for a route handler: any method but GET, HEAD and OPTIONS under /api/. */
export function isRouteBodyRequest(method: string | undefined, url: string | undefined): boolean {
  return method !== undefined && !["GET", "HEAD", "OPTIONS"].includes(method) && pathOf(url).startsWith("/api/");
}

/** Reads a route handler's body within ROUTE_BODY_LIMIT (413 past it); a passing request is replayed. */
export async function guardRouteBody(request: IncomingMessage): Promise<GuardOutcome> {
  try {
    return { ok: true, request: replayRequest(request, await readBodyWithin(request, ROUTE_BODY_LIMIT)) };
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return { ok: false, problem: tooLarge(ROUTE_BODY_LIMIT), unread: !(await drainBody(request)) };
  }
}
