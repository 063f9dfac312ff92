import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DECODED_TOKENS_KEPT, decodeSessionCookie } from "./session-cookie-decode";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const OTHER_SECRET = "another-test-secret-of-thirty-two-characters";
const claims = { sub: "0b9f0e5e-6f7a-4d55-9f59-3c1a3f0c2b11", companyId: null, sv: 1, mcp: false };

afterEach(() => {
  vi.useRealTimers();
});

describe("decodeSessionCookie", () => {
  it("gives the token's claims, the same on every read", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const first = await decodeSessionCookie(token, SECRET);
    expect(first).toMatchObject(claims);
    expect(await decodeSessionCookie(token, SECRET)).toEqual(first);
  });

  it("gives nothing for a token another secret made, even once its own secret has read it", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    expect(await decodeSessionCookie(token, SECRET)).toMatchObject(claims);
    expect(await decodeSessionCookie(token, OTHER_SECRET)).toBeNull();
  });

  it("gives nothing for text that is not a token, or a token altered by one character", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const altered = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;
    expect(await decodeSessionCookie("not-a-token", SECRET)).toBeNull();
    expect(await decodeSessionCookie(altered, SECRET)).toBeNull();
  });

  it("stops giving a kept token's claims once the token has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T10:00:00Z"));
    const token = await encode({ token: claims, secret: SECRET, maxAge: 60 });
    expect(await decodeSessionCookie(token, SECRET)).toMatchObject(claims);
    vi.setSystemTime(new Date("2026-12-07T10:00:59Z"));
    expect(await decodeSessionCookie(token, SECRET)).toMatchObject(claims);
    vi.setSystemTime(new Date("2026-12-07T10:01:01Z"));
    expect(await decodeSessionCookie(token, SECRET)).toBeNull();
  });

  it("still reads the first of more tokens than it keeps", async () => {
    const tokens = await Promise.all(
      Array.from({ length: DECODED_TOKENS_KEPT + 5 }, (_, n) =>
        encode({ token: { ...claims, sv: n + 1 }, secret: SECRET, maxAge: 3600 }),
      ),
    );
    for (const token of tokens) await decodeSessionCookie(token, SECRET);
    expect(await decodeSessionCookie(tokens[0]!, SECRET)).toMatchObject({ sv: 1 });
    expect(await decodeSessionCookie(tokens.at(-1)!, SECRET)).toMatchObject({ sv: DECODED_TOKENS_KEPT + 5 });
  });
});
