import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/list/empty-state";
import { NotAllowed } from "@/components/ui/list/not-allowed";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
import { CreateMemberForm } from "@/components/users/create-member-form";
import { InvitationList } from "@/components/users/invitation-list";
import { InviteMemberForm } from "@/components/users/invite-member-form";
import { MemberList } from "@/components/users/member-list";
import { UnconfirmedEmailNotice } from "@/components/auth/email-confirmation";
import { requireTenant } from "@/lib/auth/context";
import { getEmailStatus } from "@/lib/accounts/email-confirmation";
import { can } from "@/lib/auth/permissions";
import { cursorParams } from "@/lib/list/keyset-page";
import { decodeInvitationCursor, listInvitations } from "@/lib/users/list-invitations";
import { decodeMemberCursor, listMembers } from "@/lib/users/list-members";
import { resendEmailConfirmationAction } from "../actions";
import {
  changeMemberRoleAction,
  createMemberAction,
  deactivateMemberAction,
  inviteMemberAction,
  reactivateMemberAction,
  resendInvitationAction,
  resetMemberPasswordAction,
  revokeInvitationAction,
} from "./actions";

export const metadata: Metadata = { title: "Users" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "users.manage")) return <AdminsOnly />;
  const params = await searchParams;
  const membersAt = cursorParams(params.after, params.before, decodeMemberCursor);
  const invitationsAt = cursorParams(params.invitationsAfter, params.invitationsBefore, decodeInvitationCursor);
  const [members, invitations, emailStatus] = await Promise.all([
    listMembers(ctx, membersAt),
    listInvitations(ctx, invitationsAt),
    getEmailStatus(ctx.userId),
  ]);
  const onlyYou = members.total === 1 && members.members[0]?.isYou;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Users</h1>
        <p className="mt-1 text-slate-600">
          Who can use {ctx.company.name}, and what they may do. Changes here apply to this company only.
        </p>
      </div>

      {!emailStatus.verified && (
        <Card>
          <UnconfirmedEmailNotice
            action={resendEmailConfirmationAction}
            email={emailStatus.email}
            consequence="Until then you cannot invite or add anyone, and no company email reaches you."
          />
        </Card>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold text-slate-900">Invite by email</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            They get a link to join; people who already use StockFlow join with the account they have.
          </p>
          <InviteMemberForm action={inviteMemberAction} />
        </Card>
        <Card>
          <h2 className="font-semibold text-slate-900">Add with a temporary password</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            For someone new to StockFlow you can hand a password to in person. They choose their own at first sign-in.
          </p>
          <CreateMemberForm action={createMemberAction} />
        </Card>
      </div>

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
          Members <span className="font-normal text-slate-500">({members.total})</span>
        </h2>
        {onlyYou && (
          <EmptyState title="You are the only member so far.">
            Invite your team by email above, or add someone with a temporary password.
          </EmptyState>
        )}
        {members.members.length === 0 ? (
          <EmptyState
            title={
              <>
                No members on this page.{" "}
                <Link href="/users" className="text-brand-700 underline">
                  Go to the first page
                </Link>
                .
              </>
            }
          />
        ) : (
          <MemberList
            members={members.members.map((member) => ({
              membershipId: member.membershipId,
              name: member.name,
              email: member.email,
              role: member.role,
              status: member.status,
              mustChangePassword: member.mustChangePassword,
              joinedLabel: day.format(member.joinedAt),
              deactivatedLabel: member.deactivatedAt && day.format(member.deactivatedAt),
              isYou: member.isYou,
            }))}
            actions={{
              changeRole: changeMemberRoleAction,
              deactivate: deactivateMemberAction,
              reactivate: reactivateMemberAction,
              resetPassword: resetMemberPasswordAction,
            }}
          />
        )}
        <CursorPager
          label="Members pages"
          href={(cursor) => usersHref(cursor, invitationsAt)}
          firstPage={!membersAt.after && !membersAt.before}
          nextCursor={members.nextCursor}
          previousCursor={members.previousCursor}
          labels={{ first: "First page", next: "Next", previous: "Previous" }}
        />
      </section>

      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-lg font-semibold text-slate-900">
          Pending invitations <span className="font-normal text-slate-500">({invitations.total})</span>
        </h2>
        <InvitationList
          invitations={invitations.invitations.map((invitation) => ({
            invitationId: invitation.invitationId,
            email: invitation.email,
            role: invitation.role,
            expired: invitation.expired,
            expiresLabel: `${moment.format(invitation.expiresAt)} UTC`,
            invitedLabel: day.format(invitation.invitedAt),
            invitedBy: invitation.invitedBy,
          }))}
          actions={{ resend: resendInvitationAction, revoke: revokeInvitationAction }}
        />
        <CursorPager
          label="Invitation pages"
          href={(cursor) => usersHref(membersAt, cursor)}
          firstPage={!invitationsAt.after && !invitationsAt.before}
          nextCursor={invitations.nextCursor}
          previousCursor={invitations.previousCursor}
          labels={{ first: "First page", next: "Next", previous: "Previous" }}
        />
      </section>
    </div>
  );
}

/** The users page's address for its two lists' pages (a first page leaves its list's cursor out). */
function usersHref(members: PageCursor, invitations: PageCursor): string {
  const query = new URLSearchParams();
  if (members.after) query.set("after", members.after);
  else if (members.before) query.set("before", members.before);
  if (invitations.after) query.set("invitationsAfter", invitations.after);
  else if (invitations.before) query.set("invitationsBefore", invitations.before);
  const text = query.toString();
  return text ? `/users?${text}` : "/users";
}

function AdminsOnly() {
  return (
    <NotAllowed title="Only admins manage users">
      Your role in this company does not include inviting people or changing their access. If someone needs to be added
      or removed, ask one of your company&apos;s admins.
    </NotAllowed>
  );
}
