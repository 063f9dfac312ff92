"use client";

import Link from "@/components/ui/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useDecisionCount } from "@/components/orders/use-decision-count";
import { Badge } from "@/components/ui/badge";
import { OutboxBadge } from "@/components/offline/outbox-badge";
import { SignOutForm } from "@/components/offline/sign-out-form";
import { cn } from "@/components/ui/cn";
import { Logo } from "./logo";
import { activeNavHref, type NavItem } from "./navigation";

interface AppShellProps {
  /** Whose unsent requests sign-out asks about (components/offline/sign-out-form.tsx). */
  userId: string;
  /** Where the logo leads: the person's home (lib/auth/home.ts). */
  homeHref: string;
  companyName: string;
  userName: string;
  roleLabel: string;
  navItems: NavItem[];
  signOutAction: () => Promise<void>;
  /** The company switcher, for people in more than one company. */
  companySwitcher?: React.ReactNode;
  /** How many requests wait for the viewer's decision; undefined for those who decide none. */
  decisionCount?: number;
  children: React.ReactNode;
}

const decisionsLabel = (count: number) => `${count} ${count === 1 ? "request needs" : "requests need"} your decision`;

/** The count badge of a navigation entry: the number shown, the sentence read. */
function CountBadge({ count }: { count: number }) {
  return (
    <span
      data-decision-count={count}
      className="ml-auto inline-flex min-w-6 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
    >
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">{decisionsLabel(count)}</span>
    </span>
  );
}

/** The signed-in frame: a sidebar on wide screens, a menu button and panel on phones; none of it in print. */
export function AppShell({
  userId,
  homeHref,
  companyName,
  userName,
  roleLabel,
  navItems,
  signOutAction,
  companySwitcher,
  decisionCount,
  children,
}: AppShellProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const activeHref = activeNavHref(navItems, pathname, new URLSearchParams(searchParams.toString()));
  const decisions = useDecisionCount(decisionCount);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>("a, button")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const links = (
    <ul className="space-y-1">
      {navItems.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={item.href === activeHref ? "page" : undefined}
            onClick={() => setOpen(false)}
            className={cn(
              "flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium",
              item.href === activeHref ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {item.label}
            {item.counts === "decisions" && decisions ? <CountBadge count={decisions} /> : null}
          </Link>
        </li>
      ))}
    </ul>
  );

  const account = (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      <div className="text-sm">
        <p className="font-medium text-slate-900">{userName}</p>
        <p className="mt-0.5 flex items-center gap-2 text-slate-600">
          {companyName} <Badge>{roleLabel}</Badge>
        </p>
      </div>
      {companySwitcher}
      <div className="flex flex-wrap items-center gap-2">
        <Link href="/profile" className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Profile
        </Link>
        <SignOutForm userId={userId} action={signOutAction} />
      </div>
    </div>
  );

  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 print:hidden"
      >
        Skip to content
      </a>

      <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2 md:hidden print:hidden">
        <Logo href={homeHref} />
        <span className="min-w-0 flex-1 truncate text-right text-sm text-slate-600">{companyName}</span>
        <OutboxBadge />
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          className="relative inline-flex size-11 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100"
        >
          <span className="sr-only">
            {open ? "Close menu" : "Open menu"}
            {decisions ? ` (${decisionsLabel(decisions)})` : ""}
          </span>
          <svg
            viewBox="0 0 24 24"
            className="size-6"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
          {decisions ? (
            <span
              aria-hidden="true"
              className="absolute right-0.5 top-0.5 inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1 text-[11px] font-semibold text-white"
            >
              {decisions}
            </span>
          ) : null}
        </button>
      </header>

      {open && (
        <div
          id={panelId}
          ref={panelRef}
          className="fixed inset-x-0 top-[61px] bottom-0 z-20 overflow-y-auto bg-white p-4 md:hidden print:hidden"
        >
          <nav aria-label="Main">{links}</nav>
          <div className="mt-6">{account}</div>
        </div>
      )}

      <aside className="hidden w-64 shrink-0 flex-col border-r border-slate-200 bg-white p-4 md:flex md:min-h-dvh print:hidden">
        <div className="mb-6 space-y-2">
          <Logo href={homeHref} />
          <OutboxBadge />
        </div>
        <nav aria-label="Main" className="flex-1">
          {links}
        </nav>
        {account}
      </aside>

      {/* Focusable for the skip link and for a dialog whose opener is gone (components/ui/dialog.tsx). */}
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-8 print:p-0">
        {children}
      </main>
    </div>
  );
}
