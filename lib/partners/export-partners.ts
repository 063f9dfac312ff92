// A company's suppliers or customers as a CSV download, archived ones included (the `archived` column says which): the
// import's columns, so an exported file imports back as it is (lib/csv/file-formats.ts). A stream that reads 1,000
// partners at a time by keyset on the unique (company_id, name_key), each page in its own short transaction through
// row-level security, so a large directory neither sits in memory nor holds a connection while a slow client
// downloads. The permission is checked before the first byte, so a refusal is a plain 403, not a broken file.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { exportFileName, PARTNER_CSV_COLUMNS } from "../csv/file-formats";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { requestLogger } from "../logger";
import { PARTNER_WORDS, partnerKindSchema } from "./partner-kinds";
import { PARTNER_SQL } from "./partner-record";

export const exportPartnersSchema = z
  .object({
    kind: partnerKindSchema,
    /** Partners per page (per query); smaller only in tests that cross page boundaries. */
    pageSize: z.number().int().min(1).max(1_000).default(1_000),
  })
  .strict();

interface PartnerLine {
  name: string;
  name_key: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  archived: boolean;
}

export async function exportPartners(ctx: TenantContext, input: unknown): Promise<CsvDownload> {
  const { kind, pageSize } = parseInput(exportPartnersSchema, input);
  const { many } = PARTNER_WORDS[kind];
  if (!can(ctx.role, "partners.manage")) throw AppError.forbidden(`Only managers and admins export ${many}.`);
  const company = await withTenantTx(ctx, (tx) => tx.company.findFirst({ select: { slug: true, timeZone: true } }));
  if (!company) throw AppError.notFound("Your company");
  const { table } = PARTNER_SQL[kind];

  const stream = pagedCsvStream<string>({
    header: PARTNER_CSV_COLUMNS,
    fetchPage: async (after) => {
      const partners = await withTenantTx(
        ctx,
        (tx) =>
          tx.$queryRaw<PartnerLine[]>`
          SELECT t.name, t.name_key, t.contact_name, t.email, t.phone, t.notes, t.archived_at IS NOT NULL AS archived
            FROM ${table} t
           WHERE t.company_id = ${ctx.companyId}::uuid AND (${after}::text IS NULL OR t.name_key > ${after}::text)
           ORDER BY t.name_key
           LIMIT ${pageSize}`,
      );
      return {
        rows: partners.map((p) => [p.name, p.contact_name, p.email, p.phone, p.notes, p.archived ? "yes" : "no"]),
        next: partners.length === pageSize ? partners[partners.length - 1]!.name_key : null,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        `${kind} export failed`,
      ),
  });
  return { fileName: exportFileName(many, company.slug, company.timeZone), stream };
}
