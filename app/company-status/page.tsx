import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/layout/auth-card";
import { CompanySwitcher } from "@/components/layout/company-switcher";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { UnconfirmedEmailNotice } from "@/components/auth/email-confirmation";
import { requireSignedIn } from "@/lib/auth/context";
import { getEmailStatus } from "@/lib/accounts/email-confirmation";
import { resendEmailConfirmationAction, signOutAction, switchCompanyAction } from "../(app)/actions";

export const metadata: Metadata = { title: "Company status" };

/** Where members of a company that is waiting for approval or suspended land instead of the app. */
export default async function CompanyStatusPage() {
  const session = await requireSignedIn();
  if (session.mustChangePassword) redirect("/change-password");
  // Only a platform administrator has a valid session without a company.
  if (!session.current) redirect("/platform");
  const { current } = session;
  if (current.companyStatus === "ACTIVE") redirect("/dashboard");
  const pending = current.companyStatus === "PENDING";
  const others = session.memberships.filter((m) => m.companyId !== current.companyId);
  const emailStatus = await getEmailStatus(session.userId);

  return (
    <AuthCard title={pending ? "Waiting for approval" : "Company suspended"}>
      <div className="space-y-5">
        <Alert tone={pending ? "info" : "error"}>
          {pending ? (
            <>
              <strong>{current.companyName}</strong> is waiting for approval by the StockFlow team. We will email its
              admins as soon as it is approved; there is nothing else you need to do.
            </>
          ) : (
            <>
              <strong>{current.companyName}</strong> is suspended:{" "}
              <Link href="/contact" className="underline">
                contact support
              </Link>{" "}
              to find out why and how to restore it. Its data is kept as it was.
            </>
          )}
        </Alert>
        {!emailStatus.verified && (
          <UnconfirmedEmailNotice
            action={resendEmailConfirmationAction}
            email={emailStatus.email}
            consequence={
              pending
                ? "The StockFlow team is asked to approve your company once you have."
                : "Until then no company email reaches you."
            }
          />
        )}
        {others.length > 0 && (
          <div className="space-y-2">
            <p className="text-sm text-slate-600">You also belong to other companies. Switch to one of them:</p>
            <CompanySwitcher
              action={switchCompanyAction}
              currentId={others[0]!.companyId}
              companies={others.map((m) => ({
                companyId: m.companyId,
                companyName: m.companyName,
                roleLabel: ROLE_LABELS[m.role],
              }))}
            />
          </div>
        )}
        {session.isPlatformAdmin && (
          <p className="text-sm">
            <Link href="/platform" className="text-brand-700 underline">
              Go to platform administration
            </Link>
          </p>
        )}
        <form action={signOutAction}>
          <SubmitButton variant="secondary" className="w-full" pendingLabel="Signing out…">
            Sign out
          </SubmitButton>
        </form>
      </div>
    </AuthCard>
  );
}
