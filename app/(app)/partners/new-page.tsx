// Adding a supplier or customer, one page for both kinds (app/(app)/suppliers/new/page.tsx and the customers' twin).
import Link from "@/components/ui/link";
import { PartnerForm } from "@/components/partners/partner-form";
import { Card } from "@/components/ui/card";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";
import { createPartnerAction } from "./actions";

export async function NewPartnerPage({ kind }: { kind: PartnerKind }) {
  const ctx = await requireTenant();
  const { one, many, Many, path } = PARTNER_WORDS[kind];
  if (!can(ctx.role, "partners.manage")) {
    return (
      <ManagersOnly title={`Only managers and admins add ${many}`} back={{ href: path, label: `Back to ${many}` }}>
        You can look {many} up and see their requests.
      </ManagersOnly>
    );
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={path} className="text-sm font-medium text-brand-700 underline">
          {Many}
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">Add {one}</h1>
      </div>
      <Card>
        <PartnerForm kind={kind} mode="create" action={createPartnerAction} cancelHref={path} />
      </Card>
    </div>
  );
}
