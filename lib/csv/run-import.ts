// The flow every CSV import follows (products, suppliers and customers, stock levels), around what each one plans
// and writes:
// - "preview" (the dry run), and a commit of a file with problems of its own, plans against the database as it is
//   and writes nothing: every problem is found (the database's too), so a refusal names the first one in the file;
// - "commit" plans again from the file (the preview is never trusted) with what it touches locked, and writes all of
//   it in one transaction or nothing: one problem anywhere refuses the whole import. It is exactly-once per client
//   operation id (lib/stock/stock-operation.ts): a retried commit returns the first report.
import "server-only";
import type { TenantContext } from "../context";
import type { StockOperationKind } from "../db/generated/enums";
import { allowLongWork } from "../db/role-timeouts";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, isUniqueViolation } from "../errors";
import { contentDigest, onceStockOperation } from "../stock/stock-operation";
import { importRefusal } from "./file-formats";
import type { CsvProblem } from "./parse-csv";

export interface CsvImportFile {
  fileName: string;
  content: string | Uint8Array;
  mode: "preview" | "commit";
  /** Present for a commit (commitNeedsOperationId). */
  operationId?: string;
}

export interface CsvImportSteps<Plan extends { errors: CsvProblem[] }, Report extends { errors: CsvProblem[] }> {
  /** The exactly-once claim's kind. */
  kind: StockOperationKind;
  /** The file's own problems, and whether it has rows to plan. */
  read: { rows: unknown[]; errors: CsvProblem[] };
  /** What the rows do to the company as it is now; `lock`: when committing, what it touches is locked. */
  plan: (tx: TenantTx, lock: boolean) => Promise<Plan>;
  /** The answer, from the plan (null: nothing could be planned). */
  report: (plan: Plan | null, committed: boolean) => Report;
  /** Writes a plan with no problems, with its audit row and events. */
  write: (tx: TenantTx, plan: Plan) => Promise<void>;
  /**
   * The refusal when the write meets a unique violation: a row someone saved between the plan's read and the write
   * took one of the file's keys, and nothing was written. Without it, the violation is not expected and is thrown.
   */
  clash?: (planned: Plan) => Promise<AppError>;
}

export async function runCsvImport<Plan extends { errors: CsvProblem[] }, Report extends { errors: CsvProblem[] }>(
  ctx: TenantContext,
  file: CsvImportFile,
  steps: CsvImportSteps<Plan, Report>,
): Promise<Report> {
  const { read, report } = steps;
  if (file.mode === "preview" || read.errors.length > 0) {
    const plan = read.rows.length === 0 ? null : await withTenantTx(ctx, (tx) => steps.plan(tx, false));
    const dryRun = report(plan, false);
    if (file.mode === "commit") throw importRefusal(dryRun.errors);
    return dryRun;
  }

  let planned: Plan | null = null;
  const claim = {
    operationId: file.operationId!,
    kind: steps.kind,
    payload: { fileName: file.fileName, content: contentDigest(file.content) },
  };
  try {
    return await withTenantTx(
      ctx,
      onceStockOperation(ctx, claim, async (tx) => {
        await allowLongWork(tx);
        const plan = await steps.plan(tx, true);
        if (plan.errors.length > 0) throw importRefusal(report(plan, false).errors);
        planned = plan;
        await steps.write(tx, plan);
        return report(plan, true);
      }),
      { timeoutMs: 120_000 },
    );
  } catch (error) {
    // Assigned inside the transaction's callback, which the compiler does not follow.
    const clashed = planned as Plan | null;
    if (steps.clash && clashed && isUniqueViolation(error)) throw await steps.clash(clashed);
    throw error;
  }
}
