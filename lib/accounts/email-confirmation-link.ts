// Sending the link that confirms an address (issue 12, item 3): an account's own address (EMAIL_VERIFICATION: sign-up,
// an account an admin created, the one PLATFORM_ADMIN_EMAIL created) or the new address of an email change (EMAIL_CHANGE). A new link
// retires the person's unused ones of the same purpose. Written in the caller's system transaction. Confirming is
// lib/accounts/email-confirmation.ts.
import type { SystemTx } from "../db/system";
import { absoluteUrl } from "../email/links";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { EMAIL_CHANGE_TTL_MS, EMAIL_VERIFICATION_TTL_MS, createOneTimeToken } from "./one-time-token";

/** What confirming the account's own address also does, kept on its token. */
export interface VerificationFollowUp {
  /** Sign-up: the welcome, and (when the company waits for approval) the notice to platform administrators. */
  registeredCompanyId?: string;
}

export interface AddressToConfirm {
  userId: string;
  name: string;
  /** The account's own address, or the new one for a change. */
  email: string;
  change: boolean;
  followUp?: VerificationFollowUp;
}

export async function issueEmailConfirmation(tx: SystemTx, address: AddressToConfirm): Promise<{ expiresAt: Date }> {
  const purpose = address.change ? "EMAIL_CHANGE" : "EMAIL_VERIFICATION";
  const ttl = address.change ? EMAIL_CHANGE_TTL_MS : EMAIL_VERIFICATION_TTL_MS;
  const now = new Date();
  await tx.oneTimeToken.updateMany({
    where: { userId: address.userId, purpose, usedAt: null },
    data: { usedAt: now },
  });
  const { token, tokenHash } = createOneTimeToken();
  const expiresAt = new Date(now.getTime() + ttl);
  await tx.oneTimeToken.create({
    data: {
      purpose,
      tokenHash,
      email: address.email,
      userId: address.userId,
      ...(address.followUp && { payload: { ...address.followUp } }),
      expiresAt,
    },
    select: { id: true },
  });
  await enqueuePlatformEmail(tx, {
    template: "email-confirmation",
    to: address.email,
    props: {
      name: address.name,
      email: address.email,
      change: address.change,
      confirmUrl: absoluteUrl(`/confirm-email/${token}`),
      expiresInMinutes: ttl / 60_000,
    },
  });
  return { expiresAt };
}
