// "Confirm with your current password" before a password or email change. Each try is a password attempt like a
// sign-in — limited and audited — so a borrowed session cannot guess its way to the password. The check holds no
// database connection while argon2 runs (the rate limits and the audit of a failure take connections of their own,
// one at a time); the change that follows is a short conditional write on the account as it was verified
// (unchangedSince), so a password or email change that slipped in between is detected, never overwritten.
import "server-only";
import type { RequestMeta } from "../context";
import { systemPrisma } from "../db/system";
import { AppError } from "../errors";
import { verifyPassword } from "../auth/passwords";
import {
  beginPasswordAttempt,
  passwordAttemptFailed,
  passwordAttemptSucceeded,
  WRONG_CREDENTIALS,
} from "../auth/password-attempts";

/** The account as it was when its password was verified. */
export interface VerifiedAccount {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  sessionVersion: number;
}

export async function verifyCurrentPassword(
  userId: string,
  password: string,
  request: RequestMeta,
): Promise<VerifiedAccount> {
  const user = await systemPrisma().user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  const begun = await beginPasswordAttempt({ email: user.email, userId, sessionVersion: user.sessionVersion }, request);
  if ("refused" in begun) throw AppError.validation({ currentPassword: [begun.refused] });
  if (!(await verifyPassword(user.passwordHash, password))) {
    const message = await passwordAttemptFailed(begun.attempt, userId);
    throw AppError.validation({
      currentPassword: [message === WRONG_CREDENTIALS ? "That is not your current password." : message],
    });
  }
  await passwordAttemptSucceeded(begun.attempt);
  return user;
}

/** The condition of the write that follows: the account is still active and as it was verified. */
export function unchangedSince(account: VerifiedAccount) {
  return {
    id: account.id,
    active: true,
    email: account.email,
    passwordHash: account.passwordHash,
    sessionVersion: account.sessionVersion,
  };
}

/** The conditional write found the account changed (or deactivated) since its password was verified. */
export function accountChangedMeanwhile(): AppError {
  return new AppError(
    "CONFLICT",
    "Your account changed while this was being saved (another session changed its password or email). " +
      "Nothing was changed: sign in again if asked, then try again.",
  );
}
