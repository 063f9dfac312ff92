import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createOneTimeToken, hashToken, isWellFormedToken, tokenState } from "./one-time-token";

describe("one-time tokens", () => {
  it("stores the SHA-256 of a 256-bit URL-safe token, never the token", () => {
    const { token, tokenHash } = createOneTimeToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).not.toContain(token);
    expect(hashToken(token)).toBe(tokenHash);
  });

  it("makes a different token every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => createOneTimeToken().token));
    expect(tokens.size).toBe(100);
  });

  it("knows a token's shape before touching the database", () => {
    expect(isWellFormedToken(createOneTimeToken().token)).toBe(true);
    for (const bad of ["", "short", `${"a".repeat(43)}=`, "a".repeat(44), "../../etc/passwd", 42, null]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it("is valid until it expires or is used", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(tokenState({ expiresAt: new Date("2026-11-24T12:00:01Z"), usedAt: null }, now)).toBe("valid");
    expect(tokenState({ expiresAt: new Date("2026-11-24T12:00:00Z"), usedAt: null }, now)).toBe("expired");
    expect(
      tokenState({ expiresAt: new Date("2026-11-25T12:00:00Z"), usedAt: new Date("2026-11-24T11:00:00Z") }, now),
    ).toBe("used");
  });
});
