// Choosing a new password from a reset link. Submits are limited per client address, and the link is checked
// before the new password is hashed, so a dead link costs no argon2. The token is spent by a conditional update
// (unused and unexpired), so a link works once even under concurrent submits; the session version bump signs the
// person out everywhere.
import "server-only";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx } from "../db/system";
import { AppError, parseInput } from "../errors";
import { absoluteUrl } from "../email/links";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { hashPassword } from "../auth/passwords";
import { limitClientAddress } from "../auth/rate-limit";
import { hashToken, isWellFormedToken, tokenState, type TokenState } from "./one-time-token";
import { newPasswordSchema } from "../auth/password-policy";
import { retireAccountLinks } from "./request-password-reset";
import { revokeSessionsOf } from "../auth/sessions";
import { recordUserAudit } from "../auth/user-audit";

const INVALID_LINK = "This reset link is invalid or has expired. Ask for a new one.";

export const resetSchema = z
  .object({ token: z.string().max(100), password: newPasswordSchema, confirmPassword: z.string() })
  .strict()
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

/** New-password submits per client address per hour: plenty for typos, not for a script making argon2 work. */
export const RESET_SUBMITS_PER_ADDRESS_PER_HOUR = 20;

/**
 * Whether the link can still be used: what the reset page shows before the form is sent, and what a submit checks
 * before it hashes anything. A link of no account (forgot-password's stand-in for an unknown address) is unknown.
 */
export async function passwordResetLinkState(token: string): Promise<TokenState | "unknown"> {
  if (!isWellFormedToken(token)) return "unknown";
  const row = await systemPrisma().oneTimeToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, expiresAt: true, usedAt: true, userId: true },
  });
  if (!row || row.purpose !== "PASSWORD_RESET" || !row.userId) return "unknown";
  const state = tokenState(row);
  if (state !== "valid") return state;
  // A deactivated account's link is as dead as an expired one.
  const owner = await systemPrisma().user.findUnique({ where: { id: row.userId }, select: { active: true } });
  return owner?.active ? "valid" : "unknown";
}

export async function resetPassword(input: unknown, request: RequestMeta): Promise<void> {
  await limitClientAddress(request, {
    form: "new-password",
    max: RESET_SUBMITS_PER_ADDRESS_PER_HOUR,
    windowMs: 60 * 60 * 1000,
    refusal: "Too many password resets from your network.",
  });
  const { token, password } = parseInput(resetSchema, input);
  // A dead link costs no argon2; the claim below still decides, for a link spent meanwhile.
  if ((await passwordResetLinkState(token)) !== "valid") throw new AppError("NOT_FOUND", INVALID_LINK);
  const passwordHash = await hashPassword(password);
  await withSystemTx(async (tx) => {
    const [spent] = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE one_time_tokens SET used_at = now()
       WHERE token_hash = ${hashToken(token)} AND purpose = 'PASSWORD_RESET'
         AND used_at IS NULL AND expires_at > now() AND user_id IS NOT NULL
      RETURNING user_id`;
    if (!spent) throw new AppError("NOT_FOUND", INVALID_LINK);
    // A deactivated account's link is as dead as an expired one (and the claim above rolls back with this).
    const [user] = await tx.user.updateManyAndReturn({
      where: { id: spent.user_id, active: true },
      data: { passwordHash, mustChangePassword: false, demoPassword: false, sessionVersion: { increment: 1 } },
      select: { id: true, email: true, name: true },
    });
    if (!user) throw new AppError("NOT_FOUND", INVALID_LINK);
    await retireAccountLinks(tx, user.id);
    await revokeSessionsOf(tx, user.id);
    await recordUserAudit(tx, { userId: user.id, email: user.email, action: "user.password_reset" }, request);
    await enqueuePlatformEmail(tx, {
      template: "password-changed",
      to: user.email,
      props: { name: user.name, changedAt: new Date().toISOString(), signInUrl: absoluteUrl("/login") },
    });
  });
  kickOutbox();
}
