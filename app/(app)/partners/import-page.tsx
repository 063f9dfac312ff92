// The supplier and customer directories' CSV page, one for both kinds: export the directory, or import a file of
// partners with a preview first (lib/partners/import-partners.ts).
import Link from "@/components/ui/link";
import { CsvImportForm } from "@/components/csv/csv-import-form";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { PARTNER_CSV_COLUMNS } from "@/lib/csv/file-formats";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";
import { importPartnersAction } from "./actions";

export async function PartnerImportPage({ kind }: { kind: PartnerKind }) {
  const ctx = await requireTenant();
  const { one, many, Many, path } = PARTNER_WORDS[kind];
  if (!can(ctx.role, "partners.manage")) {
    return (
      <ManagersOnly
        title={`Only managers and admins import and export ${many}`}
        back={{ href: path, label: `Back to ${many}` }}
      >
        You can look {many} up and see their requests.
      </ManagersOnly>
    );
  }
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <Link href={path} className="text-sm font-medium text-brand-700 underline">
          {Many}
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">Import and export {many}</h1>
        <p className="mt-1 text-slate-600">
          Bring {many} in from a spreadsheet saved as CSV. The file is checked first and shows what would change; it is
          imported all at once, or not at all.
        </p>
      </div>

      <section aria-labelledby="export-heading" className="space-y-2">
        <h2 id="export-heading" className="text-lg font-semibold text-slate-900">
          Export
        </h2>
        <p className="text-sm text-slate-600">
          Every {one}, archived ones included. A file you download here can be edited and imported back as it is.
        </p>
        {/* A plain link: a file download from a route handler, not a page. */}
        <a href={`${path}/export.csv`} download className={buttonClasses("secondary")}>
          Download {many} (CSV)
        </a>
      </section>

      <Card className="min-w-0">
        <section aria-labelledby="import-heading" className="space-y-2">
          <h2 id="import-heading" className="font-semibold text-slate-900">
            Import
          </h2>
          <p className="text-sm text-slate-600">
            A row whose name is already one of your {many} (in any letter case) updates that {one}; any other row adds
            one. Only name is required; columns you leave out stay as they are, and a blank cell clears that detail.
            Write yes or no under archived to archive or restore, or leave it blank to keep it as it is.
          </p>
          <CsvImportForm
            kind={many}
            action={importPartnersAction}
            operationId={crypto.randomUUID()}
            columns={PARTNER_CSV_COLUMNS}
            fields={{ kind }}
          />
        </section>
      </Card>
    </div>
  );
}
