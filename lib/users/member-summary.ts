// What the membership changes return: the membership as it now is, built from an explicit select.
import type { Role } from "../auth/permissions";

export const memberSummarySelect = {
  id: true,
  role: true,
  active: true,
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
  user: { id: string; name: string; email: string };
}): MemberSummary {
  return {
    membershipId: row.id,
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    active: row.active,
  };
}
