// Deep links survive sign-in, but only to our own pages: a relative path on this origin. Anything else
// (absolute URLs, protocol-relative "//evil.com", backslash tricks, control characters) goes to /start, which sends
// each person to their home (lib/auth/home.ts).
// The check is made on the path we would return, after URL normalisation: "/.//evil.com" normalises to
// "//evil.com", which a browser reads as another host.
import { START_PATH } from "./home";

export const DEFAULT_AFTER_SIGN_IN = START_PATH;

const BASE = "http://stockflow.invalid";

function isOwnPath(path: string): boolean {
  return (
    path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") && new URL(path, BASE).origin === BASE
  );
}

export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || value.length > 2048 || !isOwnPath(value)) return DEFAULT_AFTER_SIGN_IN;
  // Browsers treat backslashes as slashes and strip tabs/newlines: refuse both outright.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  const parsed = new URL(value, BASE);
  const result = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  if (!isOwnPath(result) || parsed.pathname === "/login") return DEFAULT_AFTER_SIGN_IN;
  return result;
}
