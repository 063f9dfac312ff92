// Links in emails are absolute (a mail client has no base URL) and always point at this app: callers pass a
// path and APP_URL supplies the origin, so no caller can put another site's address in a StockFlow email.
import { env } from "../env";
import { hasControlCharacters } from "../fields";

/** "/requests/0193…" → "https://stockflow.example.com/requests/0193…". */
export function absoluteUrl(path: string): string {
  // One leading "/" and no "//" or "/\" (protocol-relative forms), no whitespace or control characters.
  if (!/^\/(?![/\\])\S*$/.test(path) || hasControlCharacters(path)) {
    throw new Error(`absoluteUrl takes a path starting with a single "/", got ${JSON.stringify(path)}`);
  }
  return `${env().APP_URL}${path}`;
}
