// What the membership changes return: the membership as it now is, built from an explicit select.
import type { Role } from "../auth/permissions";

/**
 * The name and email a company knows a member by: today's while they are active; once deactivated, as they were then
 * (what they call themselves since is none of the company's business). A membership deactivated before snapshots
 * were kept has none: today's name stands in.
 */
export function memberAsKnown(row: {
  active: boolean;
  deactivatedName: string | null;
  deactivatedEmail: string | null;
  user: { name: string; email: string };
}): { name: string; email: string } {
  if (row.active || row.deactivatedName === null || row.deactivatedEmail === null) {
    return { name: row.user.name, email: row.user.email };
  }
  return { name: row.deactivatedName, email: row.deactivatedEmail };
}

export const memberSummarySelect = {
  id: true,
  role: true,
  active: true,
  deactivatedName: true,
  deactivatedEmail: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

export interface MemberSummary {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

export function toMemberSummary(row: {
  id: string;
  role: Role;
  active: boolean;
  deactivatedName: string | null;
  deactivatedEmail: string | null;
  user: { id: string; name: string; email: string };
}): MemberSummary {
  return {
    membershipId: row.id,
    userId: row.user.id,
    ...memberAsKnown(row),
    role: row.role,
    active: row.active,
  };
}
