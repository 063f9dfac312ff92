// "Confirm with your current password" before a password or email change: the row is locked (the check and the
// change see the same password), and each try is a password attempt like a sign-in — limited and audited — so a
// borrowed session cannot guess its way to the password.
import "server-only";
import type { RequestMeta } from "../context";
import type { SystemTx } from "../db/system";
import { AppError } from "../errors";
import { verifyPassword } from "./passwords";
import {
  beginPasswordAttempt,
  passwordAttemptFailed,
  passwordAttemptSucceeded,
  WRONG_CREDENTIALS,
} from "./password-attempts";

export async function verifyCurrentPassword(
  tx: SystemTx,
  userId: string,
  password: string,
  request: RequestMeta,
): Promise<{ email: string; name: string }> {
  const [user] = await tx.$queryRaw<{ email: string; name: string; password_hash: string }[]>`
    SELECT email, name, password_hash FROM users WHERE id = ${userId}::uuid AND active FOR UPDATE`;
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  const begun = await beginPasswordAttempt(user.email, request);
  if ("refused" in begun) throw AppError.validation({ currentPassword: [begun.refused] });
  if (!(await verifyPassword(user.password_hash, password))) {
    const message = await passwordAttemptFailed(begun.attempt, userId);
    throw AppError.validation({
      currentPassword: [message === WRONG_CREDENTIALS ? "That is not your current password." : message],
    });
  }
  await passwordAttemptSucceeded(begun.attempt);
  return { email: user.email, name: user.name };
}
