import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { DecisionNotices } from "@/components/platform/decision-notice";
import { PlatformShell } from "@/components/platform/platform-shell";
import { getSessionUser, requireSignedIn } from "@/lib/auth/context";
import { signOutAction } from "../(app)/actions";

// Metadata is resolved apart from the layout: it must not name the page to anyone else either.
export async function generateMetadata(): Promise<Metadata> {
  if (!(await getSessionUser())?.isPlatformAdmin) notFound();
  return { title: "Platform administration" };
}

/** Platform administration exists only for platform administrators: anyone else gets the ordinary 404. */
export default async function PlatformLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSignedIn();
  if (!session.isPlatformAdmin) notFound();
  if (session.mustChangePassword) redirect("/change-password");
  return (
    <PlatformShell
      userId={session.userId}
      userName={session.name}
      hasCompany={session.current !== null}
      signOutAction={signOutAction}
    >
      {/* In the layout, so the confirmation of a decision outlives the list the decided company leaves. */}
      <DecisionNotices>{children}</DecisionNotices>
    </PlatformShell>
  );
}
