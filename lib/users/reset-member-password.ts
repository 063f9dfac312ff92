// An admin sets a temporary password for a member who cannot sign in (they must choose a new one next time, and
// their sessions end). Allowed only when the account belongs to this company alone (docs/architecture.md §4): anyone who is
// also in another company resets their password by email.
import "server-only";
import { z } from "zod";
import { resetPasswordToTemporary } from "../accounts/account-records";
import { hashPassword } from "../auth/passwords";
import { newPasswordSchema } from "../auth/password-policy";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { membershipIdSchema } from "./member-fields";

export const resetMemberPasswordSchema = z
  .object({ membershipId: membershipIdSchema, temporaryPassword: newPasswordSchema })
  .strict();

export interface PasswordResetResult {
  membershipId: string;
  email: string;
}

export async function resetMemberPassword(ctx: TenantContext, input: unknown): Promise<PasswordResetResult> {
  const { membershipId, temporaryPassword } = parseInput(resetMemberPasswordSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  // The tenant client first: another company's membership is NOT_FOUND here, exactly like an unknown id.
  const member = await withTenantTx(ctx, (tx) =>
    tx.membership.findUnique({ where: { id: membershipId }, select: { id: true } }),
  );
  if (!member) throw AppError.notFound("That member");
  const passwordHash = await hashPassword(temporaryPassword);
  const { email } = await resetPasswordToTemporary(ctx, { membershipId: member.id, passwordHash });
  return { membershipId: member.id, email };
}
