"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/components/ui/cn";
import { Logo } from "./logo";
import type { NavItem } from "./navigation";

interface AppShellProps {
  /** Where the logo leads: the person's home (lib/auth/home.ts). */
  homeHref: string;
  companyName: string;
  userName: string;
  roleLabel: string;
  navItems: NavItem[];
  signOutAction: () => Promise<void>;
  /** The company switcher, for people in more than one company. */
  companySwitcher?: React.ReactNode;
  children: React.ReactNode;
}

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The signed-in frame: a sidebar on wide screens, a menu button and panel on phones. */
export function AppShell({
  homeHref,
  companyName,
  userName,
  roleLabel,
  navItems,
  signOutAction,
  companySwitcher,
  children,
}: AppShellProps) {
  const pathname = usePathname();
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
            aria-current={isActive(pathname, item.href) ? "page" : undefined}
            onClick={() => setOpen(false)}
            className={cn(
              "block rounded-lg px-3 py-2 text-sm font-medium",
              isActive(pathname, item.href) ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {item.label}
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
        <form action={signOutAction}>
          <SubmitButton variant="ghost" pendingLabel="Signing out…">
            Sign out
          </SubmitButton>
        </form>
      </div>
    </div>
  );

  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>

      <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2 md:hidden">
        <Logo href={homeHref} />
        <span className="min-w-0 flex-1 truncate text-right text-sm text-slate-600">{companyName}</span>
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          className="inline-flex size-11 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100"
        >
          <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
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
        </button>
      </header>

      {open && (
        <div
          id={panelId}
          ref={panelRef}
          className="fixed inset-x-0 top-[61px] bottom-0 z-20 overflow-y-auto bg-white p-4 md:hidden"
        >
          <nav aria-label="Main">{links}</nav>
          <div className="mt-6">{account}</div>
        </div>
      )}

      <aside className="hidden w-64 shrink-0 flex-col border-r border-slate-200 bg-white p-4 md:flex md:min-h-dvh">
        <div className="mb-6">
          <Logo href={homeHref} />
        </div>
        <nav aria-label="Main" className="flex-1">
          {links}
        </nav>
        {account}
      </aside>

      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8">
        {children}
      </main>
    </div>
  );
}
