"use server";

// Thin: read the form, run the lib function as the signed-in admin (tenantAction resolves the caller and turns
// errors into safe results), refresh the page. Values typed into a failed form come back, passwords never do.
import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import type { InvitationSent } from "@/components/users/invite-member-form";
import type { MemberCreated } from "@/components/users/create-member-form";
import type { MemberChanged, PasswordReset } from "@/components/users/member-actions";
import { tenantAction } from "@/lib/action";
import type { AppContext } from "@/lib/auth/context";
import { changeMemberRole } from "@/lib/users/change-member-role";
import { createMemberWithTemporaryPassword } from "@/lib/users/create-member-with-temporary-password";
import { deactivateMember } from "@/lib/users/deactivate-member";
import { inviteMember } from "@/lib/users/invite-member";
import { reactivateMember } from "@/lib/users/reactivate-member";
import { resendInvitation } from "@/lib/users/resend-invitation";
import { resetMemberPassword } from "@/lib/users/reset-member-password";
import { revokeInvitation } from "@/lib/users/revoke-invitation";

type Work<T> = (ctx: AppContext) => Promise<T>;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function run<T>(formData: FormData, work: Work<T>, values?: Record<string, string>): Promise<FormState<T>> {
  const result = await tenantAction(formData, work);
  if (result.ok) revalidatePath("/users");
  return result.ok || !values ? result : { ...result, values };
}

export async function inviteMemberAction(_state: FormState<InvitationSent>, formData: FormData) {
  const input = { email: field(formData, "email"), role: field(formData, "role") };
  return run(formData, (ctx) => inviteMember(ctx, input), input);
}

export async function createMemberAction(_state: FormState<MemberCreated>, formData: FormData) {
  const values = { email: field(formData, "email"), name: field(formData, "name"), role: field(formData, "role") };
  const input = { ...values, temporaryPassword: field(formData, "temporaryPassword") };
  return run(formData, (ctx) => createMemberWithTemporaryPassword(ctx, input), values);
}

export async function changeMemberRoleAction(_state: FormState<MemberChanged>, formData: FormData) {
  const input = { membershipId: field(formData, "membershipId"), role: field(formData, "role") };
  return run(formData, (ctx) => changeMemberRole(ctx, input), { role: input.role });
}

export async function deactivateMemberAction(_state: FormState<MemberChanged>, formData: FormData) {
  const input = { membershipId: field(formData, "membershipId") };
  return run(formData, (ctx) => deactivateMember(ctx, input));
}

export async function reactivateMemberAction(_state: FormState<MemberChanged>, formData: FormData) {
  const input = { membershipId: field(formData, "membershipId") };
  return run(formData, (ctx) => reactivateMember(ctx, input));
}

export async function resetMemberPasswordAction(_state: FormState<PasswordReset>, formData: FormData) {
  const input = {
    membershipId: field(formData, "membershipId"),
    temporaryPassword: field(formData, "temporaryPassword"),
  };
  return run(formData, (ctx) => resetMemberPassword(ctx, input));
}

export async function resendInvitationAction(_state: FormState<InvitationSent>, formData: FormData) {
  const input = { invitationId: field(formData, "invitationId") };
  return run(formData, (ctx) => resendInvitation(ctx, input));
}

export async function revokeInvitationAction(_state: FormState<{ email: string }>, formData: FormData) {
  const input = { invitationId: field(formData, "invitationId") };
  return run(formData, (ctx) => revokeInvitation(ctx, input));
}
