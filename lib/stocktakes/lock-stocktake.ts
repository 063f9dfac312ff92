// A stocktake row read at the start of each of its steps, locked first (the document comes before the location,
// products and stock rows in the project's lock order, as a request row does: docs/architecture.md §5 "Lock order"):
// counts take it FOR SHARE, so people count at once while finishing, booking and cancelling (FOR NO KEY UPDATE) wait
// for counts in flight and every count after them sees the new status. Unknown ids and other companies' ids are
// NOT_FOUND.
import "server-only";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { formatMoment } from "../format-moment";
import { knownMemberName } from "../users/known-member-name";
import { formatStocktakeNumber, stocktakeStatus, type StocktakeStatus } from "./stocktake-fields";
import { stocktakeStep, type StocktakeStep } from "./stocktake-rules";

export interface LockedStocktake {
  id: string;
  number: number;
  locationId: string;
  locationName: string;
  status: StocktakeStatus;
  blind: boolean;
  recountUnits: number | null;
  recountPercent: number | null;
  version: number;
  createdById: string;
  createdAt: Date;
  finishedById: string | null;
  finishedAt: Date | null;
  bookedById: string | null;
  bookedAt: Date | null;
  cancelledById: string | null;
  cancelledAt: Date | null;
}

interface Row extends Omit<LockedStocktake, "status"> {
  status: string;
}

export async function lockStocktake(
  tx: TenantTx,
  ctx: TenantContext,
  stocktakeId: string,
  strength: "share" | "update",
): Promise<LockedStocktake> {
  const lock = strength === "share" ? Prisma.sql`FOR SHARE OF s` : Prisma.sql`FOR NO KEY UPDATE OF s`;
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT s.id::text, s.number, s.location_id::text AS "locationId", l.name AS "locationName", s.status, s.blind,
           s.recount_units AS "recountUnits", s.recount_percent AS "recountPercent", s.version,
           s.created_by::text AS "createdById", s.created_at AS "createdAt",
           s.finished_by::text AS "finishedById", s.finished_at AS "finishedAt",
           s.booked_by::text AS "bookedById", s.booked_at AS "bookedAt",
           s.cancelled_by::text AS "cancelledById", s.cancelled_at AS "cancelledAt"
      FROM stocktakes s
      JOIN locations l ON l.company_id = s.company_id AND l.id = s.location_id
     WHERE s.company_id = ${ctx.companyId}::uuid AND s.id = ${stocktakeId}::uuid
     ${lock}`;
  if (!row) throw AppError.notFound("That stocktake");
  return { ...row, status: stocktakeStatus(row.status) };
}

/** Who made the stocktake's latest step, and when. */
function lastStep(stocktake: LockedStocktake): { lead: string; by: string | null; at: Date } {
  switch (stocktake.status) {
    case "BOOKED":
      return { lead: "Already booked", by: stocktake.bookedById, at: stocktake.bookedAt! };
    case "CANCELLED":
      return { lead: "Already cancelled", by: stocktake.cancelledById, at: stocktake.cancelledAt! };
    case "COUNTED":
      return { lead: "Counting was finished", by: stocktake.finishedById, at: stocktake.finishedAt! };
    case "STARTED":
      return { lead: "Started", by: stocktake.createdById, at: stocktake.createdAt };
  }
}

/**
 * The version the person saw must be the stocktake's; otherwise a CONFLICT that says who changed it and when ("Already
 * booked by Mira Manager at 7 Dec 2026, 18:27 (Europe/London): ST-000003 changed after you opened it."), so a double
 * tap's second send, or a stale tab, never books or cancels twice.
 */
export async function checkStocktakeVersion(
  tx: TenantTx,
  ctx: TenantContext,
  stocktake: LockedStocktake,
  seenVersion: number,
): Promise<void> {
  if (stocktake.version === seenVersion) return;
  const company = await tx.company.findFirst({ select: { timeZone: true } });
  const { lead, by, at } = lastStep(stocktake);
  const who = await knownMemberName(tx, ctx, by);
  throw new AppError(
    "CONFLICT",
    `${lead} by ${who} at ${formatMoment(at, company?.timeZone ?? "UTC")}: ${formatStocktakeNumber(stocktake.number)} changed after you opened it. Reload the page to see it as it is now.`,
  );
}

/** The step must be one the stocktake's status allows (stocktake-rules.ts), or INVALID_TRANSITION with the reason. */
export function checkStocktakeStep(ctx: TenantContext, stocktake: LockedStocktake, step: StocktakeStep): void {
  const answer = stocktakeStep(step, stocktake.status, ctx.role, stocktake.number);
  if (!answer.ok) throw new AppError("INVALID_TRANSITION", answer.reason);
}
