// Device cookies are signed for one account at one session version with the app secret: only a value this app issued
// verifies; any change to the account, the version, the nonce or the signature, or another secret, makes it no
// device cookie.
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
  it("verify for the account and session version they were signed for, each with its own nonce", () => {
    const first = signDeviceCookie(ALICE, 3, SECRET);
    const second = signDeviceCookie(ALICE, 3, SECRET);
    const verified = verifyDeviceCookie(first, SECRET);
    expect(verified).toEqual({ userId: ALICE, sessionVersion: 3, nonce: first.split(".")[2] });
    expect(verifyDeviceCookie(second, SECRET)!.nonce).not.toBe(verified!.nonce);
  });

  it("do not verify when signed with another secret, or with the account, version or nonce swapped", () => {
    const cookie = signDeviceCookie(ALICE, 1, SECRET);
    const [, version, nonce, signature] = cookie.split(".");
    expect(verifyDeviceCookie(cookie, `${SECRET}-rotated`)).toBeNull();
    expect(verifyDeviceCookie(`${BOB}.${version}.${nonce}.${signature}`, SECRET)).toBeNull();
    // Raising the version to the account's current one (after a password change) breaks the signature.
    expect(verifyDeviceCookie(`${ALICE}.2.${nonce}.${signature}`, SECRET)).toBeNull();
    const otherNonce = signDeviceCookie(ALICE, 1, SECRET).split(".")[2];
    expect(verifyDeviceCookie(`${ALICE}.${version}.${otherNonce}.${signature}`, SECRET)).toBeNull();
    const flipped = signature!.startsWith("A") ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    expect(verifyDeviceCookie(`${ALICE}.${version}.${nonce}.${flipped}`, SECRET)).toBeNull();
  });

  it("refuse malformed values without throwing", () => {
    const cookie = signDeviceCookie(ALICE, 1, SECRET);
    const [, , nonce, signature] = cookie.split(".");
    for (const value of [
      undefined,
      "",
      "x",
      `${cookie}.extra`,
      cookie.replace(ALICE, "not-a-uuid"),
      `${ALICE}.0.${nonce}.${signature}`,
      `${ALICE}.-1.${nonce}.${signature}`,
      `${ALICE}.1e3.${nonce}.${signature}`,
      "a.b.c.d",
    ]) {
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
    const header = "next-auth.session-token=t; stockflow-device=abc.1.def.ghi; x-stockflow-device=no";
    expect(deviceCookieFromHeader(header, "http://127.0.0.1:3000")).toBe("abc.1.def.ghi");
    expect(deviceCookieFromHeader(header, "https://stock.example")).toBeUndefined();
    expect(deviceCookieFromHeader(undefined, "http://127.0.0.1:3000")).toBeUndefined();
  });
});
