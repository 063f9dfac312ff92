import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/permissions";
import { MemberActions, type MemberActionSet } from "./member-actions";
import { Badge } from "@/components/ui/badge";
import { CardList } from "@/components/ui/list/card-list";

export interface MemberListItem {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
  status: "ACTIVE" | "DEACTIVATED" | "ACCOUNT_DISABLED";
  mustChangePassword: boolean;
  /** Already formatted on the server. */
  joinedLabel: string;
  /** When this company deactivated them (name and email are as they were then); null if unknown or active. */
  deactivatedLabel: string | null;
  isYou: boolean;
}

/** The members as cards: stacked on phones, name and controls side by side on wider screens. */
export function MemberList({ members, actions }: { members: MemberListItem[]; actions: MemberActionSet }) {
  return (
    <CardList
      variant="grouped"
      items={members}
      itemKey={(member) => member.membershipId}
      itemClassName="grid gap-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start"
      card={(member) => (
        <>
          <div className="min-w-0 space-y-1">
            <p className="font-medium text-slate-900">
              {member.name}
              {member.isYou && <span className="font-normal text-slate-500"> (you)</span>}
            </p>
            <p className="break-all text-sm text-slate-600">{member.email}</p>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone="neutral">{ROLE_LABELS[member.role]}</Badge>
              {member.status === "ACTIVE" && <Badge tone="positive">Active</Badge>}
              {member.status === "DEACTIVATED" && <Badge tone="muted">Deactivated</Badge>}
              {member.status === "ACCOUNT_DISABLED" && <Badge tone="muted">Account disabled by StockFlow</Badge>}
              {member.mustChangePassword && <Badge tone="warning">Temporary password</Badge>}
              <span className="text-slate-500">Joined {member.joinedLabel}</span>
              {member.deactivatedLabel && (
                <span className="text-slate-500">· Deactivated {member.deactivatedLabel}</span>
              )}
            </p>
          </div>
          <MemberActions
            member={{
              membershipId: member.membershipId,
              name: member.name,
              role: member.role,
              active: member.status !== "DEACTIVATED",
              isYou: member.isYou,
            }}
            actions={actions}
          />
        </>
      )}
    />
  );
}
