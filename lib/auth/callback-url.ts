// Deep links survive sign-in, but only to our own pages: a relative path on this origin. Anything else
// (absolute URLs, protocol-relative "//evil.com", backslash tricks, control characters) goes to the dashboard.
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || value.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  // Browsers treat backslashes as slashes and strip tabs/newlines: refuse both outright.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  const parsed = new URL(value, "http://stockflow.invalid");
  if (parsed.origin !== "http://stockflow.invalid") return DEFAULT_AFTER_SIGN_IN;
  if (parsed.pathname === "/login") return DEFAULT_AFTER_SIGN_IN;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
