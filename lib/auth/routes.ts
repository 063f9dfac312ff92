// Which pages need a session. Pure: used by proxy.ts for its cheap redirect; every page and action still
// checks the session itself (lib/auth/context.ts).
const PUBLIC_PREFIXES = ["/login", "/register", "/forgot-password", "/reset-password", "/invite", "/contact", "/api/auth", "/api/health"];

export function isPublicPath(pathname: string): boolean {
  if (pathname === "/") return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
