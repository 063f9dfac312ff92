// The HTTP server `npm start` runs: Next.js behind a plain Node server that stamps each request before Next.js sees
// it — the client's address as seen on the socket (lib/http/client-address.ts), so a spoofed X-Forwarded-For cannot
// dodge the sign-in rate limits; the request id; whether it is the router's prefetch (lib/http/request-id-cookie.ts)
// — and writes one JSON log line per request when its response ends (lib/http/request-log.ts). TRUST_PROXY=N
// trusts N reverse proxies in front (default 0), and their request ids.
// It also answers, without Next, what Next would answer badly:
// - while PostgreSQL is unreachable, 503 "back in a moment" for everything but the liveness check
//   (lib/db/availability.ts), and Next again as soon as it answers;
// - a server action from a foreign origin (403), over its path's body limit (413) or malformed (400)
//   (lib/http/action-guard.ts).
// Before anything else, a server other machines can reach refuses to start while a demo account still has the demo
// password (lib/platform/open-demo.ts).
// Every response, its own and Next's, carries the security headers (lib/http/security-headers.ts): set here before
// anything else writes; proxy.ts replaces the Content-Security-Policy with one naming its per-request nonce.
// SIGTERM/SIGINT shut it down gracefully within SHUTDOWN_TIMEOUT_MS (lib/shutdown.ts).
import http from "node:http";
import next from "next";
import { sessionCookieName } from "../lib/auth/session-cookie";
import { DatabaseAvailability } from "../lib/db/availability";
import { createPrismaClient } from "../lib/db/client";
import {
  guardRouteBody,
  guardServerAction,
  isRouteBodyRequest,
  isServerActionRequest,
  pathOf,
} from "../lib/http/action-guard";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "../lib/http/client-address";
import { sendProblem } from "../lib/http/problem";
import { servedOverHttps, staticSecurityHeaders } from "../lib/http/security-headers";
import { markPrefetch } from "../lib/http/request-id-cookie";
import { cookieValue, sessionIdsOf, withRequestLog } from "../lib/http/request-log";
import { logger } from "../lib/logger";
import { openDemoRefusal, reachableFromElsewhere } from "../lib/platform/open-demo";
import { runShutdownPhase } from "../lib/shutdown";
import { REQUEST_ID_HEADER } from "../lib/auth/headers";
import { hstsMaxAgeSetting } from "../lib/env";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// `npm start` passes HOST=127.0.0.1 for the embedded database (scripts/start.ts); your own server listens on all
// addresses unless HOST says otherwise.
const hostname = process.env.HOST ?? "0.0.0.0";
const trustedProxies = Number(process.env.TRUST_PROXY ?? 0);
if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
  console.error("[stockflow] TRUST_PROXY must be a whole number of trusted proxies (0, 1, 2, …)");
  process.exit(1);
}
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs <= 0) {
  console.error("[stockflow] SHUTDOWN_TIMEOUT_MS must be a positive number of milliseconds");
  process.exit(1);
}
const hstsMaxAge = hstsMaxAgeSetting.safeParse(process.env.HSTS_MAX_AGE);
if (!hstsMaxAge.success) {
  console.error("[stockflow] HSTS_MAX_AGE must be a whole number of seconds (0 sends no HSTS header)");
  process.exit(1);
}
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const authSecret = process.env.AUTH_SECRET;
const cookieName = sessionCookieName(appUrl);
const securityHeaders = {
  http: staticSecurityHeaders({ https: false, hstsMaxAge: hstsMaxAge.data }),
  https: staticSecurityHeaders({ https: true, hstsMaxAge: hstsMaxAge.data }),
};

await refuseOpenDemo();

const availability = process.env.DATABASE_URL
  ? new DatabaseAvailability({ connectionString: process.env.DATABASE_URL, log: logger })
  : undefined;
await availability?.start();

/**
 * A server other machines can reach does not start while a demo account has the published demo password
 * (lib/platform/open-demo.ts): one query with the system client, which is closed again before Next starts.
 */
async function refuseOpenDemo(): Promise<void> {
  const exposure = { host: hostname, trustProxy: trustedProxies, appUrl: process.env.APP_URL };
  if (reachableFromElsewhere(exposure).length === 0) return;
  const systemUrl = process.env.DATABASE_SYSTEM_URL;
  if (!systemUrl) {
    console.error('[stockflow] DATABASE_SYSTEM_URL is not set (see README "Configuration")');
    process.exit(1);
  }
  const system = createPrismaClient(systemUrl, 1);
  let refusal: string | null;
  try {
    refusal = await openDemoRefusal(system, exposure);
  } catch (error) {
    // Not knowing is no permission: the check fails closed.
    refusal = `StockFlow will not start: the demo accounts could not be checked (${error instanceof Error ? error.message : String(error)}).`;
  } finally {
    await system.$disconnect();
  }
  if (refusal) {
    console.error(`[stockflow] ${refusal}`);
    process.exit(1);
  }
}

const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const UNAVAILABLE = {
  status: 503,
  title: "StockFlow is back in a moment",
  detail: "The database is not answering right now. Nothing you sent was saved; try again in a few seconds.",
};

/** Served while the database is away: the liveness check, and the static files an open page may still fetch. */
const servesWithoutDatabase = (path: string) => path === "/api/health" || path.startsWith("/_next/static/");

let stopping = false;

async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const requestId = String(request.headers[REQUEST_ID_HEADER]);
  // A keep-alive connection that sends another request while the server stops is not kept for a third.
  if (stopping) response.setHeader("connection", "close");
  if (availability && !availability.available && !servesWithoutDatabase(pathOf(request.url))) {
    sendProblem(response, request, UNAVAILABLE, { requestId, retryAfterSeconds: 5 });
    return;
  }
  let forNext = request;
  if (isServerActionRequest(request.method, request.url, request.headers)) {
    const outcome = await guardServerAction(request, {
      appUrl,
      trustedProxies,
      signedIn: async (headers) => !!(await sessionIdsOf(cookieValue(headers.cookie, cookieName), authSecret)).userId,
    });
    if (!outcome.ok) {
      logger.warn({ requestId, status: outcome.problem.status, route: pathOf(request.url) }, "server action refused");
      sendProblem(response, request, outcome.problem, { requestId, close: outcome.unread });
      return;
    }
    forNext = outcome.request;
  } else if (isRouteBodyRequest(request.method, request.url)) {
    const outcome = await guardRouteBody(request);
    if (!outcome.ok) {
      logger.warn({ requestId, status: outcome.problem.status, route: pathOf(request.url) }, "route body refused");
      sendProblem(response, request, outcome.problem, { requestId, close: outcome.unread });
      return;
    }
    forNext = outcome.request;
  }
  await handle(forNext, response);
}

const server = http.createServer(
  withRequestLog(
    (request, response) => {
      const address = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
      if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
      else delete request.headers[CLIENT_ADDRESS_HEADER];
      markPrefetch(request.headers);
      const https = servedOverHttps(appUrl, trustedProxies, request.headers["x-forwarded-proto"]);
      for (const [name, value] of Object.entries(securityHeaders[https ? "https" : "http"])) {
        response.setHeader(name, value);
      }
      serve(request, response).catch((error: unknown) => {
        // The client went away mid-body, or Next failed outside its own error handling: no stack to the client.
        logger.warn(
          { err: error, requestId: request.headers[REQUEST_ID_HEADER] },
          "request failed before Next answered",
        );
        if (!response.headersSent) {
          sendProblem(
            response,
            request,
            { status: 500, title: "Something went wrong", detail: "Please try again." },
            { requestId: String(request.headers[REQUEST_ID_HEADER]), close: true },
          );
        } else response.destroy();
      });
    },
    { logger, trustIncomingRequestId: trustedProxies > 0, session: { cookieName, secret: authSecret } },
  ),
);
server.listen(port, hostname, () => {
  console.log(`[stockflow] Listening on http://${hostname}:${port}`);
});

/**
 * Stops accepting connections, ends the event streams (they never end by themselves), lets the requests in flight
 * finish while closing every keep-alive connection as it goes idle, then stops the background work and closes the
 * database connections. Connections still open at SHUTDOWN_TIMEOUT_MS are closed; a step still hanging well after
 * that ends the process with 1.
 */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const report = (name: string, error: unknown) => logger.warn({ err: error, hook: name }, "shutdown step failed");
  const force = setTimeout(() => {
    logger.warn("connections still open at the shutdown bound: closing them");
    server.closeAllConnections();
  }, shutdownTimeoutMs);
  setTimeout(() => {
    logger.error("shutdown did not finish: exiting");
    process.exit(1);
  }, shutdownTimeoutMs + 5_000).unref();

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await runShutdownPhase("streams", report);
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  await closed;
  clearInterval(idle);
  clearTimeout(force);
  await runShutdownPhase("workers", report);
  await availability?.close();
  await runShutdownPhase("connections", report);
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
