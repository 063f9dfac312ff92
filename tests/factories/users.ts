// People for the users-administration tests: members with a given role in a company (made through the system
// client, like registration would), and the raw invitation token as the invitee would find it in their email.
import type { PrismaClient } from "../../lib/db/client";
import type { Role } from "../../lib/auth/permissions";
import type { TenantContext } from "../../lib/context";
import { uniqueSuffix } from "./company";

export interface MemberFixture {
  userId: string;
  email: string;
  name: string;
  membershipId: string;
  role: Role;
  /** A tenant context acting as this member in the company. */
  ctx: TenantContext;
}

export function uniqueEmail(label = "person"): string {
  return `${label}-${uniqueSuffix()}@people.test`;
}

export async function addMember(
  system: PrismaClient,
  companyId: string,
  options: { role: Role; active?: boolean; label?: string; passwordHash?: string; verified?: boolean },
): Promise<MemberFixture> {
  const email = uniqueEmail(options.label ?? options.role.toLowerCase());
  const name = `${options.role[0]}${options.role.slice(1).toLowerCase()} ${email.split("@")[0]}`;
  const user = await system.user.create({
    data: {
      email,
      name,
      passwordHash: options.passwordHash ?? "not-a-real-hash",
      // Confirmed unless a test is about an unconfirmed address (issue 12, item 3).
      emailVerifiedAt: (options.verified ?? true) ? new Date() : null,
    },
    select: { id: true },
  });
  const membership = await addMembership(system, companyId, user.id, options.role, options.active ?? true);
  return {
    userId: user.id,
    email,
    name,
    membershipId: membership,
    role: options.role,
    ctx: { companyId, userId: user.id, email, role: options.role, request: { requestId: `test-${uniqueSuffix()}` } },
  };
}

/** Another membership for an existing person (the same login in a second company). */
export async function addMembership(
  system: PrismaClient,
  companyId: string,
  userId: string,
  role: Role,
  active = true,
): Promise<string> {
  const membership = await system.membership.create({
    data: { companyId, userId, role, active },
    select: { id: true },
  });
  return membership.id;
}

/** The raw token of the newest invitation email to `email`, read from the outbox link as the invitee would. */
export async function invitationTokenFromOutbox(
  system: PrismaClient,
  companyId: string,
  email: string,
): Promise<string> {
  const row = await system.emailOutbox.findFirstOrThrow({
    where: { companyId, template: "invitation", toAddress: email },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { props: true },
  });
  const acceptUrl = (row.props as { acceptUrl: string }).acceptUrl;
  const token = /\/invite\/([A-Za-z0-9_-]+)$/.exec(acceptUrl)?.[1];
  if (!token) throw new Error(`No invitation token in ${acceptUrl}`);
  return token;
}
