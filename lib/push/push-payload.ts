// What a push notification carries (docs/architecture.md §8, "Push notifications"): a title, a body, the path of
// the page it opens and a tag (a later notification about the same request replaces the earlier one). Nothing
// else: no ids beyond the path's, no notes, no secrets; push services limit a payload to 4 KB and this stays far
// under it. Pure: the outbox writer builds payloads with it and the service worker reads them with it.

export interface PushPayload {
  title: string;
  body: string;
  /** A path of this app ("/requests/…"): the service worker opens it on its own origin, never another site. */
  url: string;
  tag: string;
}

export const PUSH_TITLE_MAX = 120;
export const PUSH_BODY_MAX = 240;
const URL_MAX = 200;
const TAG_MAX = 64;

/** One line, at most `max` characters (an ellipsis marks a cut): stored names never stop a notification. */
function fit(text: string, max: number): string {
  const line = text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** A path of this app: one leading "/", not "//" or "/\" (another host), no whitespace or control characters. */
export function isAppPath(path: string): boolean {
  return path.length <= URL_MAX && /^\/(?![/\\])[^\s\p{Cc}]*$/u.test(path);
}

/** The payload for a notification; throws on a URL that is not a path of this app (a bug, never stored text). */
export function pushPayload(input: PushPayload): PushPayload {
  if (!isAppPath(input.url)) throw new Error(`A push notification opens a path of this app, got ${input.url}`);
  return {
    title: fit(input.title, PUSH_TITLE_MAX),
    body: fit(input.body, PUSH_BODY_MAX),
    url: input.url,
    tag: fit(input.tag, TAG_MAX),
  };
}

/** A received payload, or null when it is not one this app sends (the service worker then shows nothing of it). */
export function readPushPayload(data: unknown): PushPayload | null {
  if (typeof data !== "object" || data === null) return null;
  const { title, body, url, tag } = data as Record<string, unknown>;
  if (typeof title !== "string" || typeof body !== "string" || typeof url !== "string" || typeof tag !== "string") {
    return null;
  }
  if (!title || !isAppPath(url)) return null;
  return { title: fit(title, PUSH_TITLE_MAX), body: fit(body, PUSH_BODY_MAX), url, tag: fit(tag, TAG_MAX) };
}
