// Device cookies are signed for one account with the app secret: only a value this app issued for that account
// verifies; any change to the account, the nonce or the signature, or another secret, makes it no device cookie.
import { describe, expect, it } from "vitest";
import {
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  deviceCookieFromHeader,
  deviceCookieHeader,
  signDeviceCookie,
  verifyDeviceCookie,
} from "./device-cookie";

const SECRET = "a-test-secret-that-is-at-least-32-characters";
const ALICE = "0193a5b0-7c1e-7a00-8000-000000000001";
const BOB = "0193a5b0-7c1e-7a00-8000-000000000002";

describe("device cookies", () => {
  it("verify for the account they were signed for, each with its own nonce", () => {
    const first = signDeviceCookie(ALICE, SECRET);
    const second = signDeviceCookie(ALICE, SECRET);
    const verified = verifyDeviceCookie(first, SECRET);
    expect(verified).toEqual({ userId: ALICE, nonce: first.split(".")[1] });
    expect(verifyDeviceCookie(second, SECRET)!.nonce).not.toBe(verified!.nonce);
  });

  it("do not verify when signed with another secret, or with the account or nonce swapped", () => {
    const cookie = signDeviceCookie(ALICE, SECRET);
    const [, nonce, signature] = cookie.split(".");
    expect(verifyDeviceCookie(cookie, `${SECRET}-rotated`)).toBeNull();
    expect(verifyDeviceCookie(`${BOB}.${nonce}.${signature}`, SECRET)).toBeNull();
    const otherNonce = signDeviceCookie(ALICE, SECRET).split(".")[1];
    expect(verifyDeviceCookie(`${ALICE}.${otherNonce}.${signature}`, SECRET)).toBeNull();
    const flipped = signature!.startsWith("A") ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    expect(verifyDeviceCookie(`${ALICE}.${nonce}.${flipped}`, SECRET)).toBeNull();
  });

  it("refuse malformed values without throwing", () => {
    const cookie = signDeviceCookie(ALICE, SECRET);
    for (const value of [undefined, "", "x", `${cookie}.extra`, cookie.replace(ALICE, "not-a-uuid"), "a.b.c"]) {
      expect(verifyDeviceCookie(value, SECRET)).toBeNull();
    }
  });

  it("are stored HttpOnly and SameSite=Lax for a year, Secure and __Host- prefixed only over https", () => {
    expect(deviceCookieHeader("v", "http://127.0.0.1:3000")).toBe(
      `stockflow-device=v; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax`,
    );
    expect(deviceCookieHeader("v", "https://stock.example")).toBe(
      `__Host-stockflow-device=v; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(DEVICE_COOKIE_MAX_AGE_SECONDS).toBe(365 * 24 * 60 * 60);
  });

  it("are read back from a Cookie header by their own name only", () => {
    const header = "next-auth.session-token=t; stockflow-device=abc.def.ghi; x-stockflow-device=no";
    expect(deviceCookieFromHeader(header, "http://127.0.0.1:3000")).toBe("abc.def.ghi");
    expect(deviceCookieFromHeader(header, "https://stock.example")).toBeUndefined();
    expect(deviceCookieFromHeader(undefined, "http://127.0.0.1:3000")).toBeUndefined();
  });
});
