// The audit log's current filters as a CSV download (admins only): the viewer's query, newest first, read 1,000
// entries at a time by keyset, each page in its own short transaction, so a year of entries neither sits in memory
// nor holds a connection while a slow client downloads. Cells go through the CSV writer's formula guard (a name such
// as "=HYPERLINK(…)" arrives as text). The permission is checked before the first byte, so a refusal is a plain 403.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { requestLogger } from "../logger";
import { describeAuditActor } from "./audit-actor";
import { auditChanges, describeAuditChanges } from "./audit-diff";
import type { TimeCursor } from "../list/keyset-cursor";
import { auditFilterSchema } from "./audit-list-params";
import { auditEntityName, auditSentenceText, describeAuditEntry } from "./describe-audit-entry";
import { auditEntriesSql, toAuditEntry, type AuditSqlRow } from "./audit-list-query";
import { AUDIT_FORBIDDEN_MESSAGE, auditLocationNames } from "./list-audit-entries";

export const AUDIT_EXPORT_HEADER = [
  "time_utc",
  "actor_id",
  "actor",
  "actor_email",
  "actor_note",
  "action",
  "entity_type",
  "entity_id",
  "entity",
  "changes",
  "before",
  "after",
  "ip",
  "user_agent",
  "request_id",
  // Added after the raw columns, so a reader that counts columns finds the old ones where they were.
  "entity_note",
  "summary",
] as const;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export async function exportAuditEntries(
  ctx: TenantContext,
  input: unknown,
  { pageSize = 1_000 }: { pageSize?: number } = {},
): Promise<CsvDownload> {
  const filters = parseInput(auditFilterSchema, input);
  if (!can(ctx.role, "audit.view")) throw AppError.forbidden(AUDIT_FORBIDDEN_MESSAGE);
  const company = await withTenantTx(ctx, (tx) => tx.company.findFirst({ select: { slug: true, timeZone: true } }));
  if (!company) throw AppError.notFound("Your company");
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone: company.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

  const stream = pagedCsvStream<TimeCursor>({
    header: AUDIT_EXPORT_HEADER,
    fetchPage: async (after) => {
      const { rows, locationNames } = await withTenantTx(ctx, async (tx) => {
        const found = await tx.$queryRaw<AuditSqlRow[]>(
          auditEntriesSql(ctx.companyId, filters, company.timeZone, after ?? undefined, pageSize),
        );
        return { rows: found, locationNames: await auditLocationNames(tx, found.slice(0, pageSize)) };
      });
      const page = rows.slice(0, pageSize);
      const last = page.at(-1);
      return {
        rows: page
          .map(toAuditEntry)
          .map((entry) => [entry, describeAuditActor(entry.actor)] as const)
          .map(([entry, actor]) => {
            const entity = auditEntityName(entry.recordedLabel, entry.entityLabel);
            const sentence = describeAuditEntry({
              ...entry,
              currentLabel: entry.entityLabel,
              locationNames,
            });
            return [
              entry.at.toISOString(),
              entry.actor.id,
              actor.label,
              entry.actor.email,
              actor.note,
              entry.action,
              entry.entityType,
              entry.entityId,
              entity?.label ?? null,
              describeAuditChanges(auditChanges(entry.before, entry.after)),
              json(entry.before),
              json(entry.after),
              entry.ip,
              entry.userAgent,
              entry.requestId,
              entity?.current ? "current name" : null,
              auditSentenceText(sentence, actor.label),
            ];
          }),
        next: rows.length > pageSize && last ? { createdAt: last.created_at.toISOString(), id: last.id } : null,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        "audit export failed",
      ),
  });
  return { fileName: `audit-log-${company.slug}-${day}.csv`, stream };
}
