// The payload rules: what a notification may carry and what the service worker accepts.
import { describe, expect, it } from "vitest";
import { isAppPath, pushPayload, PUSH_BODY_MAX, PUSH_TITLE_MAX, readPushPayload } from "./push-payload";

describe("pushPayload", () => {
  it("keeps a payload that fits as it is", () => {
    const payload = {
      title: "REQ-000001 approved",
      body: "Acme: approved by Mira",
      url: "/requests/a1",
      tag: "order-a1",
    };
    expect(pushPayload(payload)).toEqual(payload);
  });

  it("makes stored text one line and cuts it to fit, marking the cut", () => {
    const made = pushPayload({
      title: `REQ-000001 needs a decision ${"x".repeat(200)}`,
      body: "Acme:\tMira\nasks\u2028for 3 units",
      url: "/requests/a1",
      tag: "order-a1",
    });
    expect(made.title).toHaveLength(PUSH_TITLE_MAX);
    expect(made.title.endsWith("…")).toBe(true);
    expect(made.body).toBe("Acme: Mira asks for 3 units");
    expect(pushPayload({ ...made, body: "y".repeat(500) }).body).toHaveLength(PUSH_BODY_MAX);
  });

  it("refuses a link that is not a path of this app", () => {
    for (const url of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "requests/a1", "/a b"]) {
      expect(() => pushPayload({ title: "t", body: "b", url, tag: "t" }), url).toThrow();
    }
  });
});

describe("readPushPayload / isAppPath", () => {
  it("reads what the server sends and nothing else", () => {
    expect(readPushPayload({ title: "T", body: "B", url: "/requests/a1", tag: "order-a1" })).toEqual({
      title: "T",
      body: "B",
      url: "/requests/a1",
      tag: "order-a1",
    });
    for (const data of [
      null,
      "text",
      42,
      { title: "", body: "B", url: "/", tag: "t" },
      { title: "T", body: "B", url: "/" },
    ]) {
      expect(readPushPayload(data)).toBeNull();
    }
    expect(readPushPayload({ title: "T", body: "B", url: "https://evil.example/", tag: "t" })).toBeNull();
  });

  it("accepts one leading slash only, no whitespace, bounded", () => {
    expect(isAppPath("/requests/0193-ab?from=push")).toBe(true);
    expect(isAppPath("/")).toBe(true);
    expect(isAppPath("//x")).toBe(false);
    expect(isAppPath("/x\ny")).toBe(false);
    expect(isAppPath(`/${"a".repeat(300)}`)).toBe(false);
  });
});
