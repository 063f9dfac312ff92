import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** What staff see on a page only managers and admins may use: a clear answer, not an error (lib refuses anyway). */
export function ManagersOnly({
  title,
  back,
  children,
}: {
  title: string;
  back: { href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">{title}</h1>
        <p className="mt-2 text-slate-600">{children}</p>
        <p className="mt-2 text-slate-600">
          This page is for managers and admins only. Ask one of them if something needs changing.
        </p>
        <ButtonLink href={back.href} variant="secondary" className="mt-4">
          {back.label}
        </ButtonLink>
      </Card>
    </div>
  );
}
