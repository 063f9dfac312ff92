// Confirming an address by its link (issue 12, item 3), the public page /confirm-email/<token>, and what a signed-in
// person does about their own confirmation (resend it, see or cancel a pending change of address). Links are sent by
// lib/accounts/email-confirmation-link.ts.
//  - EMAIL_VERIFICATION: the account's own address. Confirming sets users.email_verified_at (from then on company mail
//    reaches it, its companies may invite, a platform administrator may act) and runs what waited for it: a sign-up's
//    welcome and platform notice (the sign-up's link names the company), whether the address is confirmed by its own
//    link or by accepting an invitation. A link for an address the account no longer has is refused.
//  - EMAIL_CHANGE: the new address replaces the old one only now, confirmed by the same stroke; the old address gets
//    the notice, unused reset links die (they were sent to the old mailbox).
// The token is claimed with one conditional UPDATE, so a link works once even when opened twice at the same moment;
// whatever refuses afterwards rolls the claim back with everything else.
import "server-only";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx, type SystemTx } from "../db/system";
import { AppError, isUniqueViolation } from "../errors";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { issueEmailConfirmation, type VerificationFollowUp } from "./email-confirmation-link";
import { hashToken, isWellFormedToken, tokenState, type TokenState } from "./one-time-token";
import { hitRateLimit, limitClientAddress } from "../auth/rate-limit";
import { announceRegisteredCompany } from "./register-company";
import { retireAccountLinks } from "./request-password-reset";
import { recordUserAudit } from "../auth/user-audit";

export const INVALID_CONFIRMATION_MESSAGE =
  "This confirmation link is not valid any more. Sign in and send yourself a new one from your profile.";

export const ADDRESS_TAKEN_MESSAGE = "Another account uses that email address.";

/** Confirmation emails a person may send themselves per hour: a few retries, not a mail cannon. */
export const CONFIRMATION_RESENDS_PER_HOUR = 3;

const HOUR_MS = 60 * 60 * 1000;

interface ClaimedConfirmation {
  id: string;
  purpose: "EMAIL_VERIFICATION" | "EMAIL_CHANGE";
  email: string;
  userId: string;
}

export interface ConfirmedEmail {
  email: string;
  change: boolean;
}

const alreadyConfirmed = () => new AppError("CONFLICT", "Your email address is already confirmed.");

const invalid = () => new AppError("NOT_FOUND", INVALID_CONFIRMATION_MESSAGE);

export interface ConfirmationLink {
  state: TokenState | "invalid";
  /** A used link whose address is now the account's, confirmed: the page says so (after the button, too). */
  confirmed: ConfirmedEmail | null;
}

/** A link as the page shows it before anyone presses the button; "invalid" when it is not ours. */
export async function readEmailConfirmationLink(token: string): Promise<ConfirmationLink> {
  if (!isWellFormedToken(token)) return { state: "invalid", confirmed: null };
  const db = systemPrisma();
  const row = await db.oneTimeToken.findFirst({
    where: { tokenHash: hashToken(token), purpose: { in: ["EMAIL_VERIFICATION", "EMAIL_CHANGE"] } },
    select: { purpose: true, email: true, userId: true, expiresAt: true, usedAt: true },
  });
  if (!row) return { state: "invalid", confirmed: null };
  const state = tokenState(row);
  if (state !== "used" || !row.userId) return { state, confirmed: null };
  // Having the link proves the mailbox: it may learn that its own address is confirmed.
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { email: true, emailVerifiedAt: true } });
  const confirmed = user?.email === row.email && user.emailVerifiedAt !== null;
  return { state, confirmed: confirmed ? { email: row.email, change: row.purpose === "EMAIL_CHANGE" } : null };
}

/** Presses of the public confirm button per client address per hour (a public form, docs/architecture.md §8). */
export const CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 20;

export async function confirmEmail(token: string, request: RequestMeta): Promise<ConfirmedEmail> {
  await limitClientAddress(request, {
    form: "confirm-email",
    max: CONFIRMATIONS_PER_ADDRESS_PER_HOUR,
    windowMs: HOUR_MS,
    refusal: "Too many confirmation attempts from your network.",
  });
  if (!isWellFormedToken(token)) throw invalid();
  const confirmed = await withSystemTx(async (tx) => {
    const [claimed] = await tx.$queryRaw<ClaimedConfirmation[]>`
      UPDATE one_time_tokens
         SET used_at = now()
       WHERE token_hash = ${hashToken(token)}
         AND purpose IN ('EMAIL_VERIFICATION', 'EMAIL_CHANGE')
         AND used_at IS NULL
         AND expires_at > now()
         AND user_id IS NOT NULL
      RETURNING id::text AS id, purpose::text AS purpose, email, user_id::text AS "userId"`;
    if (!claimed) throw invalid();
    // Locks the account: a concurrent change of address or confirmation waits for this one.
    const [user] = await tx.$queryRaw<{ email: string; name: string; active: boolean; verified: boolean }[]>`
      SELECT email, name, active, email_verified_at IS NOT NULL AS verified
        FROM users WHERE id = ${claimed.userId}::uuid FOR UPDATE`;
    if (!user?.active) throw invalid();
    return claimed.purpose === "EMAIL_CHANGE"
      ? applyEmailChange(tx, claimed, user, request)
      : applyVerification(tx, claimed, user, request);
  });
  kickOutbox();
  return confirmed;
}

async function applyVerification(
  tx: SystemTx,
  claimed: ClaimedConfirmation,
  user: { email: string; name: string },
  request: RequestMeta,
): Promise<ConfirmedEmail> {
  if (claimed.email !== user.email) throw invalid();
  // Already confirmed (by an invitation meanwhile) changes nothing.
  await markEmailVerified(tx, { userId: claimed.userId, name: user.name, email: user.email }, "link", request);
  return { email: user.email, change: false };
}

async function applyEmailChange(
  tx: SystemTx,
  claimed: ClaimedConfirmation,
  user: { email: string; name: string; verified: boolean },
  request: RequestMeta,
): Promise<ConfirmedEmail> {
  if (claimed.email === user.email) return { email: user.email, change: true };
  const taken = await tx.user.findUnique({ where: { email: claimed.email }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", ADDRESS_TAKEN_MESSAGE);
  await tx.user
    .update({
      where: { id: claimed.userId },
      data: { email: claimed.email, emailVerifiedAt: new Date() },
      select: { id: true },
    })
    .catch((error: unknown) => {
      // Taken between the check and the write: the unique index decides.
      throw isUniqueViolation(error) ? new AppError("CONFLICT", ADDRESS_TAKEN_MESSAGE) : error;
    });
  await retireAccountLinks(tx, claimed.userId);
  // A verification link still out for the old address can no longer confirm anything.
  await retireVerificationLinks(tx, claimed.userId);
  await recordUserAudit(
    tx,
    {
      userId: claimed.userId,
      email: claimed.email,
      action: "user.email_changed",
      before: { email: user.email },
      after: { email: claimed.email },
    },
    request,
  );
  await enqueuePlatformEmail(tx, {
    template: "email-changed",
    to: user.email,
    props: { name: user.name, oldEmail: user.email, newEmail: claimed.email, changedAt: new Date().toISOString() },
  });
  // A registrant who corrects a mistyped address confirms the new one: what waited for confirmation runs now.
  if (!user.verified)
    await runVerificationFollowUps(tx, { name: user.name, email: claimed.email, userId: claimed.userId });
  return { email: claimed.email, change: true };
}

export interface EmailStatus {
  email: string;
  verified: boolean;
  /** A change of address waiting for its link to be opened. */
  pendingChange: { email: string; expiresAt: Date } | null;
}

/** What the profile and the pages an unconfirmed person can reach show about their address. */
export async function getEmailStatus(userId: string): Promise<EmailStatus> {
  const db = systemPrisma();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  const pending = await db.oneTimeToken.findFirst({
    where: { userId, purpose: "EMAIL_CHANGE", usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { email: true, expiresAt: true },
  });
  return { email: user.email, verified: user.emailVerifiedAt !== null, pendingChange: pending };
}

export interface AddressOwner {
  userId: string;
  request: RequestMeta;
}

/** A new link for the person's own unconfirmed address (rate limited); it replaces the ones before. */
export async function resendEmailConfirmation(owner: AddressOwner): Promise<{ email: string }> {
  // Answered before the limit counts a try: pressing the button on a page rendered before confirming says so.
  const current = await systemPrisma().user.findUnique({
    where: { id: owner.userId },
    select: { emailVerifiedAt: true },
  });
  if (current?.emailVerifiedAt) throw alreadyConfirmed();
  const limit = await hitRateLimit({
    key: `email-confirmation:user:${owner.userId}`,
    max: CONFIRMATION_RESENDS_PER_HOUR,
    windowMs: HOUR_MS,
  });
  if (limit.count > CONFIRMATION_RESENDS_PER_HOUR) {
    const minutes = Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 60_000));
    throw new AppError(
      "RATE_LIMITED",
      `A confirmation email was sent ${CONFIRMATION_RESENDS_PER_HOUR} times this hour. Check your inbox and spam folder, or try again in ${minutes} minutes.`,
    );
  }
  const sent = await withSystemTx(async (tx) => {
    const [user] = await tx.$queryRaw<{ email: string; name: string; active: boolean; verified: boolean }[]>`
      SELECT email, name, active, email_verified_at IS NOT NULL AS verified
        FROM users WHERE id = ${owner.userId}::uuid FOR UPDATE`;
    if (!user?.active) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
    if (user.verified) throw alreadyConfirmed();
    await issueEmailConfirmation(tx, { userId: owner.userId, name: user.name, email: user.email, change: false });
    await recordUserAudit(
      tx,
      { userId: owner.userId, email: user.email, action: "user.email_verification_sent", after: { email: user.email } },
      owner.request,
    );
    return { email: user.email };
  });
  kickOutbox();
  return sent;
}

/** Withdraws a pending change of address: its link stops working, the current address stays. */
export async function cancelEmailChange(owner: AddressOwner): Promise<void> {
  await withSystemTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: owner.userId }, select: { email: true } });
    if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
    const pending = await tx.oneTimeToken.findMany({
      where: { userId: owner.userId, purpose: "EMAIL_CHANGE", usedAt: null },
      select: { id: true, email: true },
    });
    if (pending.length === 0) return;
    await tx.oneTimeToken.updateMany({
      where: { id: { in: pending.map((row) => row.id) }, usedAt: null },
      data: { usedAt: new Date() },
    });
    await recordUserAudit(
      tx,
      {
        userId: owner.userId,
        email: user.email,
        action: "user.email_change_cancelled",
        before: { pendingEmail: pending.map((row) => row.email).join(", ") },
      },
      owner.request,
    );
  });
}

/**
 * The invitation link reached `email`, so accepting it confirms that address (when it is still the account's and
 * not yet confirmed); audited like a confirmation by its own link. In the acceptance's transaction.
 */
export async function confirmEmailByInvitation(
  tx: SystemTx,
  account: { userId: string; name: string; email: string },
  request: RequestMeta,
): Promise<void> {
  await markEmailVerified(tx, account, "invitation", request);
}

/**
 * Marks `email` confirmed when it is still the account's and not confirmed yet (one conditional UPDATE, so this
 * happens once however it is reached), audits it, and runs what waited for it: a sign-up's announcement, kept on
 * its verification links. Those links are retired.
 */
async function markEmailVerified(
  tx: SystemTx,
  account: { userId: string; name: string; email: string },
  by: "link" | "invitation",
  request: RequestMeta,
): Promise<void> {
  const { count } = await tx.user.updateMany({
    where: { id: account.userId, email: account.email, emailVerifiedAt: null },
    data: { emailVerifiedAt: new Date() },
  });
  if (count === 0) return;
  await retireVerificationLinks(tx, account.userId);
  await recordUserAudit(
    tx,
    {
      userId: account.userId,
      email: account.email,
      action: "user.email_verified",
      after: { email: account.email, by },
    },
    request,
  );
  await runVerificationFollowUps(tx, account);
}

/** What waited for a person's first confirmed address: a sign-up's announcement, kept on its verification links. */
async function runVerificationFollowUps(
  tx: SystemTx,
  account: { userId: string; name: string; email: string },
): Promise<void> {
  // A person has few links (resends are limited): the newest that names a registration names theirs.
  const links = await tx.oneTimeToken.findMany({
    where: { userId: account.userId, purpose: "EMAIL_VERIFICATION" },
    orderBy: { createdAt: "desc" },
    select: { payload: true },
  });
  const registeredCompanyId = links
    .map((link) => (link.payload as VerificationFollowUp | null)?.registeredCompanyId)
    .find((id) => id !== undefined);
  if (registeredCompanyId) {
    await announceRegisteredCompany(tx, registeredCompanyId, { name: account.name, email: account.email });
  }
}

async function retireVerificationLinks(tx: SystemTx, userId: string): Promise<void> {
  await tx.oneTimeToken.updateMany({
    where: { userId, purpose: "EMAIL_VERIFICATION", usedAt: null },
    data: { usedAt: new Date() },
  });
}
