// Counted stock from a CSV file (`sku,location,on_hand`, issue "Inventory", part 8): each row sets what is on hand
// for one product at one location (by name). Same two steps as the product import (../csv/run-import.ts) —
// "preview" writes nothing and lists every problem by line; "commit" reads the file again, locks the stock rows it
// names, computes each change from those locked rows (never from the preview) and books all of them through one
// applyStockMovements call (reason ADJUSTMENT, guard "available"), or nothing. A count below what approved orders
// have reserved is a row problem; a count equal to what is on hand books nothing. A commit is exactly once per client
// operation id (./stock-operation.ts): the same file committed again with it returns the first report.
import "server-only";
import { refuseBesideOpenStocktake } from "../stocktakes/refuse-beside-open-stocktake";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { cellOf, readHeader, widthProblem } from "../csv/csv-columns";
import { importFileSchema, sortProblems, STOCK_IMPORT, type ImportFileInput } from "../csv/file-formats";
import { runCsvImport } from "../csv/run-import";
import { parseCsv, type CsvProblem } from "../csv/parse-csv";
import type { TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { foldKeys, keyMatches } from "../products/product-keys";
import { applyStockMovements, type StockChange } from "./apply-stock-movements";
import { findStockProducts } from "./find-stock-products";
import { lockStockLevels, stockKey, type LockedStockLevel } from "./lock-stock-levels";
import { lockStockLocations } from "./lock-stock-locations";
import { quantitySchema } from "./quantity";
import { kickOutbox } from "../email/outbox-runner";

const onHandSchema = quantitySchema({ min: 0, label: "On hand" });

export type ImportStockLevelsInput = ImportFileInput;

export interface StockLevelChange {
  line: number;
  sku: string;
  productName: string;
  location: string;
  from: number;
  to: number;
}

export interface StockImportReport {
  fileName: string;
  committed: boolean;
  rowCount: number;
  /** Rows whose count differs from what is on hand: one movement each on commit. */
  changes: StockLevelChange[];
  /** Rows equal to what is on hand. */
  unchanged: number;
  errors: CsvProblem[];
}

interface CountRow {
  line: number;
  sku: string;
  location: string;
  onHand: number;
}

interface Plan {
  changes: (StockLevelChange & { productId: string; locationId: string })[];
  unchanged: number;
  errors: CsvProblem[];
}

const LOCATIONS_LISTED = 10;

function readRows(content: string | Uint8Array): { rows: CountRow[]; rowCount: number; errors: CsvProblem[] } {
  const parsed = parseCsv(content);
  if (!parsed.ok) return { rows: [], rowCount: 0, errors: [parsed.problem] };
  const header = readHeader(parsed.header, STOCK_IMPORT);
  if (!header.ok) return { rows: [], rowCount: parsed.rows.length, errors: header.problems };
  const { columns } = header;

  const rows: CountRow[] = [];
  const errors: CsvProblem[] = [];
  for (const record of parsed.rows) {
    const width = widthProblem(record, columns.width);
    if (width) {
      errors.push(width);
      continue;
    }
    const sku = cellOf(record, columns, "sku")!.trim();
    const location = cellOf(record, columns, "location")!.trim();
    const onHand = onHandSchema.safeParse(cellOf(record, columns, "on_hand")!);
    const problems: CsvProblem[] = [];
    if (sku === "") problems.push({ line: record.line, column: "sku", message: "Enter the SKU." });
    if (location === "")
      problems.push({ line: record.line, column: "location", message: "Enter the location's name." });
    if (!onHand.success)
      problems.push({ line: record.line, column: "on_hand", message: onHand.error.issues[0]!.message });
    if (problems.length > 0 || !onHand.success) {
      errors.push(...problems);
      continue;
    }
    rows.push({ line: record.line, sku, location, onHand: onHand.data });
  }
  return { rows, rowCount: parsed.rows.length, errors };
}

interface LocationRow {
  id: string;
  name: string;
  archivedAt: Date | null;
}

/** A location by its exact name, else by the one name that differs only in case. */
function findLocation(locations: LocationRow[], name: string): LocationRow | undefined {
  const exact = locations.find((location) => location.name === name);
  if (exact) return exact;
  const similar = locations.filter((location) => location.name.toLowerCase() === name.toLowerCase());
  return similar.length === 1 ? similar[0] : undefined;
}

/** The stock rows of these keys as they are, unlocked; a key without a row is absent (0 on hand). */
async function readLevels(
  tx: TenantTx,
  ctx: TenantContext,
  keys: { productId: string; locationId: string }[],
): Promise<Map<string, LockedStockLevel>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ product_id: string; location_id: string; on_hand: number; reserved: number }[]>`
    SELECT s.product_id::text, s.location_id::text, s.on_hand, s.reserved
      FROM stock_levels s
      JOIN unnest(${keys.map((k) => k.productId)}::uuid[], ${keys.map((k) => k.locationId)}::uuid[]) AS k(product_id, location_id)
        ON s.product_id = k.product_id AND s.location_id = k.location_id
     WHERE s.company_id = ${ctx.companyId}::uuid`;
  return new Map(
    rows.map((row) => [stockKey(row.product_id, row.location_id), { onHand: row.on_hand, reserved: row.reserved }]),
  );
}

/**
 * The rows against the stock as it is now. Committing, the rows are locked first (lockStockLevels: in the ledger's
 * order, missing rows created so a concurrent first receipt cannot slip in), and each change is computed from them.
 */
async function planAgainstDatabase(tx: TenantTx, ctx: TenantContext, rows: CountRow[], lock: boolean): Promise<Plan> {
  // SKUs match in any letter case (lib/products/product-keys.ts); one shared by products flagged as duplicates
  // matches several, and the row is refused rather than guessed at.
  const skus = [...new Set(rows.map((row) => row.sku))];
  const skuKeys = await foldKeys(tx, skus);
  const keyOfSku = new Map(skus.map((sku, i) => [sku, skuKeys[i]!]));
  const products = await tx.$queryRaw<{ id: string; sku: string; sku_key: string; name: string }[]>`
    SELECT p.id::text, p.sku, p.sku_key, p.name FROM products p
     WHERE p.company_id = ${ctx.companyId}::uuid AND ${keyMatches("sku", skus)}
     ORDER BY p.sku`;
  const locations = await tx.location.findMany({
    where: {},
    select: { id: true, name: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  const productsByKey = new Map<string, typeof products>();
  for (const product of products) {
    productsByKey.set(product.sku_key, [...(productsByKey.get(product.sku_key) ?? []), product]);
  }

  const plan: Plan = { changes: [], unchanged: 0, errors: [] };
  const firstLine = new Map<string, number>();
  const resolved: { row: CountRow; product: (typeof products)[number]; location: LocationRow }[] = [];
  for (const row of rows) {
    const matches = productsByKey.get(keyOfSku.get(row.sku)!) ?? [];
    const product = matches.length === 1 ? matches[0] : undefined;
    const location = findLocation(locations, row.location);
    if (matches.length > 1) {
      plan.errors.push({
        line: row.line,
        column: "sku",
        message: `SKU "${row.sku}" matches ${matches.length} products that differ only in letter case: ${matches.map((m) => m.sku).join(", ")}. Resolve them under Products → Duplicates first.`,
      });
    } else if (!product) {
      plan.errors.push({
        line: row.line,
        column: "sku",
        message: `No product has SKU "${row.sku}". Import the product first, or correct the SKU.`,
      });
    }
    if (!location) {
      const names = locations
        .filter((l) => !l.archivedAt)
        .slice(0, LOCATIONS_LISTED)
        .map((l) => l.name);
      plan.errors.push({
        line: row.line,
        column: "location",
        message: `No location is named "${row.location}". ${names.length > 0 ? `Locations: ${names.join(", ")}.` : "Add the location first."}`,
      });
    }
    if (!product && location?.archivedAt) {
      plan.errors.push({
        line: row.line,
        column: "location",
        message: `${location.name} is archived: restore it before importing stock there.`,
      });
    }
    if (!product || !location) continue;
    const key = stockKey(product.id, location.id);
    const first = firstLine.get(key);
    if (first !== undefined) {
      plan.errors.push({
        line: row.line,
        column: "sku",
        message: `SKU ${product.sku} at ${location.name} is also on line ${first}: one count per product and location.`,
      });
      continue;
    }
    firstLine.set(key, row.line);
    resolved.push({ row, product, location });
  }

  const keyOf = ({ row, product, location }: (typeof resolved)[number]) => ({
    productId: product.id,
    locationId: location.id,
    counted: row.onHand,
  });
  // An archived location holds no stock that can change (the ledger refuses it): its rows are only read, so a file
  // exported before the archive imports back with those rows unchanged, and any other count there is refused.
  const activeKeys = resolved.filter(({ location }) => !location.archivedAt).map(keyOf);
  const archivedKeys = resolved.filter(({ location }) => location.archivedAt).map(keyOf);
  let levels: Map<string, LockedStockLevel>;
  if (lock) {
    // The locations stay unarchived, the products' keys stay, and the counted rows stay as read until commit (the
    // ledger's own lock order).
    if (activeKeys.length > 0)
      await lockStockLocations(
        tx,
        ctx,
        activeKeys.map((key) => key.locationId),
      );
    await findStockProducts(
      tx,
      ctx,
      activeKeys.map((key) => key.productId),
    );
    levels = await lockStockLevels(tx, ctx, activeKeys);
    for (const [key, level] of await readLevels(tx, ctx, archivedKeys)) levels.set(key, level);
  } else {
    levels = await readLevels(tx, ctx, [...activeKeys, ...archivedKeys]);
  }

  for (const { row, product, location } of resolved) {
    const level = levels.get(stockKey(product.id, location.id));
    const onHand = level?.onHand ?? 0;
    const reserved = level?.reserved ?? 0;
    if (location.archivedAt) {
      if (row.onHand === onHand) plan.unchanged++;
      else
        plan.errors.push({
          line: row.line,
          column: "location",
          message: `${location.name} is archived: restore it before importing stock there.`,
        });
      continue;
    }
    if (row.onHand < reserved) {
      plan.errors.push({
        line: row.line,
        column: "on_hand",
        message: `${row.onHand} is below the ${reserved} reserved for approved orders at ${location.name} (available would be ${row.onHand - reserved}). Count at least ${reserved}, or cancel or fulfil those orders first.`,
      });
      continue;
    }
    if (row.onHand === onHand) {
      plan.unchanged++;
      continue;
    }
    plan.changes.push({
      line: row.line,
      sku: product.sku,
      productName: product.name,
      location: location.name,
      from: onHand,
      to: row.onHand,
      productId: product.id,
      locationId: location.id,
    });
  }
  return plan;
}

export async function importStockLevels(ctx: TenantContext, input: ImportStockLevelsInput): Promise<StockImportReport> {
  const { fileName, content, mode, operationId } = parseInput(importFileSchema, input);
  if (!can(ctx.role, "stock.import")) throw AppError.forbidden("Only managers and admins import stock levels.");

  const read = readRows(content);
  const report = (plan: Plan | null, committed: boolean): StockImportReport => ({
    fileName,
    committed,
    rowCount: read.rowCount,
    changes: (plan?.changes ?? []).map(({ productId: _p, locationId: _l, ...change }) => change),
    unchanged: plan?.unchanged ?? 0,
    errors: sortProblems([...read.errors, ...(plan?.errors ?? [])]),
  });
  const imported = await runCsvImport(
    ctx,
    { fileName, content, mode, operationId },
    {
      kind: "STOCK_IMPORT",
      read,
      plan: (tx, lock) => planAgainstDatabase(tx, ctx, read.rows, lock),
      report,
      write: async (tx, plan) => {
        await refuseBesideOpenStocktake(
          tx,
          ctx,
          plan.changes.map((change) => change.locationId),
        );
        const audit = { fileName, rows: read.rowCount, changed: plan.changes.length, unchanged: plan.unchanged };
        if (plan.changes.length === 0) {
          await recordAudit(tx, ctx, {
            action: "stock.imported",
            entityType: "stock_level",
            entityId: null,
            after: audit,
          });
          return;
        }
        const changes: StockChange[] = plan.changes.map((change) => ({
          productId: change.productId,
          locationId: change.locationId,
          quantity: change.to - change.from,
          reason: "ADJUSTMENT",
          guard: "available",
          note: `CSV import ${fileName}`,
        }));
        await applyStockMovements(tx, ctx, {
          changes,
          audit: { action: "stock.imported", entityType: "stock_level", entityId: null, after: audit },
        });
      },
    },
  );
  // Committed: low-stock alerts go out now, not at the next sweep.
  kickOutbox();
  return imported;
}
