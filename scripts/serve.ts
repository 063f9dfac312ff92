// The HTTP server `npm start` runs: Next.js behind a plain Node server that stamps each request before Next.js sees
// it — the client's address as seen on the socket (lib/http/client-address.ts), so a spoofed X-Forwarded-For cannot
// dodge the sign-in rate limits; the request id; whether it is the router's prefetch (lib/http/request-id-cookie.ts)
// — and writes one JSON log line per request when its response ends (lib/http/request-log.ts). TRUST_PROXY=N
// trusts N reverse proxies in front (default 0), and their request ids.
import http from "node:http";
import next from "next";
import { sessionCookieName } from "../lib/auth/session-cookie";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "../lib/http/client-address";
import { markPrefetch } from "../lib/http/request-id-cookie";
import { withRequestLog } from "../lib/http/request-log";
import { logger } from "../lib/logger";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustedProxies = Number(process.env.TRUST_PROXY ?? 0);
if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
  console.error("[stockflow] TRUST_PROXY must be a whole number of trusted proxies (0, 1, 2, …)");
  process.exit(1);
}

const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer(
  withRequestLog(
    (request, response) => {
      const address = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
      if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
      else delete request.headers[CLIENT_ADDRESS_HEADER];
      markPrefetch(request.headers);
      void handle(request, response);
    },
    {
      logger,
      trustIncomingRequestId: trustedProxies > 0,
      session: { cookieName: sessionCookieName(process.env.APP_URL ?? ""), secret: process.env.AUTH_SECRET },
    },
  ),
);
server.listen(port, hostname, () => {
  console.log(`[stockflow] Listening on http://${hostname}:${port}`);
});

const close = () => server.close(() => process.exit(0));
process.on("SIGTERM", close);
process.on("SIGINT", close);
