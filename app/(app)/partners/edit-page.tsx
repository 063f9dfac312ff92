// Editing a supplier or customer, one page for both kinds (app/(app)/suppliers/[id]/edit/page.tsx and the customers'
// twin). The form carries the version shown here: a save after someone else's is refused naming them.
import Link from "@/components/ui/link";
import { PartnerForm } from "@/components/partners/partner-form";
import { Card } from "@/components/ui/card";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/page";
import { getPartner } from "@/lib/partners/get-partner";
import { PARTNER_WORDS, partnerHref, type PartnerKind } from "@/lib/partners/partner-kinds";
import { updatePartnerAction } from "./actions";

export type IdParams = Promise<{ id: string }>;

export async function EditPartnerPage({ kind, params }: { kind: PartnerKind; params: IdParams }) {
  const ctx = await requireTenant();
  const { id } = await params;
  const { one, many } = PARTNER_WORDS[kind];
  if (!can(ctx.role, "partners.manage")) {
    return (
      <ManagersOnly
        title={`Only managers and admins change ${many}`}
        back={{ href: partnerHref(kind, encodeURIComponent(id)), label: `Back to the ${one}` }}
      >
        You can look {many} up and see their requests.
      </ManagersOnly>
    );
  }
  const partner = await orNotFound(getPartner(ctx, { kind, id }));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={partnerHref(kind, partner.id)} className="text-sm font-medium text-brand-700 underline">
          {partner.name}
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">Edit {one}</h1>
      </div>
      <Card>
        <PartnerForm
          kind={kind}
          mode="edit"
          action={updatePartnerAction}
          cancelHref={partnerHref(kind, partner.id)}
          partner={{
            id: partner.id,
            version: partner.version,
            name: partner.name,
            contactName: partner.contactName ?? "",
            email: partner.email ?? "",
            phone: partner.phone ?? "",
            notes: partner.notes ?? "",
          }}
        />
      </Card>
    </div>
  );
}
