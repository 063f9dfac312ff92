// What an open event stream re-checks every few seconds (lib/auth/context.ts sessionStillGrants, used by
// app/api/events): on real PostgreSQL, each way a session stops granting the stream without any event saying so.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sessionStillGrants } from "../../lib/auth/context";
import type { SessionClaims } from "../../lib/auth/session-token";
import { createSession, revokeOwnSession, signOutEverywhere } from "../../lib/auth/sessions";
import type { PrismaClient } from "../../lib/db/client";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import { superuserClient } from "../helpers/db";

const system: PrismaClient = superuserClient(2);
let fixture: CompanyFixture;
let claims: SessionClaims;
const granted = () => ({ companyId: fixture.companyId, role: "ADMIN" as const });

beforeEach(async () => {
  fixture = await createCompanyFixture(system, "stream-check");
  const user = await system.user.findUniqueOrThrow({
    where: { id: fixture.admin.id },
    select: { sessionVersion: true },
  });
  claims = {
    sub: fixture.admin.id,
    companyId: fixture.companyId,
    sv: user.sessionVersion,
    mcp: false,
    sid: await createSession(fixture.admin.id, {}),
  };
});

afterAll(async () => {
  await system.$disconnect();
});

describe("sessionStillGrants", () => {
  it("holds for an active member of an active company with the role the stream opened with", async () => {
    expect(await sessionStillGrants(claims, granted())).toBe(true);
  });

  it("fails once the company is suspended", async () => {
    await system.company.update({ where: { id: fixture.companyId }, data: { status: "SUSPENDED" } });
    expect(await sessionStillGrants(claims, granted())).toBe(false);
  });

  it("fails once the membership is deactivated", async () => {
    await system.membership.updateMany({ where: { userId: fixture.admin.id }, data: { active: false } });
    expect(await sessionStillGrants(claims, granted())).toBe(false);
  });

  it("fails once the session is revoked (password changed, signed out everywhere)", async () => {
    await system.user.update({ where: { id: fixture.admin.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await sessionStillGrants(claims, granted())).toBe(false);
  });

  it("fails once the role changes or a new password is due: the audience it filters for is stale", async () => {
    await system.membership.updateMany({ where: { userId: fixture.admin.id }, data: { role: "STAFF" } });
    expect(await sessionStillGrants(claims, granted())).toBe(false);
    await system.membership.updateMany({ where: { userId: fixture.admin.id }, data: { role: "ADMIN" } });
    await system.user.update({ where: { id: fixture.admin.id }, data: { mustChangePassword: true } });
    expect(await sessionStillGrants(claims, granted())).toBe(false);
  });

  it("fails for a session naming another company than the stream's", async () => {
    const other = await createCompanyFixture(system, "stream-check-b");
    expect(await sessionStillGrants(claims, { companyId: other.companyId, role: "ADMIN" })).toBe(false);
  });

  it("stops at sign-out: the revoked session, whichever way it was revoked", async () => {
    await revokeOwnSession({ userId: fixture.admin.id, sessionId: claims.sid }, { sessionId: claims.sid });
    expect(await sessionStillGrants(claims, granted())).toBe(false);

    const elsewhere = { ...claims, sid: await createSession(fixture.admin.id, {}) };
    expect(await sessionStillGrants(elsewhere, granted())).toBe(true);
    await signOutEverywhere({ userId: fixture.admin.id, email: fixture.admin.email, request: {} });
    expect(await sessionStillGrants(elsewhere, granted())).toBe(false);
  });
});
