import { describe, expect, it } from "vitest";
import { formatMinutes, formatUtcDateTime, textLines } from "./format";

describe("formatUtcDateTime", () => {
  it.each([
    ["2026-11-24T14:05:00.000Z", "24 Nov 2026, 14:05 UTC"],
    ["2026-01-05T00:00:59Z", "5 Jan 2026, 00:00 UTC"],
    // 23:30 in New York on the 24th is already the 25th in UTC.
    ["2026-11-24T23:30:00-05:00", "25 Nov 2026, 04:30 UTC"],
  ])("shows %s as %s", (iso, expected) => {
    expect(formatUtcDateTime(iso)).toBe(expected);
  });

  it("refuses something that is not a date", () => {
    expect(() => formatUtcDateTime("next Tuesday")).toThrow(RangeError);
  });
});

describe("formatMinutes", () => {
  it.each([
    [1, "1 minute"],
    [45, "45 minutes"],
    [60, "1 hour"],
    [90, "90 minutes"],
    [1440, "24 hours"],
  ])("shows %i as %s", (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});

describe("textLines", () => {
  it("splits on CRLF, CR and LF alike and keeps empty lines", () => {
    expect(textLines("a\r\nb\rc\n\nd")).toEqual(["a", "b", "c", "", "d"]);
  });

  it("gives one line for text without a line break", () => {
    expect(textLines("Leave at the back door")).toEqual(["Leave at the back door"]);
  });
});
