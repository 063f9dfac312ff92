// Exactly-once stock operations (docs/architecture.md, "Exactly-once stock operations"). An adjustment, transfer,
// stocktake or CSV import commit carries a client operation id, made by the form once per operation it means to do.
// Inside the transaction that changes the stock, before any stock lock, the id is claimed in stock_operations
// (primary key company_id, operation_id). The first to claim it does the work and stores its result; a failure rolls
// the claim back with everything else, so a refused submit claims nothing and the corrected one may use the same
// id. A replay waits for the first claim to commit (or roll back), then gets the stored result back and moves
// nothing — or a CONFLICT when the id comes with other contents, or from someone else.
import "server-only";
import { createHash } from "node:crypto";
import type { TenantContext } from "../context";
import type { StockOperationKind } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";

export interface StockOperationClaim {
  operationId: string;
  kind: StockOperationKind;
  /** What was asked, normalised (parsed input, sorted lists): JSON-serialisable, in a fixed key order. */
  payload: unknown;
}

/** A digest of the contents, for an import: the file itself is not kept. */
export function contentDigest(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * `work` as the operation `claim.operationId`, done once: pass the result to withTenantTx. The id is claimed first
 * thing in the transaction (before any lock, so a replay waits holding nothing). `work`'s result must be plain JSON
 * data: a replay gets it back as stored.
 */
export function onceStockOperation<T>(
  ctx: TenantContext,
  claim: StockOperationClaim,
  work: (tx: TenantTx) => Promise<T>,
): (tx: TenantTx) => Promise<T> {
  const payloadHash = contentDigest(JSON.stringify([claim.kind, claim.payload]));
  return async (tx) => {
    // ON CONFLICT waits for a transaction that claimed the same id and has not finished: its commit makes this a
    // replay, its rollback lets this one claim the id.
    const claimed = await tx.$queryRaw<{ claimed: number }[]>`
      INSERT INTO stock_operations (company_id, operation_id, kind, payload_hash, created_by)
      VALUES (${ctx.companyId}::uuid, ${claim.operationId}::uuid, ${claim.kind}::"StockOperationKind",
              ${payloadHash}, ${ctx.userId}::uuid)
      ON CONFLICT (company_id, operation_id) DO NOTHING
      RETURNING 1 AS claimed`;
    if (claimed.length === 0) return replay<T>(tx, ctx, claim, payloadHash);

    const result = await work(tx);
    await tx.$executeRaw`
      UPDATE stock_operations SET result = ${JSON.stringify(result)}::jsonb
       WHERE company_id = ${ctx.companyId}::uuid AND operation_id = ${claim.operationId}::uuid`;
    return result;
  };
}

/**
 * The id was spent by an earlier operation: a CONFLICT that names the `operationId` field, so the form knows to take
 * a new id for the next submit (components/ui/operation-id.ts). Other CONFLICTs (the company changed) claimed nothing.
 */
function operationIdTaken(message: string): AppError {
  return new AppError("CONFLICT", message, { operationId: [message] });
}

async function replay<T>(
  tx: TenantTx,
  ctx: TenantContext,
  claim: StockOperationClaim,
  payloadHash: string,
): Promise<T> {
  const [done] = await tx.$queryRaw<
    { kind: string; payload_hash: string; created_by: string; result: string | null }[]
  >`
    SELECT kind::text, payload_hash, created_by::text, result::text
      FROM stock_operations
     WHERE company_id = ${ctx.companyId}::uuid AND operation_id = ${claim.operationId}::uuid`;
  // Committed with its result in the same transaction that claimed it: anything else is a broken invariant.
  if (!done?.result) throw new Error(`Stock operation ${claim.operationId} is claimed without a result`);
  // Another person's form never learns what someone else's operation did.
  if (done.created_by !== ctx.userId) {
    throw operationIdTaken(
      "This form is out of date. Reload the page; what you typed is kept, and submitting it again makes a new change.",
    );
  }
  // The first submit went through (its answer was lost) and the form was changed since: nothing more is booked.
  if (done.kind !== claim.kind || done.payload_hash !== payloadHash) {
    throw operationIdTaken(
      "This form was already saved, with different values: nothing more was changed. Reload the page to see the stock as it is now; what you typed is kept, and submitting it again makes a new change.",
    );
  }
  return JSON.parse(done.result) as T;
}
