import { describe, expect, it } from "vitest";
import { homePathFor, sessionHomePath } from "./home";

describe("homePathFor", () => {
  it("sends staff to their requests, managers and admins to the dashboard", () => {
    expect(homePathFor("STAFF", { companyStatus: "ACTIVE" })).toBe("/requests");
    expect(homePathFor("MANAGER", { companyStatus: "ACTIVE" })).toBe("/dashboard");
    expect(homePathFor("ADMIN", { companyStatus: "ACTIVE" })).toBe("/dashboard");
  });

  it("sends a platform administrator in no company to the console, and one who is a member like the role", () => {
    expect(homePathFor(null, { isPlatformAdmin: true })).toBe("/platform");
    expect(homePathFor("STAFF", { isPlatformAdmin: true, companyStatus: "ACTIVE" })).toBe("/requests");
    expect(homePathFor("ADMIN", { isPlatformAdmin: true, companyStatus: "ACTIVE" })).toBe("/dashboard");
  });

  it("puts a due password change and a company that is not active first", () => {
    expect(homePathFor("STAFF", { mustChangePassword: true, companyStatus: "ACTIVE" })).toBe("/change-password");
    expect(homePathFor(null, { isPlatformAdmin: true, mustChangePassword: true })).toBe("/change-password");
    expect(homePathFor("ADMIN", { companyStatus: "PENDING" })).toBe("/company-status");
    expect(homePathFor("STAFF", { companyStatus: "SUSPENDED" })).toBe("/company-status");
  });

  it("has no home for someone in no company who is not a platform administrator", () => {
    expect(homePathFor(null)).toBe("/login");
  });
});

describe("sessionHomePath", () => {
  it("reads the session's company, role and flags", () => {
    const base = { isPlatformAdmin: false, mustChangePassword: false };
    expect(sessionHomePath({ ...base, current: { role: "STAFF", companyStatus: "ACTIVE" } })).toBe("/requests");
    expect(sessionHomePath({ ...base, current: { role: "MANAGER", companyStatus: "SUSPENDED" } })).toBe(
      "/company-status",
    );
    expect(sessionHomePath({ ...base, isPlatformAdmin: true, current: null })).toBe("/platform");
  });
});
