// How the profile names a signed-in browser and when it was last seen, in plain words (docs/architecture.md §8).
// Pure, so it is unit-tested without a database.

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(Chrome|CriOS|Chromium|HeadlessChrome)\//, "Chrome"],
  [/\bSafari\//, "Safari"],
];

// Android before Linux, iPhone/iPad before "Mac OS X" (which their user agents also contain).
const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, "Android"],
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bWindows\b/, "Windows"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (table: [RegExp, string][], text: string) => table.find(([pattern]) => pattern.test(text))?.[1];

/** "Chrome on Android", "Safari on iPhone", "Firefox", or "Unknown device". */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const text = userAgent ?? "";
  const browser = first(BROWSERS, text);
  const system = first(SYSTEMS, text);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown device";
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "12 minutes ago", "3 hours ago", "2 days ago": rounded down. Last seen moves at most once a minute
 * (lib/auth/sessions.ts), so anything under two minutes is "just now".
 */
export function lastSeenLabel(lastSeenAt: Date, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - lastSeenAt.getTime());
  const count = (unit: number, name: string) => {
    const n = Math.floor(elapsed / unit);
    return `${n} ${name}${n === 1 ? "" : "s"} ago`;
  };
  if (elapsed < 2 * MINUTE) return "just now";
  if (elapsed < HOUR) return count(MINUTE, "minute");
  if (elapsed < DAY) return count(HOUR, "hour");
  return count(DAY, "day");
}
