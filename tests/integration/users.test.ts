// Users administration (issue "Accounts and access", part 3) on real PostgreSQL: invitations (hashed tokens, outbox,
// single use under concurrency), accounts with temporary passwords, role and access changes, the last-admin guard
// under concurrency, the "memberships only" rule for shared accounts, mass assignment, and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_EXISTS_MESSAGE } from "../../lib/accounts/account-records";
import {
  acceptInvitationAsMember,
  acceptInvitationAsNewUser,
  acceptInvitationWithPassword,
  INVALID_INVITATION_MESSAGE,
} from "../../lib/accounts/accept-invitation";
import { readInvitation } from "../../lib/accounts/invitation-preview";
import { hashToken, INVITATION_TTL_MS } from "../../lib/accounts/one-time-token";
import { hashPassword, verifyPassword } from "../../lib/auth/passwords";
import { encodeTimeCursor, STALE_CURSOR_MESSAGE } from "../../lib/list/keyset-cursor";
import type { Role } from "../../lib/auth/permissions";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { LAST_ADMIN_MESSAGE } from "../../lib/users/active-admins";
import { changeMemberRole } from "../../lib/users/change-member-role";
import { createMemberWithTemporaryPassword } from "../../lib/users/create-member-with-temporary-password";
import { deactivateMember } from "../../lib/users/deactivate-member";
import { inviteMember } from "../../lib/users/invite-member";
import { listInvitations } from "../../lib/users/list-invitations";
import { listMembers } from "../../lib/users/list-members";
import { INVITATIONS_CURSOR } from "../../lib/users/member-fields";
import { reactivateMember } from "../../lib/users/reactivate-member";
import { resendInvitation } from "../../lib/users/resend-invitation";
import { resetMemberPassword } from "../../lib/users/reset-member-password";
import { revokeInvitation } from "../../lib/users/revoke-invitation";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import { addMember, addMembership, invitationTokenFromOutbox, uniqueEmail } from "../factories/users";
import { superuserClient } from "../helpers/db";
import { walkKeyset } from "../helpers/keyset-walk";

const REQUEST = { requestId: "users-test", ip: "203.0.113.9", userAgent: "vitest" };
const PASSWORD = "quiet-harbour-lantern-42";
const NEW_PERSON = { name: "Nia Newcomer", password: PASSWORD, confirmPassword: PASSWORD };

let system: PrismaClient;

beforeAll(() => {
  system = superuserClient(6);
});

afterAll(async () => {
  await system.$disconnect();
});

const company = (label: string) => createCompanyFixture(system, label);

/** Invites `email` as `role` and returns the invitation's id and the raw token from the email's link. */
async function invite(ctx: TenantContext, email: string, role: Role = "STAFF") {
  const invited = await inviteMember(ctx, { email, role });
  return { invitationId: invited.invitationId, token: await invitationTokenFromOutbox(system, ctx.companyId, email) };
}

/** The database state a company's administration could touch, read without any scoping. */
async function snapshotOf(companyId: string) {
  const memberships = await system.membership.findMany({
    where: { companyId },
    select: { id: true, userId: true, role: true, active: true, updatedAt: true },
    orderBy: { id: "asc" },
  });
  const [users, tokens, outbox, audit] = await Promise.all([
    system.user.findMany({
      where: { id: { in: memberships.map((m) => m.userId) } },
      select: {
        id: true,
        email: true,
        passwordHash: true,
        mustChangePassword: true,
        sessionVersion: true,
        active: true,
      },
      orderBy: { id: "asc" },
    }),
    system.oneTimeToken.findMany({
      where: { companyId },
      select: { id: true, usedAt: true, expiresAt: true },
      orderBy: { id: "asc" },
    }),
    system.emailOutbox.count({ where: { companyId } }),
    system.auditLog.count({ where: { companyId } }),
  ]);
  return { memberships, users, tokens, outbox, audit };
}

async function activeAdminCount(companyId: string): Promise<number> {
  return system.membership.count({ where: { companyId, role: "ADMIN", active: true } });
}

/** The rows lib/auth/context.ts reads on every request to resolve a session's role in a company. */
async function resolvedMembership(userId: string, companyId: string) {
  const user = await system.user.findUniqueOrThrow({
    where: { id: userId },
    select: { active: true, memberships: { where: { active: true }, select: { companyId: true, role: true } } },
  });
  return user.active ? (user.memberships.find((m) => m.companyId === companyId) ?? null) : null;
}

describe("inviting by email", () => {
  it("stores only the token's hash and queues the email and the audit row with it", async () => {
    const a = await company("inv");
    const email = uniqueEmail("invitee");
    const before = Date.now();
    const invited = await inviteMember(a.ctx, { email: `  ${email.toUpperCase()} `, role: "STAFF" });
    expect(invited).toMatchObject({ email, role: "STAFF", replacedPending: false });
    expect(invited.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_TTL_MS);
    expect(invited.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_TTL_MS);

    const token = await invitationTokenFromOutbox(system, a.companyId, email);
    const stored = await system.oneTimeToken.findUniqueOrThrow({ where: { id: invited.invitationId } });
    expect(stored).toMatchObject({
      companyId: a.companyId,
      purpose: "INVITATION",
      email,
      role: "STAFF",
      createdById: a.admin.id,
      usedAt: null,
      tokenHash: hashToken(token),
    });
    expect(stored.expiresAt.getTime()).toBe(invited.expiresAt.getTime());
    expect(JSON.stringify(stored)).not.toContain(token);
    const holding = await system.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM one_time_tokens WHERE token_hash = ${token} OR payload::text LIKE ${`%${token}%`}`;
    expect(holding).toEqual([{ n: 0 }]);

    const admin = await system.user.findUniqueOrThrow({ where: { id: a.admin.id }, select: { name: true } });
    const outbox = await system.emailOutbox.findFirstOrThrow({ where: { companyId: a.companyId, toAddress: email } });
    expect(outbox).toMatchObject({ template: "invitation", status: "PENDING" });
    expect(outbox.subject).toBe(`${admin.name} invited you to Company ${a.slug} on StockFlow`);
    expect(outbox.props).toEqual({
      companyName: `Company ${a.slug}`,
      inviterName: admin.name,
      role: "Staff",
      acceptUrl: `http://localhost:3100/invite/${token}`,
      expiresAt: invited.expiresAt.toISOString(),
    });

    const audit = await system.auditLog.findFirstOrThrow({ where: { companyId: a.companyId, action: "user.invited" } });
    expect(audit).toMatchObject({ actorId: a.admin.id, entityType: "invitation", entityId: invited.invitationId });
    expect(audit.after).toMatchObject({ email, role: "STAFF" });
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(stored.tokenHash);
  });

  it("re-inviting the same email replaces the pending invitation", async () => {
    const a = await company("reinv");
    const email = uniqueEmail("twice");
    const first = await invite(a.ctx, email, "STAFF");
    const second = await inviteMember(a.ctx, { email, role: "MANAGER" });
    expect(second.replacedPending).toBe(true);

    const old = await system.oneTimeToken.findUniqueOrThrow({ where: { id: first.invitationId } });
    expect(old.usedAt).not.toBeNull();
    const pending = (await listInvitations(a.ctx, {})).invitations.filter((i) => i.email === email);
    expect(pending).toEqual([
      expect.objectContaining({ invitationId: second.invitationId, role: "MANAGER", expired: false }),
    ]);
    await expect(acceptInvitationAsNewUser(first.token, NEW_PERSON, REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an active member is a field error; a deactivated member may be invited back", async () => {
    const a = await company("dupinv");
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    await expect(inviteMember(a.ctx, { email: member.email, role: "MANAGER" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { email: ["This person is already an active member of your company."] },
    });
    expect(await system.oneTimeToken.count({ where: { companyId: a.companyId, email: member.email } })).toBe(0);
    expect(await system.emailOutbox.count({ where: { companyId: a.companyId, toAddress: member.email } })).toBe(0);

    const former = await addMember(system, a.companyId, { role: "STAFF", active: false });
    await expect(inviteMember(a.ctx, { email: former.email, role: "STAFF" })).resolves.toMatchObject({
      email: former.email,
    });
  });

  it("resend issues a new link and retires the old one; revoke retires it and is audited", async () => {
    const a = await company("resend");
    const email = uniqueEmail("resend");
    const first = await invite(a.ctx, email);
    const resent = await resendInvitation(a.ctx, { invitationId: first.invitationId });
    expect(resent.invitationId).not.toBe(first.invitationId);
    const newToken = await invitationTokenFromOutbox(system, a.companyId, email);
    expect(newToken).not.toBe(first.token);
    expect(await readInvitation(first.token)).toBeNull();
    expect(await readInvitation(newToken)).toMatchObject({ email, role: "STAFF" });

    await expect(revokeInvitation(a.ctx, { invitationId: resent.invitationId })).resolves.toEqual({
      invitationId: resent.invitationId,
      email,
    });
    expect(await readInvitation(newToken)).toBeNull();
    await expect(revokeInvitation(a.ctx, { invitationId: resent.invitationId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const revoked = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "invitation.revoked", entityId: resent.invitationId },
    });
    expect(revoked.actorId).toBe(a.admin.id);
    expect((await listInvitations(a.ctx, {})).invitations.some((i) => i.email === email)).toBe(false);
  });
});

describe("accepting an invitation", () => {
  it("a new person: account, membership and used token in one transaction, then a session for that company", async () => {
    const a = await company("acc");
    const email = uniqueEmail("newbie");
    const { invitationId, token } = await invite(a.ctx, email, "STAFF");
    const admin = await system.user.findUniqueOrThrow({ where: { id: a.admin.id }, select: { name: true } });
    expect(await readInvitation(token)).toMatchObject({
      companyName: `Company ${a.slug}`,
      role: "STAFF",
      inviterName: admin.name,
      email,
      accountExists: false,
    });

    const claims = await acceptInvitationAsNewUser(token, NEW_PERSON, REQUEST);
    const user = await system.user.findUniqueOrThrow({ where: { email } });
    expect(claims).toEqual({ sub: user.id, companyId: a.companyId, sv: user.sessionVersion, mcp: false });
    expect(user).toMatchObject({
      name: "Nia Newcomer",
      mustChangePassword: false,
      active: true,
      isPlatformAdmin: false,
    });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await resolvedMembership(user.id, a.companyId)).toEqual({ companyId: a.companyId, role: "STAFF" });
    const used = await system.oneTimeToken.findUniqueOrThrow({ where: { id: invitationId } });
    expect(used.usedAt).not.toBeNull();
    expect(await readInvitation(token)).toBeNull();
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "invitation.accepted" },
    });
    expect(audit).toMatchObject({ actorId: user.id, entityId: invitationId, ip: REQUEST.ip });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it("a second accept of the same link is refused and creates nothing", async () => {
    const a = await company("acc2");
    const email = uniqueEmail("once");
    const { token } = await invite(a.ctx, email);
    await acceptInvitationAsNewUser(token, NEW_PERSON, REQUEST);
    await expect(
      acceptInvitationAsNewUser(token, { ...NEW_PERSON, name: "Second Try" }, REQUEST),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: INVALID_INVITATION_MESSAGE });
    expect(await system.user.count({ where: { email } })).toBe(1);
    expect(await system.user.findUniqueOrThrow({ where: { email }, select: { name: true } })).toEqual({
      name: "Nia Newcomer",
    });
  });

  it("an expired link is refused and creates nothing", async () => {
    const a = await company("accexp");
    const email = uniqueEmail("late");
    const { invitationId, token } = await invite(a.ctx, email);
    await system.oneTimeToken.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await readInvitation(token)).toBeNull();
    await expect(acceptInvitationAsNewUser(token, NEW_PERSON, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await system.user.count({ where: { email } })).toBe(0);
    expect((await system.oneTimeToken.findUniqueOrThrow({ where: { id: invitationId } })).usedAt).toBeNull();
  });

  it("an unknown or malformed link is refused", async () => {
    expect(await readInvitation("x".repeat(43))).toBeNull();
    expect(await readInvitation("../../etc/passwd")).toBeNull();
    await expect(acceptInvitationAsNewUser("x".repeat(43), NEW_PERSON, REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("two accepts of one link at the same moment: exactly one succeeds", async () => {
    const a = await company("accrace");
    const email = uniqueEmail("race");
    const { token } = await invite(a.ctx, email);
    const results = await Promise.allSettled([
      acceptInvitationAsNewUser(token, { ...NEW_PERSON, name: "Racer One" }, REQUEST),
      acceptInvitationAsNewUser(token, { ...NEW_PERSON, name: "Racer Two" }, REQUEST),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: "NOT_FOUND" });
    const users = await system.user.findMany({ where: { email }, select: { id: true } });
    expect(users).toHaveLength(1);
    expect(await system.membership.count({ where: { userId: users[0]!.id } })).toBe(1);
    expect(await system.auditLog.count({ where: { companyId: a.companyId, action: "invitation.accepted" } })).toBe(1);
  });

  it("an existing account of another company: one login, two memberships", async () => {
    const [a, b] = await Promise.all([company("acc-a"), company("acc-b")]);
    const person = await addMember(system, b.companyId, { role: "STAFF" });
    const { invitationId, token } = await invite(a.ctx, person.email, "MANAGER");
    expect(await readInvitation(token)).toMatchObject({ accountExists: true, email: person.email });

    // No second account for the same email, and nobody else's account can take the invitation.
    await expect(acceptInvitationAsNewUser(token, NEW_PERSON, REQUEST)).rejects.toMatchObject({ code: "CONFLICT" });
    const stranger = await addMember(system, b.companyId, { role: "ADMIN" });
    await expect(acceptInvitationAsMember(token, { userId: stranger.userId }, REQUEST)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await system.oneTimeToken.findUniqueOrThrow({ where: { id: invitationId } })).usedAt).toBeNull();
    expect(await system.membership.count({ where: { userId: stranger.userId } })).toBe(1);

    const claims = await acceptInvitationAsMember(token, { userId: person.userId }, REQUEST);
    expect(claims).toEqual({ sub: person.userId, companyId: a.companyId, sv: 1, mcp: false });
    expect(await system.user.count({ where: { email: person.email } })).toBe(1);
    const memberships = await system.membership.findMany({
      where: { userId: person.userId },
      select: { companyId: true, role: true, active: true },
    });
    expect(memberships).toHaveLength(2);
    expect(memberships).toEqual(
      expect.arrayContaining([
        { companyId: a.companyId, role: "MANAGER", active: true },
        { companyId: b.companyId, role: "STAFF", active: true },
      ]),
    );
  });

  it("a deactivated member who accepts comes back with the invited role", async () => {
    const a = await company("accback");
    const former = await addMember(system, a.companyId, { role: "STAFF", active: false });
    const { token } = await invite(a.ctx, former.email, "MANAGER");
    await acceptInvitationAsMember(token, { userId: former.userId }, REQUEST);
    expect(await system.membership.findUniqueOrThrow({ where: { id: former.membershipId } })).toMatchObject({
      role: "MANAGER",
      active: true,
    });
    expect(await system.membership.count({ where: { userId: former.userId } })).toBe(1);
  });

  it("a former member with no company left accepts with their password, and comes back", async () => {
    const a = await company("accpw");
    const former = await addMember(system, a.companyId, {
      role: "STAFF",
      active: false,
      passwordHash: await hashPassword(PASSWORD),
    });
    const { token } = await invite(a.ctx, former.email, "MANAGER");

    const wrong = await acceptInvitationWithPassword(
      token,
      { password: "not my password" },
      { ...REQUEST, ip: "203.0.113.77" },
    ).catch((e: unknown) => e);
    expect(wrong).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { password: ["That email and password do not match an account."] },
    });
    expect(await system.membership.findUniqueOrThrow({ where: { id: former.membershipId } })).toMatchObject({
      active: false,
    });
    expect(await readInvitation(token)).not.toBeNull();

    const claims = await acceptInvitationWithPassword(token, { password: PASSWORD }, REQUEST);
    expect(claims).toEqual({ sub: former.userId, companyId: a.companyId, sv: 1, mcp: false });
    expect(await system.membership.findUniqueOrThrow({ where: { id: former.membershipId } })).toMatchObject({
      role: "MANAGER",
      active: true,
    });
    await expect(acceptInvitationWithPassword(token, { password: PASSWORD }, REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("someone with an admin-set temporary password cannot take it into another company", async () => {
    const a = await company("acctmpa");
    const b = await company("acctmpb");
    const created = await createMemberWithTemporaryPassword(a.ctx, {
      email: uniqueEmail("tmp"),
      name: "Tam Temporary",
      role: "STAFF",
      temporaryPassword: PASSWORD,
    });
    const { token } = await invite(b.ctx, created.email, "ADMIN");
    await expect(acceptInvitationWithPassword(token, { password: PASSWORD }, REQUEST)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^Choose your own password first/),
    });
    await expect(acceptInvitationAsMember(token, { userId: created.userId }, REQUEST)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await system.membership.count({ where: { companyId: b.companyId, userId: created.userId } })).toBe(0);
    expect(await readInvitation(token)).not.toBeNull();
  });

  it("deactivating or reactivating a member retires their pending invitations", async () => {
    const a = await company("accretire");
    const member = await addMember(system, a.companyId, { role: "STAFF", active: false });
    const { token } = await invite(a.ctx, member.email, "ADMIN");
    await reactivateMember(a.ctx, { membershipId: member.membershipId });
    await deactivateMember(a.ctx, { membershipId: member.membershipId });
    expect(await readInvitation(token)).toBeNull();
    await expect(acceptInvitationAsMember(token, { userId: member.userId }, REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await system.membership.findUniqueOrThrow({ where: { id: member.membershipId } })).toMatchObject({
      role: "STAFF",
      active: false,
    });
  });

  it("a weak or mismatched password is a field error and leaves the link usable", async () => {
    const a = await company("accpw");
    const email = uniqueEmail("weak");
    const { invitationId, token } = await invite(a.ctx, email);
    await expect(
      acceptInvitationAsNewUser(token, { name: "Weak", password: "password", confirmPassword: "password" }, REQUEST),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { password: [expect.stringMatching(/too common/)] } });
    await expect(
      acceptInvitationAsNewUser(token, { ...NEW_PERSON, confirmPassword: `${PASSWORD}x` }, REQUEST),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { confirmPassword: ["The two passwords do not match."] },
    });
    await expect(
      acceptInvitationAsNewUser(token, { ...NEW_PERSON, isPlatformAdmin: true }, REQUEST),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await system.user.count({ where: { email } })).toBe(0);
    expect((await system.oneTimeToken.findUniqueOrThrow({ where: { id: invitationId } })).usedAt).toBeNull();
  });
});

describe("creating an account with a temporary password", () => {
  it("creates the person, who must change the password, and the membership, audited without the password", async () => {
    const a = await company("temp");
    const email = uniqueEmail("temp");
    const created = await createMemberWithTemporaryPassword(a.ctx, {
      email,
      name: "Tom Temporary",
      role: "MANAGER",
      temporaryPassword: PASSWORD,
    });
    expect(created).toMatchObject({ email, name: "Tom Temporary", role: "MANAGER", active: true });
    const user = await system.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ id: created.userId, mustChangePassword: true, active: true });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await resolvedMembership(user.id, a.companyId)).toEqual({ companyId: a.companyId, role: "MANAGER" });
    const audit = await system.auditLog.findFirstOrThrow({ where: { companyId: a.companyId, action: "user.created" } });
    expect(audit).toMatchObject({ actorId: a.admin.id, entityId: user.id });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(user.passwordHash);
  });

  it("refuses an email that already has an account, in any company", async () => {
    const [a, b] = await Promise.all([company("tempdup-a"), company("tempdup-b")]);
    const elsewhere = await addMember(system, b.companyId, { role: "STAFF" });
    const before = await system.user.findUniqueOrThrow({ where: { id: elsewhere.userId } });
    await expect(
      createMemberWithTemporaryPassword(a.ctx, {
        email: elsewhere.email,
        name: "Someone",
        role: "STAFF",
        temporaryPassword: PASSWORD,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { email: [ACCOUNT_EXISTS_MESSAGE] } });
    expect(ACCOUNT_EXISTS_MESSAGE).toBe("This person already has an account: invite them instead.");
    expect(await system.user.findUniqueOrThrow({ where: { id: elsewhere.userId } })).toEqual(before);
    expect(await system.membership.count({ where: { userId: elsewhere.userId } })).toBe(1);
  });

  it("refuses a weak temporary password", async () => {
    const a = await company("tempweak");
    const email = uniqueEmail("weak");
    await expect(
      createMemberWithTemporaryPassword(a.ctx, { email, name: "W", role: "STAFF", temporaryPassword: "short" }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { temporaryPassword: [expect.any(String)] } });
    expect(await system.user.count({ where: { email } })).toBe(0);
  });
});

describe("changing a member's role and access", () => {
  it("a role change is what the session resolver reads on the next request, and is audited", async () => {
    const a = await company("role");
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    const changed = await changeMemberRole(a.ctx, { membershipId: member.membershipId, role: "MANAGER" });
    expect(changed).toEqual({
      membershipId: member.membershipId,
      userId: member.userId,
      name: member.name,
      email: member.email,
      role: "MANAGER",
      active: true,
    });
    expect(await resolvedMembership(member.userId, a.companyId)).toEqual({ companyId: a.companyId, role: "MANAGER" });
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "membership.role_changed", entityId: member.membershipId },
    });
    expect(audit.before).toMatchObject({ role: "STAFF" });
    expect(audit.after).toMatchObject({ role: "MANAGER" });
  });

  it("deactivation ends access to this company only; reactivation restores it", async () => {
    const [a, b] = await Promise.all([company("deact-a"), company("deact-b")]);
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    await addMembership(system, b.companyId, member.userId, "MANAGER");

    await expect(deactivateMember(a.ctx, { membershipId: member.membershipId })).resolves.toMatchObject({
      active: false,
    });
    expect(await resolvedMembership(member.userId, a.companyId)).toBeNull();
    expect(await resolvedMembership(member.userId, b.companyId)).toEqual({ companyId: b.companyId, role: "MANAGER" });
    const user = await system.user.findUniqueOrThrow({ where: { id: member.userId } });
    expect(user).toMatchObject({ active: true, sessionVersion: 1 });
    const listed = (await listMembers(a.ctx, {})).members.find((m) => m.membershipId === member.membershipId);
    expect(listed).toMatchObject({ status: "DEACTIVATED", role: "STAFF" });

    await expect(reactivateMember(a.ctx, { membershipId: member.membershipId })).resolves.toMatchObject({
      active: true,
    });
    expect(await resolvedMembership(member.userId, a.companyId)).toEqual({ companyId: a.companyId, role: "STAFF" });
    const actions = await system.auditLog.findMany({
      where: { companyId: a.companyId, entityId: member.membershipId },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((row) => row.action)).toEqual(["membership.deactivated", "membership.reactivated"]);
  });

  it("pages members by name then id, forward and back; a member added before the cursor shifts no page", async () => {
    const a = await company("list");
    // Names whose order is the same in any collation; two members share "Member 05", which their ids order.
    const names = ["Member 07", "Member 03", "Member 05", "Member 12", "Member 02", "Member 05", "Member 09"];
    names.push("Member 04", "Member 11", "Member 06", "Member 08", "Member 10");
    await system.user.update({ where: { id: a.admin.id }, data: { name: "Member 01" } });
    const made = [{ id: a.membershipId, name: "Member 01" }];
    for (const name of names) {
      const member = await addMember(system, a.companyId, { role: "STAFF", label: "paged" });
      await system.user.update({ where: { id: member.userId }, data: { name } });
      made.push({ id: member.membershipId, name });
    }
    const byName = (x: { id: string; name: string }, y: { id: string; name: string }) =>
      x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1;
    const expected = made.sort(byName).map((m) => m.id);
    const read = async (cursor: { after?: string; before?: string }) => {
      const page = await listMembers(a.ctx, { ...cursor, limit: 5 });
      expect(page.total).toBe(made.length);
      return { ...page, rows: page.members.map((m) => m.membershipId) };
    };

    const { forward, backward } = await walkKeyset(read, 5);
    expect(forward.map((rows) => rows.length)).toEqual([5, 5, 3]);
    expect(forward.flat()).toEqual(expected);
    expect(backward.flat()).toEqual(expected);

    // OFFSET would repeat the first page's last member on the second page once a member sorts before it.
    const first = await listMembers(a.ctx, { limit: 5 });
    const early = await addMember(system, a.companyId, { role: "STAFF", label: "early" });
    await system.user.update({ where: { id: early.userId }, data: { name: "Member 00" } });
    const second = await listMembers(a.ctx, { after: first.nextCursor!, limit: 5 });
    expect(second.members.map((m) => m.membershipId)).toEqual(expected.slice(5, 10));
    const back = await listMembers(a.ctx, { before: second.previousCursor!, limit: 5 });
    expect(back.members.map((m) => m.membershipId)).toEqual(expected.slice(0, 5));
    expect(back.previousCursor).not.toBeNull();

    // Another list's cursor, or text that is none, is a clear field error.
    const invitationsCursor = encodeTimeCursor(INVITATIONS_CURSOR, {
      createdAt: new Date().toISOString(),
      id: a.admin.id,
    });
    for (const after of ["not-a-cursor", first.nextCursor!.slice(1), invitationsCursor]) {
      await expect(listMembers(a.ctx, { after })).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { after: [STALE_CURSOR_MESSAGE] },
      });
    }
  });

  it("pages pending invitations newest first, ties broken by id; one sent while paging shifts no page", async () => {
    const a = await company("invitations");
    // Eleven invitations at eight moments: three share one and two another, which their ids order.
    const start = Date.now() - 3_600_000;
    const moments = [0, 1, 2, 2, 2, 3, 4, 5, 5, 6, 7].map((minute) => new Date(start + minute * 60_000));
    // The fixture's own pending invitation is listed too (newest, made now).
    const made = await system.oneTimeToken.findMany({
      where: { companyId: a.companyId, purpose: "INVITATION", usedAt: null },
      select: { id: true, createdAt: true },
    });
    for (const createdAt of moments) {
      const { invitationId } = await invite(a.ctx, uniqueEmail("paged"));
      await system.oneTimeToken.update({ where: { id: invitationId }, data: { createdAt } });
      made.push({ id: invitationId, createdAt });
    }
    const newest = (x: { id: string; createdAt: Date }, y: { id: string; createdAt: Date }) =>
      y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1);
    const expected = made.sort(newest).map((i) => i.id);
    const read = async (cursor: { after?: string; before?: string }) => {
      const page = await listInvitations(a.ctx, { ...cursor, limit: 4 });
      return { ...page, rows: page.invitations.map((i) => i.invitationId) };
    };

    const { forward, backward } = await walkKeyset(read, 4);
    expect(forward.map((rows) => rows.length)).toEqual([4, 4, 4]);
    expect(forward.flat()).toEqual(expected);
    expect(backward.flat()).toEqual(expected);

    // A new invitation is newest, before the cursor: the next page is still the one after the first.
    const first = await listInvitations(a.ctx, { limit: 4 });
    await invite(a.ctx, uniqueEmail("late"));
    const second = await listInvitations(a.ctx, { after: first.nextCursor!, limit: 4 });
    expect(second.invitations.map((i) => i.invitationId)).toEqual(expected.slice(4, 8));
    expect(second.total).toBe(made.length + 1);
  });
});

describe("the last-admin guard", () => {
  it("the only admin can neither demote nor deactivate themself", async () => {
    const a = await company("last");
    await expect(changeMemberRole(a.ctx, { membershipId: a.membershipId, role: "MANAGER" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: LAST_ADMIN_MESSAGE,
    });
    await expect(deactivateMember(a.ctx, { membershipId: a.membershipId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await system.membership.findUniqueOrThrow({ where: { id: a.membershipId } })).toMatchObject({
      role: "ADMIN",
      active: true,
    });
  });

  it("with another admin, an admin may step down", async () => {
    const a = await company("stepdown");
    await addMember(system, a.companyId, { role: "ADMIN" });
    await expect(changeMemberRole(a.ctx, { membershipId: a.membershipId, role: "STAFF" })).resolves.toMatchObject({
      role: "STAFF",
    });
    expect(await activeAdminCount(a.companyId)).toBe(1);
    // No longer an admin: a context resolved before the change cannot take the role back.
    await expect(changeMemberRole(a.ctx, { membershipId: a.membershipId, role: "ADMIN" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("two admins demoting (or deactivating) each other at once: exactly one succeeds, one admin is left", async () => {
    for (const round of [0, 1, 2, 3]) {
      const a = await company(`race${round}`);
      const other = await addMember(system, a.companyId, { role: "ADMIN" });
      const demote = (ctx: TenantContext, membershipId: string) =>
        round % 2 === 0
          ? changeMemberRole(ctx, { membershipId, role: "STAFF" })
          : deactivateMember(ctx, { membershipId });
      const results = await Promise.allSettled([demote(a.ctx, other.membershipId), demote(other.ctx, a.membershipId)]);
      expect(
        results.filter((r) => r.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(["CONFLICT", "FORBIDDEN"]).toContain(refused!.reason.code);
      expect(await activeAdminCount(a.companyId), `round ${round}`).toBe(1);
    }
  });
});

describe("resetting to a temporary password", () => {
  it("for a member of this company alone: new password, must change it, sessions ended", async () => {
    const a = await company("reset");
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    await expect(
      resetMemberPassword(a.ctx, { membershipId: member.membershipId, temporaryPassword: PASSWORD }),
    ).resolves.toEqual({
      membershipId: member.membershipId,
      email: member.email,
    });
    const user = await system.user.findUniqueOrThrow({ where: { id: member.userId } });
    expect(user).toMatchObject({ mustChangePassword: true, sessionVersion: 2, active: true });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "user.password_reset_by_admin" },
    });
    expect(audit).toMatchObject({ actorId: a.admin.id, entityId: member.userId });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(user.passwordHash);
  });

  it("refused for someone who also belongs to another company, even deactivated there; nothing changes", async () => {
    const [a, b] = await Promise.all([company("resetx-a"), company("resetx-b")]);
    const shared = await addMember(system, a.companyId, { role: "STAFF" });
    await addMembership(system, b.companyId, shared.userId, "STAFF", false);
    const before = await system.user.findUniqueOrThrow({ where: { id: shared.userId } });
    await expect(
      resetMemberPassword(a.ctx, { membershipId: shared.membershipId, temporaryPassword: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Forgot your password/) });
    expect(await system.user.findUniqueOrThrow({ where: { id: shared.userId } })).toEqual(before);
  });

  it("refused for the admin's own account and for a platform administrator", async () => {
    const a = await company("resetself");
    await expect(
      resetMemberPassword(a.ctx, { membershipId: a.membershipId, temporaryPassword: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const platformAdmin = await addMember(system, a.companyId, { role: "STAFF" });
    await system.user.update({ where: { id: platformAdmin.userId }, data: { isPlatformAdmin: true } });
    await expect(
      resetMemberPassword(a.ctx, { membershipId: platformAdmin.membershipId, temporaryPassword: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await system.user.findUniqueOrThrow({ where: { id: platformAdmin.userId } })).toMatchObject({
      passwordHash: "not-a-real-hash",
      sessionVersion: 1,
    });
  });
});

describe("mass assignment", () => {
  it("unknown keys are a VALIDATION error and change nothing", async () => {
    const [a, b] = await Promise.all([company("mass-a"), company("mass-b")]);
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    const { invitationId } = await invite(a.ctx, uniqueEmail("mass"));
    const before = await snapshotOf(a.companyId);
    const email = uniqueEmail("mass");
    const attempts: [string, () => Promise<unknown>][] = [
      ["invite + companyId", () => inviteMember(a.ctx, { email, role: "STAFF", companyId: b.companyId })],
      ["invite + isPlatformAdmin", () => inviteMember(a.ctx, { email, role: "STAFF", isPlatformAdmin: true })],
      [
        "role change + companyId",
        () => changeMemberRole(a.ctx, { membershipId: member.membershipId, role: "ADMIN", companyId: b.companyId }),
      ],
      [
        "role change + isPlatformAdmin",
        () => changeMemberRole(a.ctx, { membershipId: member.membershipId, role: "ADMIN", isPlatformAdmin: true }),
      ],
      ["deactivate + role", () => deactivateMember(a.ctx, { membershipId: member.membershipId, role: "ADMIN" })],
      ["reactivate + role", () => reactivateMember(a.ctx, { membershipId: member.membershipId, role: "ADMIN" })],
      [
        "reset + isPlatformAdmin",
        () =>
          resetMemberPassword(a.ctx, {
            membershipId: member.membershipId,
            temporaryPassword: PASSWORD,
            isPlatformAdmin: true,
          }),
      ],
      [
        "reset + mustChangePassword",
        () =>
          resetMemberPassword(a.ctx, {
            membershipId: member.membershipId,
            temporaryPassword: PASSWORD,
            mustChangePassword: false,
          }),
      ],
      [
        "create + companyId",
        () =>
          createMemberWithTemporaryPassword(a.ctx, {
            email,
            name: "M",
            role: "STAFF",
            temporaryPassword: PASSWORD,
            companyId: b.companyId,
          }),
      ],
      [
        "create + isPlatformAdmin",
        () =>
          createMemberWithTemporaryPassword(a.ctx, {
            email,
            name: "M",
            role: "STAFF",
            temporaryPassword: PASSWORD,
            isPlatformAdmin: true,
          }),
      ],
      ["revoke + role", () => revokeInvitation(a.ctx, { invitationId, role: "ADMIN" })],
      ["resend + role", () => resendInvitation(a.ctx, { invitationId, role: "ADMIN" })],
      ["list + companyId", () => listMembers(a.ctx, { companyId: b.companyId })],
    ];
    for (const [label, attempt] of attempts) {
      await expect(attempt(), label).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await snapshotOf(a.companyId)).toEqual(before);
    expect(await system.user.count({ where: { email } })).toBe(0);
  });
});

describe("tenant isolation: company B's admin on company A's ids", () => {
  let a: CompanyFixture;
  let b: CompanyFixture;
  let memberOfA: Awaited<ReturnType<typeof addMember>>;
  let invitationOfA: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([company("xt-a"), company("xt-b")]);
    memberOfA = await addMember(system, a.companyId, { role: "STAFF", label: "victim" });
    invitationOfA = (await inviteMember(a.ctx, { email: uniqueEmail("xt"), role: "STAFF" })).invitationId;
  });

  it("finds nothing and changes nothing, exactly like an unknown id", async () => {
    const before = await snapshotOf(a.companyId);
    const attempts: [string, () => Promise<unknown>][] = [
      ["change role", () => changeMemberRole(b.ctx, { membershipId: memberOfA.membershipId, role: "ADMIN" })],
      ["change A's admin role", () => changeMemberRole(b.ctx, { membershipId: a.membershipId, role: "STAFF" })],
      ["deactivate", () => deactivateMember(b.ctx, { membershipId: memberOfA.membershipId })],
      ["reactivate", () => reactivateMember(b.ctx, { membershipId: memberOfA.membershipId })],
      [
        "reset password",
        () => resetMemberPassword(b.ctx, { membershipId: memberOfA.membershipId, temporaryPassword: PASSWORD }),
      ],
      ["revoke invitation", () => revokeInvitation(b.ctx, { invitationId: invitationOfA })],
      ["resend invitation", () => resendInvitation(b.ctx, { invitationId: invitationOfA })],
      ["unknown membership", () => deactivateMember(b.ctx, { membershipId: "0193a7c2-1111-7000-8000-000000000000" })],
    ];
    for (const [label, attempt] of attempts) {
      await expect(attempt(), label).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("lists only its own members and invitations", async () => {
    const members = await listMembers(b.ctx, {});
    expect(members.members.length).toBeGreaterThan(0);
    expect(members.members.map((m) => m.membershipId)).not.toContain(memberOfA.membershipId);
    expect(members.members.map((m) => m.membershipId)).not.toContain(a.membershipId);
    const invitations = await listInvitations(b.ctx, {});
    expect(invitations.invitations.map((i) => i.invitationId)).not.toContain(invitationOfA);
    const ownIds = new Set(
      (await system.membership.findMany({ where: { companyId: b.companyId }, select: { id: true } })).map((m) => m.id),
    );
    expect(members.members.every((m) => ownIds.has(m.membershipId))).toBe(true);
  });

  it("inviting someone of company A into B touches nothing of A's", async () => {
    const before = await snapshotOf(a.companyId);
    await inviteMember(b.ctx, { email: memberOfA.email, role: "STAFF" });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });
});

describe("only admins manage users", () => {
  it.each(["STAFF", "MANAGER"] as const)("a %s is FORBIDDEN everywhere and changes nothing", async (role) => {
    const a = await company(`perm-${role.toLowerCase()}`);
    const caller = await addMember(system, a.companyId, { role });
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    const { invitationId } = await invite(a.ctx, uniqueEmail("perm"));
    const before = await snapshotOf(a.companyId);
    const email = uniqueEmail("perm");
    const attempts: [string, () => Promise<unknown>][] = [
      ["list members", () => listMembers(caller.ctx, {})],
      ["list invitations", () => listInvitations(caller.ctx, {})],
      ["invite", () => inviteMember(caller.ctx, { email, role: "ADMIN" })],
      ["resend", () => resendInvitation(caller.ctx, { invitationId })],
      ["revoke", () => revokeInvitation(caller.ctx, { invitationId })],
      [
        "create",
        () =>
          createMemberWithTemporaryPassword(caller.ctx, {
            email,
            name: "X",
            role: "ADMIN",
            temporaryPassword: PASSWORD,
          }),
      ],
      ["promote self", () => changeMemberRole(caller.ctx, { membershipId: caller.membershipId, role: "ADMIN" })],
      ["change role", () => changeMemberRole(caller.ctx, { membershipId: member.membershipId, role: "MANAGER" })],
      ["deactivate", () => deactivateMember(caller.ctx, { membershipId: member.membershipId })],
      ["reactivate", () => reactivateMember(caller.ctx, { membershipId: member.membershipId })],
      [
        "reset",
        () => resetMemberPassword(caller.ctx, { membershipId: member.membershipId, temporaryPassword: PASSWORD }),
      ],
    ];
    for (const [label, attempt] of attempts) {
      await expect(attempt(), label).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });
});
