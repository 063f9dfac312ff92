// What the directory's functions share: the table of each kind, the explicit select and the plain object they return,
// the audit snapshot, how the unique name index's refusal becomes a field error naming the holder, and the "changed
// since you opened it" message of a refused conditional write (docs/architecture.md §5 "Partners").
import "server-only";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import type { StockOperationKind } from "../db/generated/enums";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, isUniqueViolation } from "../errors";
import { formatMoment } from "../format-moment";
import { duplicateNameMessage, partnerIdSchema } from "./partner-fields";
import { PARTNER_WORDS, type PartnerKind } from "./partner-kinds";

export const partnerSelect = {
  id: true,
  name: true,
  contactName: true,
  email: true,
  phone: true,
  notes: true,
  archivedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.SupplierSelect & Prisma.CustomerSelect;

type PartnerRow = Prisma.SupplierGetPayload<{ select: typeof partnerSelect }>;

/**
 * The model of a kind, through the tenant client (so the extension scopes it, docs/architecture.md §4). Suppliers and
 * customers have the same columns (schema.prisma), so the supplier delegate's type describes both.
 */
export function partnerModel(tx: TenantTx, kind: PartnerKind): TenantTx["supplier"] {
  return kind === "supplier" ? tx.supplier : (tx.customer as unknown as TenantTx["supplier"]);
}

/** The table and the request column of a kind, for raw SQL (constants: never built from input). */
export const PARTNER_SQL: Record<PartnerKind, { table: Prisma.Sql; link: Prisma.Sql; operation: StockOperationKind }> =
  {
    supplier: { table: Prisma.raw("suppliers"), link: Prisma.raw("supplier_id"), operation: "SUPPLIER_IMPORT" },
    customer: { table: Prisma.raw("customers"), link: Prisma.raw("customer_id"), operation: "CUSTOMER_IMPORT" },
  };

export interface PartnerRecord {
  kind: PartnerKind;
  id: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  archived: boolean;
  archivedAt: Date | null;
  /** The version an edit, archive or restore must carry. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toPartnerRecord(kind: PartnerKind, row: PartnerRow): PartnerRecord {
  return { kind, ...row, archived: row.archivedAt !== null };
}

/** The partner as the audit trail keeps it: its fields and state, no timestamps of its own. */
export function partnerSnapshot(partner: PartnerRecord): Record<string, unknown> {
  const { name, contactName, email, phone, notes, archived, version } = partner;
  return { name, contactName, email, phone, notes, archived, version };
}

/** A partner id from input, checked after the permission: anything that is not one is NOT_FOUND. */
export function partnerIdFrom(kind: PartnerKind, value: unknown): string {
  const parsed = partnerIdSchema(kind).safeParse(value);
  if (!parsed.success) throw notFound(kind);
  return parsed.data;
}

export const notFound = (kind: PartnerKind) => AppError.notFound(`That ${PARTNER_WORDS[kind].one}`);

/**
 * The field error for a write the unique name index refused (any letter case: name_key, migration 20261213020000),
 * naming the partner that holds the name; null for any other error. The index decided (no check-then-write race);
 * this only reads who holds it, after the refused transaction rolled back.
 */
export async function duplicateNameError(
  ctx: TenantContext,
  kind: PartnerKind,
  error: unknown,
  name: string,
  exceptId?: string,
): Promise<AppError | null> {
  if (!isUniqueViolation(error)) return null;
  const { table } = PARTNER_SQL[kind];
  const [holder] = await withTenantTx(
    ctx,
    (tx) =>
      tx.$queryRaw<{ name: string; archived: boolean }[]>`
      SELECT name, archived_at IS NOT NULL AS archived
        FROM ${table}
       WHERE company_id = ${ctx.companyId}::uuid AND name_key = lower(${name}::text)
         AND (${exceptId ?? null}::uuid IS NULL OR id <> ${exceptId ?? null}::uuid)
       LIMIT 1`,
  );
  const message = holder
    ? duplicateNameMessage(kind, name, holder)
    : `Another ${PARTNER_WORDS[kind].one} was saved with this name just now.`;
  return AppError.validation({ name: [message] });
}

/**
 * The CONFLICT for a conditional write that matched nothing although the partner exists: who changed it last and
 * when, so the person knows what to reload for. The newest audit entry of the partner names them when it produced
 * the version the partner is at now (an import audits the file, not each partner): otherwise the time alone.
 */
export async function changedSinceError(
  tx: TenantTx,
  ctx: TenantContext,
  kind: PartnerKind,
  id: string,
  what: string,
): Promise<AppError> {
  const { one } = PARTNER_WORDS[kind];
  // One query at a time: a transaction is one connection.
  const current = await partnerModel(tx, kind).findUnique({
    where: { id },
    select: { version: true, updatedAt: true },
  });
  const entry = await tx.auditLog.findFirst({
    where: { entityType: kind, entityId: id, action: { startsWith: `${kind}.` } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { actorId: true, actorName: true, actorEmail: true, createdAt: true, after: true },
  });
  const company = await tx.company.findFirst({ where: {}, select: { timeZone: true } });
  const timeZone = company?.timeZone ?? "UTC";
  const reload = `Reload the page to see it as it is now, then ${what} again.`;
  const auditedVersion = (entry?.after as { version?: unknown } | null | undefined)?.version;
  if (!entry || !current || auditedVersion !== current.version) {
    const when = current ? ` on ${formatMoment(current.updatedAt, timeZone)}` : "";
    return new AppError("CONFLICT", `This ${one} was changed${when}, after you opened it. ${reload}`);
  }
  // The audit row names the actor as they were when they acted (docs/architecture.md §8, "Audit").
  const who =
    entry.actorId === ctx.userId
      ? "You (in another tab or window)"
      : entry.actorName && entry.actorEmail
        ? `${entry.actorName} (${entry.actorEmail})`
        : (entry.actorEmail ?? "Someone");
  return new AppError(
    "CONFLICT",
    `${who} changed this ${one} on ${formatMoment(entry.createdAt, timeZone)}, after you opened it. ${reload}`,
  );
}
