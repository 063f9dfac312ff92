// One structured log line per HTTP request (docs/architecture.md §8 Logging), written by the server in front of Next.js
// (scripts/serve.ts) when the response ends: method, route (the path, no query string: it may carry search terms),
// status, duration, request id, and the user and company of the session. Design:
// - The request id is decided here, before Next.js sees the request, and set on the request (proxy.ts keeps an id
//   that arrives well-formed, so pages, actions, audit rows and error answers all carry this one) and on the
//   response. A client's own x-request-id is kept only behind trusted proxies (TRUST_PROXY), which set their own.
// - The user and company ids come from the session cookie's claims (sub, companyId), decrypted with AUTH_SECRET
//   as proxy.ts already does for its redirects: the JWT is encrypted and authenticated, so the ids cannot be forged,
//   and this needs no hook inside the app. They are who the session says is calling; whether the database still
//   agrees (an active member) decides the status, which the same line shows. Static files skip the decryption.
// Not server-only: it runs in the plain Node process of scripts/serve.ts.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { REQUEST_ID_HEADER } from "../auth/headers";
import { decodeSessionCookie } from "../auth/session-cookie-decode";

/** The request ids proxy.ts accepts: what randomUUID makes, and what a load balancer usually sends. */
export const REQUEST_ID_PATTERN = /^[\w-]{8,64}$/;

const MAX_ROUTE_LENGTH = 512;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RequestLogLine {
  method: string;
  route: string;
  status: number;
  durationMs: number;
  requestId: string;
  userId?: string;
  companyId?: string;
  /** The client went away before the response was complete. */
  aborted?: true;
}

/** The id for this request: a trusted proxy's well-formed one, else a new one. */
export function requestIdFor(incoming: string | string[] | undefined, trustIncoming: boolean): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return trustIncoming && value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

/**
 * Pages whose path carries a one-time credential (the token of an emailed reset or invitation link): the log
 * keeps the route, never the token.
 */
const SECRET_SEGMENT = /^\/(reset-password|invite)\/[^/]+/;

/** The path of a request target, without the query string or fragment, and without one-time tokens. */
export function routeOf(url: string | undefined): string {
  const path = ((url ?? "/").split(/[?#]/, 1)[0] || "/").replace(SECRET_SEGMENT, "/$1/:token");
  return path.length > MAX_ROUTE_LENGTH ? `${path.slice(0, MAX_ROUTE_LENGTH)}…` : path;
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export interface SessionIds {
  userId?: string;
  companyId?: string;
}

/** The user and company a session token names; nothing for a missing, expired, foreign or malformed token. */
export async function sessionIdsOf(token: string | undefined, secret: string | undefined): Promise<SessionIds> {
  if (!token || !secret) return {};
  const claims = await decodeSessionCookie(token, secret);
  const userId = typeof claims?.sub === "string" && UUID.test(claims.sub) ? claims.sub : undefined;
  const companyId = typeof claims?.companyId === "string" && UUID.test(claims.companyId) ? claims.companyId : undefined;
  return userId ? { userId, ...(companyId && { companyId }) } : {};
}

export interface RequestLogOptions {
  logger: Logger;
  /** Keep a well-formed incoming x-request-id (only behind trusted proxies). */
  trustIncomingRequestId: boolean;
  /** The session cookie's name and the secret that decrypts it. */
  session: { cookieName: string; secret: string | undefined };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Wraps a request handler: stamps the request id on the request and the response before `handle` runs, and logs
 * one line when the response ends (or the client goes away first).
 */
export function withRequestLog(handle: Handler, options: RequestLogOptions): Handler {
  return (request, response) => {
    const started = performance.now();
    const requestId = requestIdFor(request.headers[REQUEST_ID_HEADER], options.trustIncomingRequestId);
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const method = request.method ?? "GET";
    const route = routeOf(request.url);
    const cookie = request.headers.cookie;

    response.once("close", () => {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const line: RequestLogLine = {
        method,
        route,
        status: response.statusCode,
        durationMs,
        requestId,
        ...(!response.writableFinished && { aborted: true as const }),
      };
      const token = route.startsWith("/_next/") ? undefined : cookieValue(cookie, options.session.cookieName);
      // A 5xx is something that failed (inside Next or in front of it): a warning, findable by its request id.
      void sessionIdsOf(token, options.session.secret).then((ids) =>
        line.status >= 500
          ? options.logger.warn({ ...line, ...ids }, "request failed")
          : options.logger.info({ ...line, ...ids }, "request"),
      );
    });
    handle(request, response);
  };
}
