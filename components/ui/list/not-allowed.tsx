import type { ReactNode } from "react";
import { ButtonLink } from "../button";
import { Card } from "../card";

interface NotAllowedProps {
  /** Who may ("Only admins manage users"). */
  title: string;
  /** Where to go instead; the dashboard unless said. */
  back?: { href: string; label: string };
  /** What the page is for, and whom to ask. */
  children: ReactNode;
  /** A second paragraph. */
  note?: ReactNode;
}

/**
 * What a page shows someone whose role does not include it: a clear answer and the way back, not an error (the
 * lib function behind the page refuses them anyway).
 */
export function NotAllowed({
  title,
  back = { href: "/dashboard", label: "Back to the dashboard" },
  children,
  note,
}: NotAllowedProps) {
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">{title}</h1>
        <p className="mt-2 text-slate-600">{children}</p>
        {note && <p className="mt-2 text-slate-600">{note}</p>}
        <ButtonLink href={back.href} variant="secondary" className="mt-4">
          {back.label}
        </ButtonLink>
      </Card>
    </div>
  );
}

/** NotAllowed for the pages staff may not use, which say so the same way. */
export function ManagersOnly(props: Omit<NotAllowedProps, "note">) {
  return (
    <NotAllowed
      {...props}
      note="This page is for managers and admins only. Ask one of them if something needs changing."
    />
  );
}
