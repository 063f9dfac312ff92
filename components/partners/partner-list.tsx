"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import { PARTNER_WORDS, partnerHref, type PartnerKind } from "@/lib/partners/partner-kinds";

export interface PartnerListItem {
  id: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  archived: boolean;
  /** Requests still pending, approved or partly fulfilled (staff: their own). */
  openRequests: number;
}

const count = new Intl.NumberFormat("en-GB");
const openLabel = (n: number) => `${count.format(n)} open ${n === 1 ? "request" : "requests"}`;

function Email({ email }: { email: string | null }) {
  return email ? (
    <a href={`mailto:${email}`} className="break-all text-brand-700 underline-offset-2 hover:underline">
      {email}
    </a>
  ) : (
    "—"
  );
}

function Phone({ phone }: { phone: string | null }) {
  return phone ? (
    <a
      href={`tel:${phone.replace(/[^\d+]/g, "")}`}
      className="whitespace-nowrap text-brand-700 underline-offset-2 hover:underline"
    >
      {phone}
    </a>
  ) : (
    "—"
  );
}

/**
 * A directory of suppliers or customers: a table on wide screens, one card per partner on phones. The name leads to
 * the partner's page; an email or phone number is a link that writes or calls.
 */
export function PartnerList({ kind, partners }: { kind: PartnerKind; partners: PartnerListItem[] }) {
  const { Many } = PARTNER_WORDS[kind];
  return (
    <ResponsiveList
      label={Many}
      caption={`${Many}, by name`}
      rows={partners}
      rowKey={(partner) => partner.id}
      highlightRows
      columns={[
        {
          header: "Name",
          rowHeader: true,
          cell: (partner) => (
            <span className="flex flex-wrap items-center gap-2">
              <Link
                href={partnerHref(kind, partner.id)}
                className="font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {partner.name}
              </Link>
              {partner.archived && <Badge tone="muted">Archived</Badge>}
            </span>
          ),
        },
        { header: "Contact", className: "text-slate-700", cell: (partner) => partner.contactName ?? "—" },
        { header: "Email", cell: (partner) => <Email email={partner.email} /> },
        { header: "Phone", cell: (partner) => <Phone phone={partner.phone} /> },
        { header: "Open requests", numeric: true, cell: (partner) => count.format(partner.openRequests) },
      ]}
      card={(partner) => (
        <div className="min-w-0 space-y-1 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              href={partnerHref(kind, partner.id)}
              className="break-words text-base font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {partner.name}
            </Link>
            {partner.archived && <Badge tone="muted">Archived</Badge>}
          </p>
          {partner.contactName && <p className="break-words text-slate-700">{partner.contactName}</p>}
          {partner.email && (
            <p>
              <Email email={partner.email} />
            </p>
          )}
          {partner.phone && (
            <p>
              <Phone phone={partner.phone} />
            </p>
          )}
          <p className="text-slate-600">{openLabel(partner.openRequests)}</p>
        </div>
      )}
    />
  );
}
