// Instead of inviting: an admin creates the account with a temporary password and hands it over in person. The
// person must choose their own password at first sign-in. Only for an email no account has yet — anyone with an
// account is invited instead, so no admin ever sets the password of someone else's existing account. The address is
// unconfirmed until the person opens the link sent to it (issue 12, item 3).
import "server-only";
import { z } from "zod";
import { emailAddressSchema } from "../accounts/email-address";
import { createAccountWithMembership } from "../accounts/account-records";
import { hashPassword } from "../auth/passwords";
import { newPasswordSchema } from "../auth/password-policy";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { kickOutbox } from "../email/outbox-runner";
import { AppError, parseInput } from "../errors";
import { memberNameSchema, roleSchema } from "./member-fields";
import type { MemberSummary } from "./member-summary";

export const createMemberSchema = z
  .object({
    email: emailAddressSchema,
    name: memberNameSchema,
    role: roleSchema,
    temporaryPassword: newPasswordSchema,
  })
  .strict();

export async function createMemberWithTemporaryPassword(ctx: TenantContext, input: unknown): Promise<MemberSummary> {
  const { email, name, role, temporaryPassword } = parseInput(createMemberSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  const passwordHash = await hashPassword(temporaryPassword);
  const created = await createAccountWithMembership(ctx, { email, name, role, passwordHash });
  kickOutbox();
  return { membershipId: created.membershipId, userId: created.userId, name, email, role, active: true };
}
