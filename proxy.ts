// Cheap request handling before routing (Next 16's name for middleware). It never decides authorization —
// every page, action and route handler re-checks the session in lib/ — and it touches no database.
// 1. A request id for logs, audit rows and error pages (x-request-id, on the request and the response).
// 2. The current path for requireTenant's sign-in redirect.
// 3. No session cookie on a private page: redirect to /login with a callbackUrl back here.
import { NextResponse, type NextRequest } from "next/server";
import { PATHNAME_HEADER, REQUEST_ID_HEADER } from "./lib/auth/headers";
import { isPublicPath } from "./lib/auth/routes";
import { sessionCookieName } from "./lib/auth/session-cookie";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();

  if (!isPublicPath(pathname) && !request.cookies.has(sessionCookieName(process.env.APP_URL ?? ""))) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    const response = NextResponse.redirect(login);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }

  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(PATHNAME_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|fonts/).*)"],
};
