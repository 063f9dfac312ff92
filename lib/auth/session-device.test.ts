import { describe, expect, it } from "vitest";
import { describeUserAgent, lastSeenLabel } from "./session-device";

describe("describeUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari on iPhone",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Edge on Windows",
    ],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on macOS"],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
      "Chrome on Linux",
    ],
    ["curl/8.5.0", "Unknown device"],
    [null, "Unknown device"],
  ])("%s → %s", (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });
});

describe("lastSeenLabel", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("rounds down to the largest whole unit", () => {
    expect(lastSeenLabel(ago(90_000), now)).toBe("just now");
    expect(lastSeenLabel(ago(2 * 60_000), now)).toBe("2 minutes ago");
    expect(lastSeenLabel(ago(59 * 60_000 + 59_000), now)).toBe("59 minutes ago");
    expect(lastSeenLabel(ago(61 * 60_000), now)).toBe("1 hour ago");
    expect(lastSeenLabel(ago(3 * 86_400_000 + 5 * 3_600_000), now)).toBe("3 days ago");
  });

  it("a clock slightly ahead of ours is still just now", () => {
    expect(lastSeenLabel(new Date(now.getTime() + 5_000), now)).toBe("just now");
  });
});
