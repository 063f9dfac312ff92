// Cheap request handling before routing (Next 16's name for middleware). It never decides authorization —
// every page, action and route handler re-checks the session in lib/ — and it touches no database.
// 1. A request id for logs, audit rows and error pages (x-request-id, on the request and the response; an id that
//    arrives well-formed is kept: scripts/serve.ts sets it before Next.js runs). Pages, navigations and actions also
//    get it in a cookie the client-side error page can read (lib/http/request-id-cookie.ts).
// 2. The current path for requireTenant's sign-in redirect.
// 3. No session cookie on a private page: redirect to /login with a callbackUrl back here.
// 4. A session whose token says a new password is due: redirect to /change-password.
//    Neither redirect applies to /api/: a program (the offline queue's replay, the public API) gets the route's own
//    401/403 answer, never a sign-in page.
// 5. The Content-Security-Policy with a fresh script nonce, on the response (replacing the nonce-less one
//    scripts/serve.ts puts on every response) and on the request, where Next.js reads the nonce for the scripts it
//    writes (lib/http/security-headers.ts).
import { NextResponse, type NextRequest } from "next/server";
import { PATHNAME_HEADER, REQUEST_ID_HEADER } from "./lib/auth/headers";
import { CHANGE_PASSWORD_PATH, isApiPath, isPublicPath, isReachableWhilePasswordChangeDue } from "./lib/auth/routes";
import { sessionCookieName } from "./lib/auth/session-cookie";
import { decodeSessionCookie } from "./lib/auth/session-cookie-decode";
import { carriesRequestIdCookie, REQUEST_ID_COOKIE } from "./lib/http/request-id-cookie";
import { contentSecurityPolicy, createNonce } from "./lib/http/security-headers";

const CSP_HEADER = "content-security-policy";

async function passwordChangeDue(token: string): Promise<boolean> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return false;
  return (await decodeSessionCookie(token, secret))?.mcp === true;
}

function redirectTo(url: URL, requestId: string): NextResponse {
  const response = NextResponse.redirect(url);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set(CSP_HEADER, contentSecurityPolicy());
  return response;
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  const session = request.cookies.get(sessionCookieName(process.env.APP_URL ?? ""))?.value;

  const redirects = !isApiPath(pathname);
  if (redirects && !isPublicPath(pathname) && !session) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return redirectTo(login, requestId);
  }
  if (redirects && session && !isReachableWhilePasswordChangeDue(pathname) && (await passwordChangeDue(session))) {
    return redirectTo(new URL(CHANGE_PASSWORD_PATH, request.url), requestId);
  }

  const csp = contentSecurityPolicy({ nonce: createNonce(), development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(PATHNAME_HEADER, `${pathname}${search}`);
  headers.set(CSP_HEADER, csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set(CSP_HEADER, csp);
  if (carriesRequestIdCookie(pathname, request.headers)) {
    response.cookies.set(REQUEST_ID_COOKIE, requestId, {
      path: "/",
      sameSite: "lax",
      secure: (process.env.APP_URL ?? "").startsWith("https://"),
      // Read by the error page's script: an id to quote to support, not a secret.
      httpOnly: false,
    });
  }
  return response;
}

// Static files (the build's, public/'s icons, offline page and scanner decoder, the service worker and the manifest)
// skip it: they need no session and no nonce, and a browser fetches them after the page — an icon must not replace
// the page's request id in the cookie the error page reads.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|robots.txt|fonts/|icons/|vendor/|offline.html|serwist/|manifest.webmanifest).*)",
  ],
};
