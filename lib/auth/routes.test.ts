import { describe, expect, it } from "vitest";
import { isApiPath, isPublicPath, isReachableWhilePasswordChangeDue } from "./routes";

describe("isPublicPath", () => {
  it.each([
    "/",
    "/login",
    "/register",
    "/forgot-password",
    "/reset-password/abc",
    "/invite/xyz",
    "/confirm-email/xyz",
    "/contact",
    "/api/health",
    "/api/ready",
    "/manifest.webmanifest",
    "/serwist/sw.js",
    "/icons/icon-192.png",
    "/favicon.ico",
    "/offline.html",
  ])("%s needs no session", (path) => expect(isPublicPath(path)).toBe(true));

  it.each([
    "/dashboard",
    "/requests/1",
    "/products",
    "/loginx",
    "/registered",
    "/api/orders",
    "/users",
    "/serwistx",
    "/start",
  ])("%s needs a session", (path) => expect(isPublicPath(path)).toBe(false));
});

describe("isReachableWhilePasswordChangeDue", () => {
  it.each(["/change-password", "/login", "/api/auth/session", "/"])("%s stays reachable", (path) =>
    expect(isReachableWhilePasswordChangeDue(path)).toBe(true),
  );

  it.each(["/dashboard", "/profile", "/users", "/change-passwordx", "/requests/1"])(
    "%s waits for the new password",
    (path) => expect(isReachableWhilePasswordChangeDue(path)).toBe(false),
  );
});

describe("isApiPath", () => {
  it.each(["/api/requests", "/api/requests/products", "/api/events", "/api"])("%s is answered by its route", (path) =>
    expect(isApiPath(path)).toBe(true),
  );

  it.each(["/apix", "/requests", "/", "/dashboard/api"])("%s is a page", (path) => expect(isApiPath(path)).toBe(false));
});
