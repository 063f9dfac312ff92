import { describe, expect, it } from "vitest";
import { problemBody, wantsJson } from "./problem";

const problem = { status: 503, title: "Back <soon>", detail: "Try again in a few seconds & reload." };

describe("wantsJson", () => {
  it("answers programs in JSON and people navigating with a page", () => {
    expect(wantsJson("/api/events?x=1", {})).toBe(true);
    expect(wantsJson("/products", { "next-action": "abc" })).toBe(true);
    expect(wantsJson("/products", { accept: "application/json" })).toBe(true);
    expect(wantsJson("/products", { accept: "text/html,application/xhtml+xml,*/*" })).toBe(false);
    expect(wantsJson("/login", {})).toBe(false);
  });
});

describe("problemBody", () => {
  it("is RFC 9457 problem details with the request id, or a short page that escapes what it shows", () => {
    expect(JSON.parse(problemBody(problem, true, "req-12345678"))).toEqual({
      type: "about:blank",
      status: 503,
      title: "Back <soon>",
      detail: "Try again in a few seconds & reload.",
      requestId: "req-12345678",
    });
    const page = problemBody(problem, false, "req-12345678");
    expect(page).toContain("<h1>Back &lt;soon&gt;</h1>");
    expect(page).toContain("Try again in a few seconds &amp; reload.");
    expect(page).toContain("Reference: req-12345678");
    expect(page).not.toContain("<soon>");
  });
});
