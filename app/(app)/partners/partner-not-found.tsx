// What an unknown supplier or customer id shows (each kind's [id]/not-found.tsx renders it): an unknown id and another
// company's look the same.
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";

export function PartnerNotFound({ kind }: { kind: PartnerKind }) {
  const { one, many, One, path } = PARTNER_WORDS[kind];
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">{One} not found</h1>
        <p className="mt-2 text-slate-600">
          There is no such {one} in your company. It may have been mistyped, or the link belongs to another company.
        </p>
        <ButtonLink href={path} variant="secondary" className="mt-4">
          Back to {many}
        </ButtonLink>
      </Card>
    </div>
  );
}
