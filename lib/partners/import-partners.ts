// Suppliers or customers from a CSV file, the way products come in (lib/products/import-products.ts): one function for
// both steps of the flow (lib/csv/run-import.ts) —
// - "preview" (the dry run) reads the file and says what would happen — partners to add, partners to change with each
//   change, and every problem as line / column / message — and writes nothing;
// - "commit" does all of it again from the file (the preview is never trusted), with the partners it touches locked,
//   and writes everything in one transaction or nothing: one problem anywhere refuses the whole import. A commit is
//   exactly-once per client operation id (lib/stock/stock-operation.ts): a retried commit returns the first report.
// Every row is judged by partnerFieldsSchema, the same rule as the form. A row whose name a partner of the kind has,
// in any letter case (archived ones included), changes that partner (its version bumped; the name keeps the
// partner's spelling, as a product's SKU does: the name is what matched it); any other row adds one. Columns the file
// leaves out keep their values; a blank cell clears the contact, email, phone or notes, and keeps `archived` as it is.
// `archived` is yes or no: yes archives (a new partner too), no restores.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { cellOf, readHeader, widthProblem } from "../csv/csv-columns";
import {
  commitNeedsOperationId,
  importFileShape,
  PARTNER_CSV_COLUMNS,
  PARTNER_IMPORT,
  sortProblems,
  type PartnerCsvColumn,
} from "../csv/file-formats";
import { runCsvImport } from "../csv/run-import";
import { parseCsv, type CsvProblem } from "../csv/parse-csv";
import { Prisma } from "../db/generated/client";
import type { TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { partnerFieldsSchema, type PartnerFields } from "./partner-fields";
import { PARTNER_AUDIT_ACTIONS, PARTNER_WORDS, partnerKindSchema, type PartnerKind } from "./partner-kinds";
import { PARTNER_SQL } from "./partner-record";

export const importPartnersSchema = commitNeedsOperationId(
  z.object({ kind: partnerKindSchema, ...importFileShape }).strict(),
);

export type ImportPartnersInput = z.input<typeof importPartnersSchema>;

type TextColumn = Exclude<PartnerCsvColumn, "archived">;

const FIELD: Record<TextColumn, keyof PartnerFields> = {
  name: "name",
  contact_name: "contactName",
  email: "email",
  phone: "phone",
  notes: "notes",
};
const COLUMN = Object.fromEntries(Object.entries(FIELD).map(([column, field]) => [field, column])) as Record<
  keyof PartnerFields,
  TextColumn
>;

const YES = /^(yes|y|true|1)$/i;
const NO = /^(no|n|false|0)$/i;

const BATCH = 2_000;

export interface PartnerFieldChange {
  column: PartnerCsvColumn;
  from: string | null;
  to: string | null;
}

export interface PartnerImportReport {
  kind: PartnerKind;
  fileName: string;
  /** True once the partners were written (commit with no problems). */
  committed: boolean;
  /** Data rows in the file (blank rows are not counted). */
  rowCount: number;
  creates: { line: number; name: string }[];
  updates: { line: number; name: string; partnerId: string; changes: PartnerFieldChange[] }[];
  /** Rows equal to their partner as it is: nothing to write. */
  unchanged: number;
  /** Every problem, in file order; any problem means nothing is imported. */
  errors: CsvProblem[];
}

interface PartnerRow {
  line: number;
  fields: PartnerFields;
  /** The text fields the file's columns set. */
  given: Set<keyof PartnerFields>;
  /** The archived cell: true (yes), false (no), or null (blank or no column: as it is, active when new). */
  archived: boolean | null;
}

/** A partner's columns as stored, and as an import writes them. */
interface PartnerValues {
  name: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  archived: boolean;
}

interface ExistingPartner extends PartnerValues {
  /** Which of the rows matched it: its 1-based position among the names sent. */
  name_index: number;
  id: string;
}

const display = (value: string | boolean | null) =>
  value === null ? null : typeof value === "boolean" ? (value ? "yes" : "no") : value;

/** Reads and checks every row in memory: the file's own problems, before any database work. */
function readRows(content: string | Uint8Array): { rows: PartnerRow[]; rowCount: number; errors: CsvProblem[] } {
  const parsed = parseCsv(content);
  if (!parsed.ok) return { rows: [], rowCount: 0, errors: [parsed.problem] };
  const header = readHeader(parsed.header, PARTNER_IMPORT);
  if (!header.ok) return { rows: [], rowCount: parsed.rows.length, errors: header.problems };
  const { columns } = header;

  const rows: PartnerRow[] = [];
  const errors: CsvProblem[] = [];
  for (const record of parsed.rows) {
    const width = widthProblem(record, columns.width);
    if (width) {
      errors.push(width);
      continue;
    }
    const input: Record<string, string> = {};
    for (const column of PARTNER_CSV_COLUMNS) {
      if (column === "archived") continue;
      const cell = cellOf(record, columns, column);
      if (cell !== undefined) input[FIELD[column]] = cell;
    }
    const archivedCell = cellOf(record, columns, "archived")?.trim() ?? "";
    const archived = YES.test(archivedCell) ? true : NO.test(archivedCell) ? false : null;
    const problems: CsvProblem[] = [];
    if (archivedCell !== "" && archived === null) {
      problems.push({
        line: record.line,
        column: "archived",
        message: "Write yes or no, or leave it blank to keep it as it is.",
      });
    }
    const result = partnerFieldsSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0] as keyof PartnerFields | undefined;
        problems.push({ line: record.line, column: field ? COLUMN[field] : null, message: issue.message });
      }
    }
    if (!result.success || problems.length > 0) {
      errors.push(...problems);
      continue;
    }
    rows.push({
      line: record.line,
      fields: result.data,
      given: new Set(Object.keys(input) as (keyof PartnerFields)[]),
      archived,
    });
  }
  return { rows, rowCount: parsed.rows.length, errors };
}

interface Plan {
  creates: { line: number; values: PartnerValues }[];
  updates: { line: number; id: string; values: PartnerValues; changes: PartnerFieldChange[] }[];
  unchanged: number;
  errors: CsvProblem[];
}

/**
 * What the rows do to the company's partners of the kind as they are now (locked when committing): the partner each
 * row's name matches in any letter case and the changes. Names are compared by the key the database computes for
 * name_key (`lower(name)`), within the file as against stored partners, so a name that JavaScript folds otherwise
 * (a Turkish İ, a final Σ) is a row error here rather than a unique violation at the write. Committing, the matched
 * partners are locked in id order (FOR NO KEY UPDATE: the writes change no key).
 */
async function planAgainstDatabase(
  tx: TenantTx,
  ctx: TenantContext,
  kind: PartnerKind,
  rows: PartnerRow[],
  lock: boolean,
): Promise<Plan> {
  const { table } = PARTNER_SQL[kind];
  const names = rows.map((row) => row.fields.name);
  const keys = await tx.$queryRaw<{ key: string }[]>`
    SELECT lower(f.name) AS key FROM unnest(${names}::text[]) WITH ORDINALITY AS f(name, i) ORDER BY f.i`;
  const existing = await tx.$queryRaw<ExistingPartner[]>`
    SELECT f.i::int AS name_index, t.id::text, t.name, t.contact_name, t.email, t.phone, t.notes,
           t.archived_at IS NOT NULL AS archived
      FROM unnest(${names}::text[]) WITH ORDINALITY AS f(name, i)
      JOIN ${table} t ON t.company_id = ${ctx.companyId}::uuid AND t.name_key = lower(f.name)
     ORDER BY t.id
     ${lock ? Prisma.sql`FOR NO KEY UPDATE OF t` : Prisma.empty}`;
  const matchOf = new Map(existing.map((partner) => [partner.name_index - 1, partner]));
  const firstOfKey = new Map<string, { line: number; name: string }>();

  const plan: Plan = { creates: [], updates: [], unchanged: 0, errors: [] };
  rows.forEach((row, index) => {
    const { fields } = row;
    const key = keys[index]!.key;
    const first = firstOfKey.get(key);
    if (first !== undefined) {
      const spelled = first.name === fields.name ? "" : ` as "${first.name}" (letter case does not make another name)`;
      plan.errors.push({
        line: row.line,
        column: "name",
        message: `"${fields.name}" is also on line ${first.line}${spelled}: each name once per file.`,
      });
      return;
    }
    firstOfKey.set(key, { line: row.line, name: fields.name });
    const current = matchOf.get(index);
    if (!current) {
      plan.creates.push({
        line: row.line,
        values: {
          name: fields.name,
          contact_name: fields.contactName,
          email: fields.email,
          phone: fields.phone,
          notes: fields.notes,
          archived: row.archived ?? false,
        },
      });
      return;
    }
    const { name_index: _index, id, ...values } = current;
    const changes: PartnerFieldChange[] = [];
    const set = <K extends keyof PartnerValues>(column: K & PartnerCsvColumn, to: PartnerValues[K]) => {
      if (current[column] === to) return;
      changes.push({ column, from: display(current[column]), to: display(to) });
      values[column] = to;
    };
    for (const field of row.given) {
      // The name is what matched the partner: it keeps its own spelling.
      if (field === "name") continue;
      const column = COLUMN[field] as Exclude<TextColumn, "name">;
      set(column, fields[field]);
    }
    if (row.archived !== null) set("archived", row.archived);
    if (changes.length === 0) {
      plan.unchanged++;
      return;
    }
    plan.updates.push({ line: row.line, id, values, changes });
  });
  return plan;
}

/** One batch of rows as unnest(…) columns. */
function columnsOf(batch: { id: string; values: PartnerValues }[]) {
  const column = <K extends keyof PartnerValues>(key: K) => batch.map((row) => row.values[key]);
  return {
    ids: batch.map((row) => row.id),
    name: column("name"),
    contactName: column("contact_name"),
    email: column("email"),
    phone: column("phone"),
    notes: column("notes"),
    archived: column("archived"),
  };
}

async function writePartners(tx: TenantTx, ctx: TenantContext, kind: PartnerKind, plan: Plan): Promise<void> {
  const { table } = PARTNER_SQL[kind];
  // Updates: the partners locked by planAgainstDatabase, by id, their version bumped. An archive keeps its first
  // moment; a restore clears it.
  const updates = plan.updates.map((update) => ({ id: update.id, values: update.values }));
  for (let start = 0; start < updates.length; start += BATCH) {
    const batch = updates.slice(start, start + BATCH);
    const c = columnsOf(batch);
    const written = await tx.$executeRaw`
      UPDATE ${table} AS t
         SET contact_name = r.contact_name, email = r.email, phone = r.phone, notes = r.notes,
             archived_at = CASE WHEN r.archived THEN coalesce(t.archived_at, now()) END,
             version = t.version + 1, updated_at = now()
        FROM unnest(${c.ids}::uuid[], ${c.contactName}::text[], ${c.email}::text[], ${c.phone}::text[],
                    ${c.notes}::text[], ${c.archived}::boolean[])
             AS r(id, contact_name, email, phone, notes, archived)
       WHERE t.company_id = ${ctx.companyId}::uuid AND t.id = r.id`;
    if (written !== batch.length) throw new Error(`Partner import updated ${written} of ${batch.length} rows`);
  }
  // Creates: plain INSERTs. A name someone else saved since it was read is a unique violation that refuses the whole
  // import (importPartners says so), never an overwrite of their partner.
  const creates = plan.creates.map((create) => ({ id: randomUUID(), values: create.values }));
  for (let start = 0; start < creates.length; start += BATCH) {
    const batch = creates.slice(start, start + BATCH);
    const c = columnsOf(batch);
    const written = await tx.$executeRaw`
      INSERT INTO ${table} (id, company_id, name, contact_name, email, phone, notes, archived_at, updated_at)
      SELECT r.id, ${ctx.companyId}::uuid, r.name, r.contact_name, r.email, r.phone, r.notes,
             CASE WHEN r.archived THEN now() END, now()
        FROM unnest(${c.ids}::uuid[], ${c.name}::text[], ${c.contactName}::text[], ${c.email}::text[],
                    ${c.phone}::text[], ${c.notes}::text[], ${c.archived}::boolean[])
             AS r(id, name, contact_name, email, phone, notes, archived)`;
    if (written !== batch.length) throw new Error(`Partner import inserted ${written} of ${batch.length} rows`);
  }
}

export async function importPartners(ctx: TenantContext, input: unknown): Promise<PartnerImportReport> {
  const { kind, fileName, content, mode, operationId } = parseInput(importPartnersSchema, input);
  const { many } = PARTNER_WORDS[kind];
  if (!can(ctx.role, "partners.manage")) throw AppError.forbidden(`Only managers and admins import ${many}.`);

  const read = readRows(content);
  const report = (plan: Plan | null, committed: boolean): PartnerImportReport => ({
    kind,
    fileName,
    committed,
    rowCount: read.rowCount,
    creates: (plan?.creates ?? []).map((create) => ({ line: create.line, name: create.values.name })),
    updates: (plan?.updates ?? []).map((update) => ({
      line: update.line,
      name: update.values.name,
      partnerId: update.id,
      changes: update.changes,
    })),
    unchanged: plan?.unchanged ?? 0,
    errors: sortProblems([...read.errors, ...(plan?.errors ?? [])]),
  });
  return runCsvImport(
    ctx,
    { fileName, content, mode, operationId },
    {
      kind: PARTNER_SQL[kind].operation,
      read,
      plan: (tx, lock) => planAgainstDatabase(tx, ctx, kind, read.rows, lock),
      report,
      write: async (tx, plan) => {
        await writePartners(tx, ctx, kind, plan);
        await recordAudit(tx, ctx, {
          action: PARTNER_AUDIT_ACTIONS[kind].imported,
          entityType: kind,
          entityId: null,
          after: {
            fileName,
            rows: read.rowCount,
            created: plan.creates.length,
            updated: plan.updates.length,
            unchanged: plan.unchanged,
          },
        });
      },
      // Another partner saved between our read and our write took one of the file's names: nothing was written.
      clash: async () =>
        new AppError(
          "CONFLICT",
          `Nothing was imported: another ${PARTNER_WORDS[kind].one} was saved with one of these names just now. Check the file again.`,
        ),
    },
  );
}
