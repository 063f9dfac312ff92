// Which pages need a session, and which stay open while a new password is due. Pure: used by proxy.ts for its
// cheap redirects; every page and action still checks the session itself (lib/auth/context.ts). API routes are never
// redirected: a program asked for JSON, so the route answers 401/403 itself (lib/http/api-route.ts, lib/http/route.ts).
const PUBLIC_PREFIXES = [
  "/login",
  "/register",
  "/forgot-password",
  "/reset-password",
  "/invite",
  "/confirm-email",
  "/contact",
  "/api/auth",
  "/api/health",
  "/api/ready",
  // The installable app's files (docs/architecture.md "Installable app and service worker"): the browser fetches
  // them signed out too (install, update checks, the offline page), and none holds anything personal.
  "/manifest.webmanifest",
  "/serwist",
  "/icons",
  "/favicon.ico",
  "/offline.html",
];

export const CHANGE_PASSWORD_PATH = "/change-password";

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** A route handler under /api/: answered by the route, never redirected to an HTML page. */
export function isApiPath(pathname: string): boolean {
  return under(pathname, "/api");
}

export function isPublicPath(pathname: string): boolean {
  if (pathname === "/") return true;
  return PUBLIC_PREFIXES.some((prefix) => under(pathname, prefix));
}

/** While a new password is due, only the change-password page and public pages are reachable. */
export function isReachableWhilePasswordChangeDue(pathname: string): boolean {
  return isPublicPath(pathname) || under(pathname, CHANGE_PASSWORD_PATH);
}
