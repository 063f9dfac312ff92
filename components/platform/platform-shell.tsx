import Link from "@/components/ui/link";
import { Logo } from "@/components/layout/logo";
import { Badge } from "@/components/ui/badge";
import { SignOutForm } from "@/components/offline/sign-out-form";

/** The frame of platform administration: its own, since a platform administrator may belong to no company. */
export function PlatformShell({
  userId,
  userName,
  hasCompany,
  signOutAction,
  children,
}: {
  /** Whose unsent requests sign-out asks about (components/offline/sign-out-form.tsx). */
  userId: string;
  userName: string;
  /** Also a member of a company: offer the way back to it. */
  hasCompany: boolean;
  signOutAction: () => Promise<void>;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2">
          <div className="flex items-center gap-2">
            <Logo href="/platform" />
            <Badge>Platform</Badge>
          </div>
          <div className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
            <span className="truncate px-2 font-medium text-slate-900">{userName}</span>
            {hasCompany && (
              <Link href="/dashboard" className="rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
                Your company
              </Link>
            )}
            <SignOutForm userId={userId} action={signOutAction} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:px-8">
        {children}
      </main>
    </div>
  );
}
