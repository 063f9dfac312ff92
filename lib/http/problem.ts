// The answers the Node server in front of Next.js (scripts/serve.ts) gives itself, without Next: a refused server
// action (lib/http/action-guard.ts) and "the database is down" (lib/db/availability.ts). Programs — API callers and
// the router's fetch of a server action (Next-Action header) — get RFC 9457 problem details as JSON; a browser
// navigating gets a short plain page. Both name the request id for support. Not server-only: plain Node.
import type { IncomingHttpHeaders, ServerResponse } from "node:http";

export interface Problem {
  status: number;
  /** One short line: "Request too large". */
  title: string;
  /** What happened and what to do, one or two sentences. */
  detail: string;
}

/** API routes, fetch-driven server actions and anything that asks for JSON get JSON. */
export function wantsJson(url: string | undefined, headers: IncomingHttpHeaders): boolean {
  const path = (url ?? "/").split("?", 1)[0]!;
  if (path.startsWith("/api/") || headers["next-action"] !== undefined) return true;
  const accept = String(headers.accept ?? "");
  return accept.includes("json") && !accept.includes("text/html");
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function problemBody(problem: Problem, json: boolean, requestId: string | undefined): string {
  if (json) {
    return JSON.stringify({ type: "about:blank", ...problem, ...(requestId && { requestId }) });
  }
  const title = escapeHtml(problem.title);
  const reference = requestId ? `<p><small>Reference: ${escapeHtml(requestId)}</small></p>` : "";
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · StockFlow</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5">` +
    `<h1>${title}</h1><p>${escapeHtml(problem.detail)}</p>${reference}</body></html>`
  );
}

/**
 * Writes the problem and ends the response. `close` also closes the connection: used when the request's body is
 * left unread (reading a refused upload to the end would be the work the refusal saves).
 */
export function sendProblem(
  response: ServerResponse,
  request: { url?: string; headers: IncomingHttpHeaders },
  problem: Problem,
  options: { requestId?: string; retryAfterSeconds?: number; close?: boolean } = {},
): void {
  const json = wantsJson(request.url, request.headers);
  const body = problemBody(problem, json, options.requestId);
  // The security headers every response carries are already set (scripts/serve.ts).
  response.writeHead(problem.status, {
    "content-type": json ? "application/problem+json" : "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...(options.retryAfterSeconds !== undefined && { "retry-after": String(options.retryAfterSeconds) }),
    ...(options.close && { connection: "close" }),
  });
  response.end(body);
}
