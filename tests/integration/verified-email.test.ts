// Verified email, every way an account appears (issue 12, item 3), on real PostgreSQL: a sign-up's admin cannot invite
// or add anyone until their address is confirmed (resending the link is rate limited); no company mail (new request,
// decision, low stock) reaches an unconfirmed address, and the same person gets it once confirmed; accepting an
// invitation confirms the invited address; an account an admin creates starts unconfirmed with its link; an email
// change happens only when the new address's link is opened (expired, reused, replaced or cancelled links refused);
// invitations per company per day are limited; an invitation dies when its sender loses the right to invite;
// PLATFORM_ADMIN_EMAIL makes only a confirmed address platform administrator.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitationAsNewUser,
  acceptInvitationWithPassword,
  INVALID_INVITATION_MESSAGE,
} from "../../lib/accounts/accept-invitation";
import { CONFIRM_BEFORE_CREATING_MESSAGE } from "../../lib/accounts/account-records";
import { changePassword } from "../../lib/accounts/change-password";
import {
  cancelEmailChange,
  confirmEmail,
  CONFIRMATION_RESENDS_PER_HOUR,
  CONFIRMATIONS_PER_ADDRESS_PER_HOUR,
  getEmailStatus,
  INVALID_CONFIRMATION_MESSAGE,
  readEmailConfirmationLink,
  resendEmailConfirmation,
} from "../../lib/accounts/email-confirmation";
import { readInvitation } from "../../lib/accounts/invitation-preview";
import { hashToken } from "../../lib/accounts/one-time-token";
import { registerCompany } from "../../lib/accounts/register-company";
import { changeEmail } from "../../lib/accounts/update-profile";
import type { PrismaClient } from "../../lib/db/client";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { ensurePlatformAdmin } from "../../lib/platform/ensure-platform-admin";
import { CONFIRM_BEFORE_PLATFORM_MESSAGE, requirePlatformAdmin } from "../../lib/platform/require-platform-admin";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { changeMemberRole } from "../../lib/users/change-member-role";
import { createMemberWithTemporaryPassword } from "../../lib/users/create-member-with-temporary-password";
import { deactivateMember } from "../../lib/users/deactivate-member";
import { inviteMember } from "../../lib/users/invite-member";
import {
  CONFIRM_BEFORE_INVITING_MESSAGE,
  INVITATION_LIMIT_MESSAGE,
  INVITATIONS_PER_COMPANY_PER_DAY,
} from "../../lib/users/issue-invitation";
import { resendInvitation } from "../../lib/users/resend-invitation";
import { confirmationTokenFromOutbox, createPerson } from "../factories/accounts";
import { createCompanyFixture, uniqueSuffix } from "../factories/company";
import { createOrder, orderEmails, orderTeam, pricedProduct } from "../factories/orders";
import { addMember, invitationTokenFromOutbox, uniqueEmail } from "../factories/users";
import { superuserClient } from "../helpers/db";

const REQUEST = { requestId: "verified-email-test", userAgent: "vitest" };
const PASSWORD = "maple-lantern-river-58";
const NEW_PERSON = { name: "Nia Newcomer", password: PASSWORD, confirmPassword: PASSWORD };

let system: PrismaClient;

beforeAll(() => {
  system = superuserClient(6);
});

afterAll(async () => {
  await system.$disconnect();
});

const verifiedAt = async (userId: string) =>
  (await system.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } })).emailVerifiedAt;

const confirmationsTo = (email: string) =>
  system.emailOutbox.count({ where: { toAddress: email, template: "email-confirmation" } });

describe("a sign-up's admin, before and after confirming", () => {
  it("cannot invite or add anyone until the address is confirmed; resending is limited; then invites", async () => {
    const suffix = uniqueSuffix();
    const registered = await registerCompany(
      {
        companyName: `Quay Supplies ${suffix}`,
        name: `Sam ${suffix}`,
        email: `sam-${suffix}@verify.test`,
        password: PASSWORD,
        confirmPassword: PASSWORD,
      },
      REQUEST,
    );
    const email = `sam-${suffix}@verify.test`;
    // Approved or not (the platform's setting is another file's business): the address is what is in question here.
    await system.company.update({ where: { id: registered.companyId }, data: { status: "ACTIVE" } });
    const ctx = {
      companyId: registered.companyId,
      userId: registered.userId,
      email,
      role: "ADMIN" as const,
      request: REQUEST,
    };
    expect(await verifiedAt(registered.userId)).toBeNull();

    await expect(inviteMember(ctx, { email: uniqueEmail("invitee"), role: "STAFF" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: CONFIRM_BEFORE_INVITING_MESSAGE,
    });
    await expect(
      createMemberWithTemporaryPassword(ctx, {
        email: uniqueEmail("created"),
        name: "Cara Created",
        role: "STAFF",
        temporaryPassword: PASSWORD,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: CONFIRM_BEFORE_CREATING_MESSAGE });
    expect(await system.oneTimeToken.count({ where: { companyId: registered.companyId } })).toBe(0);
    expect(await system.emailOutbox.count({ where: { companyId: registered.companyId } })).toBe(0);
    expect(await system.membership.count({ where: { companyId: registered.companyId } })).toBe(1);

    // The sign-up sent one link; the person may ask for a few more, each replacing the last.
    const owner = { userId: registered.userId, request: REQUEST };
    const firstToken = await confirmationTokenFromOutbox(system, email);
    for (let i = 1; i < CONFIRMATION_RESENDS_PER_HOUR; i++) {
      expect(await resendEmailConfirmation(owner)).toEqual({ email });
    }
    await expect(resendEmailConfirmation(owner)).resolves.toEqual({ email });
    await expect(resendEmailConfirmation(owner)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining(`sent ${CONFIRMATION_RESENDS_PER_HOUR} times this hour`),
    });
    expect(await confirmationsTo(email)).toBe(1 + CONFIRMATION_RESENDS_PER_HOUR);
    expect(
      await system.platformAuditLog.count({
        where: { actorId: registered.userId, action: "user.email_verification_sent" },
      }),
    ).toBe(CONFIRMATION_RESENDS_PER_HOUR);
    // A replaced link is refused; the newest works, and keeps the sign-up's follow-up (the welcome).
    expect(await readEmailConfirmationLink(firstToken)).toEqual({ state: "used", confirmed: null });
    await expect(confirmEmail(firstToken, REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: INVALID_CONFIRMATION_MESSAGE,
    });
    await confirmEmail(await confirmationTokenFromOutbox(system, email), REQUEST);
    expect(await verifiedAt(registered.userId)).toBeInstanceOf(Date);
    expect(await system.emailOutbox.count({ where: { toAddress: email, template: "company-registered" } })).toBe(1);
    await expect(resendEmailConfirmation({ userId: registered.userId, request: REQUEST })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    const invitee = uniqueEmail("invitee");
    await inviteMember(ctx, { email: invitee, role: "STAFF" });
    expect(await system.emailOutbox.count({ where: { toAddress: invitee, template: "invitation" } })).toBe(1);
  });
});

describe("no company mail to an unconfirmed address", () => {
  it("new requests, decisions and low stock skip an unconfirmed person, who gets them once confirmed", async () => {
    const team = await orderTeam(system, "unverified-mail");
    const { fixture } = team;
    const [manager, requester] = await Promise.all([
      addMember(system, fixture.companyId, { role: "MANAGER", verified: false }),
      addMember(system, fixture.companyId, { role: "STAFF", verified: false }),
    ]);
    const product = await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 20 } });
    const approvers = [fixture.admin.email, team.manager.email, team.manager2.email];

    const first = await createOrder(requester.ctx, {
      type: "RESTOCK",
      locationId: fixture.locationId,
      lines: [{ productId: product.id, quantity: 3 }],
    });
    const submittedTo = async (n: number) =>
      (await orderEmails(system, fixture.companyId, "order-submitted", n)).map((e) => e.toAddress);
    const decidedTo = async (n: number) =>
      (await orderEmails(system, fixture.companyId, "order-status", n)).map((e) => e.toAddress);
    expect(await submittedTo(first.number)).toEqual([...approvers].sort());
    await approveOrderRequest(team.manager.ctx, { orderId: first.id, version: first.version });
    expect(await decidedTo(first.number)).toEqual([]);

    await system.product.update({ where: { id: product.id }, data: { reorderPoint: 10 } });
    const lowStockTo = async () =>
      (
        await system.emailOutbox.findMany({
          where: { template: "low-stock", props: { path: ["products"], string_contains: product.name } },
          select: { toAddress: true },
        })
      )
        .map((row) => row.toAddress)
        .sort();
    await adjustStock(team.manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      locationId: fixture.locationId,
      mode: "change",
      quantity: "-12",
      reason: "Counted again",
    });
    expect(await lowStockTo()).toEqual([...approvers].sort());

    // Confirmed: the same people now receive the same kinds of mail.
    await system.user.updateMany({
      where: { id: { in: [manager.userId, requester.userId] } },
      data: { emailVerifiedAt: new Date() },
    });
    const second = await createOrder(requester.ctx, {
      type: "RESTOCK",
      locationId: fixture.locationId,
      lines: [{ productId: product.id, quantity: 3 }],
    });
    expect(await submittedTo(second.number)).toEqual([...approvers, manager.email].sort());
    await approveOrderRequest(team.manager.ctx, { orderId: second.id, version: second.version });
    expect(await decidedTo(second.number)).toEqual([requester.email]);
  });
});

describe("accounts that appear through an administrator", () => {
  it("accepting an invitation confirms the invited address, for a new and for an existing account", async () => {
    const fixture = await createCompanyFixture(system, "accept-verifies");
    const newcomer = uniqueEmail("newcomer");
    await inviteMember(fixture.ctx, { email: newcomer, role: "STAFF" });
    const claims = await acceptInvitationAsNewUser(
      await invitationTokenFromOutbox(system, fixture.companyId, newcomer),
      NEW_PERSON,
      REQUEST,
    );
    expect(await verifiedAt(claims.sub)).toBeInstanceOf(Date);

    const other = await createCompanyFixture(system, "accept-verifies-b");
    const existing = await createPerson(system, { companyId: other.companyId, verified: false });
    await inviteMember(fixture.ctx, { email: existing.email, role: "MANAGER" });
    await acceptInvitationWithPassword(
      await invitationTokenFromOutbox(system, fixture.companyId, existing.email),
      { password: existing.password },
      REQUEST,
    );
    expect(await verifiedAt(existing.id)).toBeInstanceOf(Date);
    const audit = await system.auditLog.findMany({
      where: { entityId: existing.id, action: "user.email_verified" },
      select: { companyId: true, after: true },
    });
    expect(audit.map((row) => row.companyId).sort()).toEqual([fixture.companyId, other.companyId].sort());
    expect(audit[0]!.after).toEqual({ email: existing.email, by: "invitation" });
  });

  it("a registrant confirmed by accepting an invitation still has their company announced, once", async () => {
    const suffix = uniqueSuffix();
    const email = `reg-${suffix}@verify.test`;
    const companyName = `Invited Registrant ${suffix}`;
    const registered = await registerCompany(
      { companyName, name: `Reg ${suffix}`, email, password: PASSWORD, confirmPassword: PASSWORD },
      REQUEST,
    );
    await system.company.update({ where: { id: registered.companyId }, data: { status: "PENDING" } });
    const platformAdmin = await system.user.create({
      data: {
        email: `platform-${suffix}@verify.test`,
        name: "Platform",
        passwordHash: "x",
        isPlatformAdmin: true,
        emailVerifiedAt: new Date(),
      },
      select: { email: true },
    });
    const inviting = await createCompanyFixture(system, "invites-registrant");
    await inviteMember(inviting.ctx, { email, role: "STAFF" });
    await acceptInvitationWithPassword(
      await invitationTokenFromOutbox(system, inviting.companyId, email),
      { password: PASSWORD },
      REQUEST,
    );
    expect(await verifiedAt(registered.userId)).toBeInstanceOf(Date);
    const announced = () =>
      system.emailOutbox.count({
        where: { template: "company-pending", props: { path: ["companyName"], equals: companyName } },
      });
    expect(
      await system.emailOutbox.count({
        where: { template: "company-pending", toAddress: platformAdmin.email },
      }),
    ).toBe(1);
    const once = await announced();
    expect(await system.emailOutbox.count({ where: { toAddress: email, template: "company-registered" } })).toBe(1);
    // The sign-up's own link is spent: opening it now announces nothing again.
    const link = await confirmationTokenFromOutbox(system, email);
    await expect(confirmEmail(link, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await announced()).toBe(once);
  });

  it("a registrant who corrects a mistyped address has their company announced once the new one confirms", async () => {
    const suffix = uniqueSuffix();
    const typo = `reg-${suffix}@verfy.test`;
    const fixed = `reg-${suffix}@verify.test`;
    const registered = await registerCompany(
      {
        companyName: `Typo Co ${suffix}`,
        name: `Reg ${suffix}`,
        email: typo,
        password: PASSWORD,
        confirmPassword: PASSWORD,
      },
      REQUEST,
    );
    await system.company.update({ where: { id: registered.companyId }, data: { status: "ACTIVE" } });
    const owner = { userId: registered.userId, request: REQUEST };
    await changeEmail(owner, { email: fixed, currentPassword: PASSWORD });
    expect(await system.emailOutbox.count({ where: { template: "company-registered", toAddress: fixed } })).toBe(0);
    await confirmEmail(await confirmationTokenFromOutbox(system, fixed), REQUEST);
    expect(await verifiedAt(registered.userId)).toBeInstanceOf(Date);
    expect(await system.emailOutbox.count({ where: { template: "company-registered", toAddress: fixed } })).toBe(1);
    expect(await system.emailOutbox.count({ where: { template: "company-registered", toAddress: typo } })).toBe(0);
  });

  it("an account an admin creates starts unconfirmed, with its own link", async () => {
    const fixture = await createCompanyFixture(system, "created-unverified");
    const email = uniqueEmail("created");
    const created = await createMemberWithTemporaryPassword(fixture.ctx, {
      email,
      name: "Cara Created",
      role: "MANAGER",
      temporaryPassword: PASSWORD,
    });
    expect(await verifiedAt(created.userId)).toBeNull();
    expect(await confirmationsTo(email)).toBe(1);
    expect(await getEmailStatus(created.userId)).toEqual({ email, verified: false, pendingChange: null });
    await confirmEmail(await confirmationTokenFromOutbox(system, email), REQUEST);
    expect(await getEmailStatus(created.userId)).toMatchObject({ verified: true });
  });
});

describe("changing an email address", () => {
  async function person() {
    const fixture = await createCompanyFixture(system, "email-change");
    const account = await createPerson(system, { companyId: fixture.companyId });
    return { fixture, account, owner: { userId: account.id, request: REQUEST } };
  }

  it("changes only when the new address's link is opened; the old address is told; the link works once", async () => {
    const { fixture, account, owner } = await person();
    const newEmail = `moved-${uniqueSuffix()}@verify.test`;
    expect(await changeEmail(owner, { email: newEmail.toUpperCase(), currentPassword: account.password })).toEqual({
      pendingEmail: newEmail,
    });
    const status = await getEmailStatus(account.id);
    expect(status).toMatchObject({ email: account.email, verified: true, pendingChange: { email: newEmail } });
    expect(await system.emailOutbox.count({ where: { toAddress: account.email, template: "email-changed" } })).toBe(0);
    // The current address hears of the request at once, while it can still be stopped.
    const requestedNotice = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: account.email, template: "email-change-requested" },
      select: { props: true },
    });
    expect(requestedNotice.props).toMatchObject({ oldEmail: account.email, newEmail });
    const link = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: newEmail, template: "email-confirmation" },
      select: { subject: true, props: true },
    });
    expect(link.subject).toBe("Confirm your new StockFlow email address");
    expect(link.props).toMatchObject({ email: newEmail, change: true, expiresInMinutes: 24 * 60 });
    expect(
      await system.auditLog.count({
        where: { companyId: fixture.companyId, entityId: account.id, action: "user.email_change_requested" },
      }),
    ).toBe(1);

    const token = await confirmationTokenFromOutbox(system, newEmail);
    expect(await confirmEmail(token, REQUEST)).toEqual({ email: newEmail, change: true });
    const user = await system.user.findUniqueOrThrow({
      where: { id: account.id },
      select: { email: true, emailVerifiedAt: true },
    });
    expect(user.email).toBe(newEmail);
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    const notice = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: account.email, template: "email-changed" },
    });
    expect(notice.props).toMatchObject({ oldEmail: account.email, newEmail });
    expect(
      await system.auditLog.findMany({
        where: { companyId: fixture.companyId, entityId: account.id, action: "user.email_changed" },
        select: { before: true, after: true },
      }),
    ).toEqual([{ before: { email: account.email }, after: { email: newEmail } }]);
    expect((await getEmailStatus(account.id)).pendingChange).toBeNull();

    // Opened again, the link says what it did, and does nothing more.
    expect(await readEmailConfirmationLink(token)).toEqual({
      state: "used",
      confirmed: { email: newEmail, change: true },
    });
    await expect(confirmEmail(token, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await system.emailOutbox.count({ where: { toAddress: account.email, template: "email-changed" } })).toBe(1);
  });

  it("an expired link changes nothing", async () => {
    const { account, owner } = await person();
    const newEmail = `late-${uniqueSuffix()}@verify.test`;
    await changeEmail(owner, { email: newEmail, currentPassword: account.password });
    const token = await confirmationTokenFromOutbox(system, newEmail);
    await system.oneTimeToken.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await readEmailConfirmationLink(token)).state).toBe("expired");
    await expect(confirmEmail(token, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await system.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
    expect((await getEmailStatus(account.id)).pendingChange).toBeNull();
  });

  it("a newer request replaces the older link, and cancelling retires the pending one", async () => {
    const { fixture, account, owner } = await person();
    const first = `first-${uniqueSuffix()}@verify.test`;
    const second = `second-${uniqueSuffix()}@verify.test`;
    await changeEmail(owner, { email: first, currentPassword: account.password });
    const firstToken = await confirmationTokenFromOutbox(system, first);
    await changeEmail(owner, { email: second, currentPassword: account.password });
    await expect(confirmEmail(firstToken, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getEmailStatus(account.id)).pendingChange).toMatchObject({ email: second });

    await cancelEmailChange(owner);
    expect((await getEmailStatus(account.id)).pendingChange).toBeNull();
    await expect(confirmEmail(await confirmationTokenFromOutbox(system, second), REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await system.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
    expect(
      await system.auditLog.count({
        where: { companyId: fixture.companyId, entityId: account.id, action: "user.email_change_cancelled" },
      }),
    ).toBe(1);
    // Nothing pending: cancelling again records nothing more.
    await cancelEmailChange(owner);
    expect(
      await system.platformAuditLog.count({ where: { actorId: account.id, action: "user.email_change_cancelled" } }),
    ).toBe(1);
  });

  it("a password change cancels a pending change: whoever asked with the old password cannot complete it", async () => {
    const { account, owner } = await person();
    const wanted = `takeover-${uniqueSuffix()}@verify.test`;
    await changeEmail(owner, { email: wanted, currentPassword: account.password });
    const token = await confirmationTokenFromOutbox(system, wanted);
    await changePassword(
      { ...owner, companyId: null, sessionId: randomUUID() },
      {
        currentPassword: account.password,
        newPassword: "a brand new passphrase 7",
        confirmPassword: "a brand new passphrase 7",
      },
    );
    expect((await getEmailStatus(account.id)).pendingChange).toBeNull();
    await expect(confirmEmail(token, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await system.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
  });

  it(`the confirm button takes ${CONFIRMATIONS_PER_ADDRESS_PER_HOUR} presses an hour per address, then refuses`, async () => {
    const probe = { ...REQUEST, ip: `2001:db8:${randomUUID().slice(0, 4)}::1` };
    for (let i = 0; i < CONFIRMATIONS_PER_ADDRESS_PER_HOUR; i++) {
      await expect(confirmEmail("A".repeat(43), probe)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(confirmEmail("A".repeat(43), probe)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Too many confirmation attempts from your network\. Try again in /),
    });
  });

  it("an address another account took meanwhile is refused when the link is opened, and nothing changes", async () => {
    const { account, owner } = await person();
    const wanted = `wanted-${uniqueSuffix()}@verify.test`;
    await changeEmail(owner, { email: wanted, currentPassword: account.password });
    const token = await confirmationTokenFromOutbox(system, wanted);
    await system.user.create({ data: { email: wanted, name: "Quick", passwordHash: "x" }, select: { id: true } });
    // The confirm page has no email field: the reason is the message itself.
    await expect(confirmEmail(token, REQUEST)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Another account uses that email address.",
    });
    expect((await system.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
    // The refusal rolled the claim back with the rest: the link is still unused.
    expect((await readEmailConfirmationLink(token)).state).toBe("valid");
  });

  it("a confirmation link for an address the account no longer has confirms nothing", async () => {
    const fixture = await createCompanyFixture(system, "stale-verify");
    const email = uniqueEmail("stale");
    const created = await createMemberWithTemporaryPassword(fixture.ctx, {
      email,
      name: "Stale Link",
      role: "STAFF",
      temporaryPassword: PASSWORD,
    });
    const token = await confirmationTokenFromOutbox(system, email);
    await system.user.update({ where: { id: created.userId }, data: { email: uniqueEmail("elsewhere") } });
    await expect(confirmEmail(token, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await verifiedAt(created.userId)).toBeNull();
  });
});

describe("invitations", () => {
  it(`a company sends at most ${INVITATIONS_PER_COMPANY_PER_DAY} in 24 hours, resent ones included`, async () => {
    const fixture = await createCompanyFixture(system, "invite-limit");
    const other = await createCompanyFixture(system, "invite-limit-b");
    const token = (n: number, createdAt: Date) => ({
      companyId: fixture.companyId,
      purpose: "INVITATION" as const,
      tokenHash: hashToken(`limit-${fixture.companyId}-${n}`),
      email: `filler-${n}-${uniqueSuffix()}@verify.test`,
      role: "STAFF" as const,
      createdById: fixture.admin.id,
      expiresAt: new Date(Date.now() + 60_000),
      createdAt,
    });
    // One from yesterday does not count; with the fixture's own, the rest fill today's allowance but one.
    const existing = await system.oneTimeToken.count({
      where: { companyId: fixture.companyId, purpose: "INVITATION" },
    });
    await system.oneTimeToken.createMany({
      data: [
        token(0, new Date(Date.now() - 25 * 60 * 60 * 1000)),
        ...Array.from({ length: INVITATIONS_PER_COMPANY_PER_DAY - 1 - existing }, (_, i) => token(i + 1, new Date())),
      ],
    });
    const last = await inviteMember(fixture.ctx, { email: uniqueEmail("last"), role: "STAFF" });
    const before = await system.oneTimeToken.count({ where: { companyId: fixture.companyId } });
    await expect(inviteMember(fixture.ctx, { email: uniqueEmail("over"), role: "STAFF" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: INVITATION_LIMIT_MESSAGE,
    });
    await expect(resendInvitation(fixture.ctx, { invitationId: last.invitationId })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(await system.oneTimeToken.count({ where: { companyId: fixture.companyId } })).toBe(before);
    expect(
      (await system.oneTimeToken.findUniqueOrThrow({ where: { id: last.invitationId }, select: { usedAt: true } }))
        .usedAt,
    ).toBeNull();
    // Another company's allowance is its own.
    await expect(inviteMember(other.ctx, { email: uniqueEmail("other"), role: "STAFF" })).resolves.toBeDefined();
  });

  it(`accounts an admin creates directly count toward the same ${INVITATIONS_PER_COMPANY_PER_DAY} a day`, async () => {
    const fixture = await createCompanyFixture(system, "create-limit");
    const existing = await system.oneTimeToken.count({
      where: { companyId: fixture.companyId, purpose: "INVITATION" },
    });
    await system.oneTimeToken.createMany({
      data: Array.from({ length: INVITATIONS_PER_COMPANY_PER_DAY - 1 - existing }, (_, i) => ({
        companyId: fixture.companyId,
        purpose: "INVITATION" as const,
        tokenHash: hashToken(`create-limit-${fixture.companyId}-${i}`),
        email: `filler-${i}-${uniqueSuffix()}@verify.test`,
        role: "STAFF" as const,
        createdById: fixture.admin.id,
        expiresAt: new Date(Date.now() + 60_000),
      })),
    });
    const create = (email: string) =>
      createMemberWithTemporaryPassword(fixture.ctx, {
        email,
        name: "Cara Created",
        role: "STAFF",
        temporaryPassword: PASSWORD,
      });
    await expect(create(uniqueEmail("last"))).resolves.toMatchObject({ role: "STAFF" });
    const over = uniqueEmail("over");
    await expect(create(over)).rejects.toMatchObject({ code: "RATE_LIMITED", message: INVITATION_LIMIT_MESSAGE });
    expect(await system.user.count({ where: { email: over } })).toBe(0);
    await expect(inviteMember(fixture.ctx, { email: uniqueEmail("invited"), role: "STAFF" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  it(`two admins inviting at once cannot pass ${INVITATIONS_PER_COMPANY_PER_DAY} together`, async () => {
    const fixture = await createCompanyFixture(system, "invite-race");
    const second = await addMember(system, fixture.companyId, { role: "ADMIN" });
    const existing = await system.oneTimeToken.count({
      where: { companyId: fixture.companyId, purpose: "INVITATION" },
    });
    await system.oneTimeToken.createMany({
      data: Array.from({ length: INVITATIONS_PER_COMPANY_PER_DAY - 1 - existing }, (_, i) => ({
        companyId: fixture.companyId,
        purpose: "INVITATION" as const,
        tokenHash: hashToken(`race-${fixture.companyId}-${i}`),
        email: `race-${i}-${uniqueSuffix()}@verify.test`,
        role: "STAFF" as const,
        expiresAt: new Date(Date.now() + 60_000),
      })),
    });
    const results = await Promise.allSettled([
      inviteMember(fixture.ctx, { email: uniqueEmail("a"), role: "STAFF" }),
      inviteMember(second.ctx, { email: uniqueEmail("b"), role: "STAFF" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await system.oneTimeToken.count({ where: { companyId: fixture.companyId, purpose: "INVITATION" } })).toBe(
      INVITATIONS_PER_COMPANY_PER_DAY,
    );
  });

  it("dies when its sender is demoted below admin or deactivated: retired at once, and checked at acceptance", async () => {
    const fixture = await createCompanyFixture(system, "invite-sender");
    const sender = await addMember(system, fixture.companyId, { role: "ADMIN" });
    const sendTo = async (label: string) => {
      const email = uniqueEmail(label);
      await inviteMember(sender.ctx, { email, role: "STAFF" });
      return invitationTokenFromOutbox(system, fixture.companyId, email);
    };
    const refused = { code: "NOT_FOUND", message: INVALID_INVITATION_MESSAGE };

    // Demoted through the users page: what they sent is retired with the role change.
    const demotedLink = await sendTo("demoted");
    await changeMemberRole(fixture.ctx, { membershipId: sender.membershipId, role: "MANAGER" });
    await expect(acceptInvitationAsNewUser(demotedLink, NEW_PERSON, REQUEST)).rejects.toMatchObject(refused);
    const roleAudit = await system.auditLog.findFirstOrThrow({
      where: { companyId: fixture.companyId, action: "membership.role_changed", entityId: sender.membershipId },
      select: { after: true },
    });
    expect(roleAudit.after).toMatchObject({ role: "MANAGER", sentInvitationsRetired: 1 });

    // Lowered some other way (no retirement ran): acceptance itself refuses, and the link stays unclaimed.
    await changeMemberRole(fixture.ctx, { membershipId: sender.membershipId, role: "ADMIN" });
    const bypassLink = await sendTo("bypass");
    expect(await readInvitation(bypassLink)).toMatchObject({ companyName: expect.any(String), role: "STAFF" });
    await system.membership.update({ where: { id: sender.membershipId }, data: { role: "STAFF" } });
    // The invitation page already says the link is not valid, before anyone types a password.
    expect(await readInvitation(bypassLink)).toBeNull();
    await expect(acceptInvitationAsNewUser(bypassLink, NEW_PERSON, REQUEST)).rejects.toMatchObject(refused);
    const bypassRow = await system.oneTimeToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(bypassLink) },
      select: { usedAt: true },
    });
    expect(bypassRow.usedAt).toBeNull();
    await system.membership.update({ where: { id: sender.membershipId }, data: { role: "ADMIN" } });
    await expect(acceptInvitationAsNewUser(bypassLink, NEW_PERSON, REQUEST)).resolves.toMatchObject({
      companyId: fixture.companyId,
    });

    // Deactivated through the users page, and an account switched off some other way.
    const deactivatedLink = await sendTo("deactivated");
    await deactivateMember(fixture.ctx, { membershipId: sender.membershipId });
    await expect(acceptInvitationAsNewUser(deactivatedLink, NEW_PERSON, REQUEST)).rejects.toMatchObject(refused);
    await system.membership.update({ where: { id: sender.membershipId }, data: { active: true } });
    const offLink = await sendTo("account-off");
    await system.user.update({ where: { id: sender.userId }, data: { active: false } });
    expect(await readInvitation(offLink)).toBeNull();
    await expect(acceptInvitationAsNewUser(offLink, NEW_PERSON, REQUEST)).rejects.toMatchObject(refused);
  });
});

describe("invitations of a company that is not active", () => {
  it("cannot be accepted while the platform has the company suspended, and can again once it is reactivated", async () => {
    const fixture = await createCompanyFixture(system, "invite-suspended");
    const email = uniqueEmail("suspended");
    await inviteMember(fixture.ctx, { email, role: "STAFF" });
    const link = await invitationTokenFromOutbox(system, fixture.companyId, email);
    await system.company.update({ where: { id: fixture.companyId }, data: { status: "SUSPENDED" } });
    expect(await readInvitation(link)).toBeNull();
    await expect(acceptInvitationAsNewUser(link, NEW_PERSON, REQUEST)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: INVALID_INVITATION_MESSAGE,
    });
    expect(await system.user.count({ where: { email } })).toBe(0);
    await system.company.update({ where: { id: fixture.companyId }, data: { status: "ACTIVE" } });
    await expect(acceptInvitationAsNewUser(link, NEW_PERSON, REQUEST)).resolves.toMatchObject({
      companyId: fixture.companyId,
    });
  });
});

describe("PLATFORM_ADMIN_EMAIL", () => {
  const platform = (userId: string, email: string) => ({ userId, email, isPlatformAdmin: true, request: REQUEST });

  it("does not make an unconfirmed account platform administrator; a confirmed one it does", async () => {
    const fixture = await createCompanyFixture(system, "platform-unverified");
    const person = await addMember(system, fixture.companyId, { role: "STAFF", verified: false });
    const lines: string[] = [];
    const result = await ensurePlatformAdmin(system, { email: person.email, log: (line) => lines.push(line) });
    expect(result).toEqual({ userId: person.userId, outcome: "unverified" });
    expect(lines.join("\n")).toMatch(/has not confirmed its email address/);
    expect((await system.user.findUniqueOrThrow({ where: { id: person.userId } })).isPlatformAdmin).toBe(false);

    await resendEmailConfirmation({ userId: person.userId, request: REQUEST });
    await confirmEmail(await confirmationTokenFromOutbox(system, person.email), REQUEST);
    const promoted = await ensurePlatformAdmin(system, { email: person.email, log: () => {} });
    expect(promoted.outcome).toBe("promoted");
  });

  it("the account it creates administers nothing until its address is confirmed", async () => {
    const email = `operator-${uniqueSuffix()}@verify.test`;
    const lines: string[] = [];
    const created = await ensurePlatformAdmin(system, { email, log: (line) => lines.push(line) });
    expect(created.outcome).toBe("created");
    expect(lines.at(-1)).toMatch(/confirm the address from the platform page/);
    // The person has chosen their own password.
    await system.user.update({ where: { id: created.userId }, data: { mustChangePassword: false } });
    await expect(requirePlatformAdmin(system, platform(created.userId, email))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: CONFIRM_BEFORE_PLATFORM_MESSAGE,
    });
    await resendEmailConfirmation({ userId: created.userId, request: REQUEST });
    await confirmEmail(await confirmationTokenFromOutbox(system, email), REQUEST);
    await expect(requirePlatformAdmin(system, platform(created.userId, email))).resolves.toBeUndefined();
  });
});
