// How an error page learns the id of the request that failed. Error boundaries are client components and get only
// the error (and, for a server error, its digest), so proxy.ts also puts each page, navigation and action request's
// id in a cookie that scripts can read; the error page shows it as the reference support looks up. Prefetches
// (the router fetches every visible link ahead) and API calls leave it alone: they are not what the person is
// looking at, and API errors carry the id in their own answer. Next.js strips its router headers before proxy.ts
// runs, so scripts/serve.ts marks prefetches in a header of ours. Pure: used by serve.ts, proxy.ts and the
// client-side error page.
export const REQUEST_ID_COOKIE = "stockflow-request-id";

/** The request id in a `document.cookie` string, if one is there and looks like one. */
export function requestIdFromCookies(cookies: string): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === REQUEST_ID_COOKIE) {
      const id = value.join("=");
      return /^[\w-]{8,64}$/.test(id) ? id : null;
    }
  }
  return null;
}

/** Set by scripts/serve.ts on the router's prefetch requests (any incoming copy is replaced). */
export const PREFETCH_HEADER = "x-stockflow-prefetch";

/** Marks a raw Node request as a prefetch or not, before Next.js strips the router's own header. */
export function markPrefetch(headers: Record<string, string | string[] | undefined>): void {
  if (headers["next-router-prefetch"]) headers[PREFETCH_HEADER] = "1";
  else delete headers[PREFETCH_HEADER];
}

/** Whether a request's response should carry the cookie: what the person sees, not prefetches or API calls. */
export function carriesRequestIdCookie(pathname: string, headers: Headers): boolean {
  if (pathname === "/api" || pathname.startsWith("/api/")) return false;
  if (headers.get(PREFETCH_HEADER) || headers.get("next-router-prefetch")) return false;
  const purpose = headers.get("sec-purpose") ?? headers.get("purpose");
  return !purpose?.includes("prefetch");
}
