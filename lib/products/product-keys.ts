// SKUs and barcodes are unique per company regardless of letter case, and keep the spelling they were typed with
// (migration 20261206020000_product_keys_any_case). The database keeps the lower-cased value in sku_key and
// barcode_key; everything that matches a SKU or barcode — the forms' checks, the imports, a scan — compares those,
// lower-casing what it looks for in SQL too, so both sides are folded by the same rule.
//
// Rows that already shared a value when the rule arrived are flagged (sku_conflict, barcode_conflict) and left out
// of the partial unique indexes until someone resolves them. So a lookup is written as two halves, each served by an
// index that row-level security lets the planner use: the unique index for unflagged rows, the flagged-rows index
// for the others. A plain `sku_key = …` would read every product of the company.
import "server-only";
import { Prisma } from "../db/generated/client";
import type { TenantTx } from "../db/tenant";
import type { FieldErrors } from "../errors";

export type ProductKey = "sku" | "barcode";

const COLUMNS = {
  sku: { key: Prisma.raw("sku_key"), flag: Prisma.raw("sku_conflict") },
  barcode: { key: Prisma.raw("barcode_key"), flag: Prisma.raw("barcode_conflict") },
} as const;

/** Rows of products `p` whose SKU (or barcode) is one of `values`, in any letter case. */
export function keyMatches(key: ProductKey, values: string[]): Prisma.Sql {
  const { key: column, flag } = COLUMNS[key];
  const folded = Prisma.sql`ARRAY(SELECT lower(v) FROM unnest(${values}::text[]) AS v)`;
  return Prisma.sql`((NOT p.${flag} AND p.${column} = ANY(${folded})) OR (p.${flag} AND p.${column} = ANY(${folded})))`;
}

/** `values` lower-cased by PostgreSQL, as sku_key and barcode_key are: what to match the stored keys against. */
export async function foldKeys(tx: TenantTx, values: string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const [row] = await tx.$queryRaw<{ keys: string[] }[]>`
    SELECT ARRAY(SELECT lower(v) FROM unnest(${values}::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i) AS keys`;
  return row!.keys;
}

export interface KeyHolder {
  id: string;
  sku: string;
  name: string;
  barcode: string | null;
  archived: boolean;
  skuMatch: boolean;
  barcodeMatch: boolean;
}

/** The products other than `exceptId` that already hold this SKU or barcode, in any letter case. */
export async function findKeyHolders(
  tx: TenantTx,
  companyId: string,
  values: { sku?: string | null; barcode?: string | null },
  exceptId?: string,
): Promise<KeyHolder[]> {
  const skus = values.sku ? [values.sku] : [];
  const barcodes = values.barcode ? [values.barcode] : [];
  if (skus.length === 0 && barcodes.length === 0) return [];
  return tx.$queryRaw<KeyHolder[]>`
    SELECT p.id::text, p.sku, p.name, p.barcode, p.archived,
           p.sku_key = lower(${values.sku ?? null}::text) AS "skuMatch",
           coalesce(p.barcode_key = lower(${values.barcode ?? null}::text), false) AS "barcodeMatch"
      FROM products p
     WHERE p.company_id = ${companyId}::uuid AND (${keyMatches("sku", skus)} OR ${keyMatches("barcode", barcodes)})
       AND (${exceptId ?? null}::uuid IS NULL OR p.id <> ${exceptId ?? null}::uuid)
     ORDER BY p.id
     LIMIT 4`;
}

const describe = (holder: KeyHolder) => `${holder.name}${holder.archived ? " (archived)" : ""}`;

/**
 * The field errors for a SKU or barcode that other products already hold, naming them; null when none does. The
 * same letters in another case are the same value, and the message shows the spelling the other product has.
 */
export function keyClashErrors(
  values: { sku?: string | null; barcode?: string | null },
  holders: KeyHolder[],
): FieldErrors | null {
  const fieldErrors: FieldErrors = {};
  const skuHolder = holders.find((holder) => holder.skuMatch);
  const barcodeHolder = holders.find((holder) => holder.barcodeMatch);
  if (skuHolder && values.sku) {
    fieldErrors.sku = [
      skuHolder.sku === values.sku
        ? `SKU ${values.sku} is already used by ${describe(skuHolder)}.`
        : `SKU ${values.sku} is already used by ${describe(skuHolder)} as ${skuHolder.sku}: letter case does not make another SKU.`,
    ];
  }
  if (barcodeHolder && values.barcode) {
    fieldErrors.barcode = [
      barcodeHolder.barcode === values.barcode
        ? `Barcode ${values.barcode} is already used by ${describe(barcodeHolder)}.`
        : `Barcode ${values.barcode} is already used by ${describe(barcodeHolder)} as ${barcodeHolder.barcode}: letter case does not make another barcode.`,
    ];
  }
  return Object.keys(fieldErrors).length > 0 ? fieldErrors : null;
}

/**
 * Locks a flagged product's group — itself and every row flagged with the same SKU or barcode key — in id order
 * (the order every path locks products in), so two people resolving one group take turns and the second sees what
 * the first left.
 */
export async function lockConflictGroup(
  tx: TenantTx,
  companyId: string,
  product: { skuKey: string; barcodeKey: string | null; skuConflict: boolean; barcodeConflict: boolean },
): Promise<void> {
  await tx.$executeRaw`
    SELECT 1 FROM products p
     WHERE p.company_id = ${companyId}::uuid
       AND ((${product.skuConflict}::boolean AND p.sku_conflict AND p.sku_key = ${product.skuKey})
            OR (${product.barcodeConflict}::boolean AND p.barcode_conflict AND p.barcode_key = ${product.barcodeKey}::text))
     ORDER BY p.id
       FOR NO KEY UPDATE`;
}

/**
 * Clears the flag of every row of these keys that no longer shares its value with another row (the last of a group
 * once the others were renamed): from now on the unique index protects it. Returns the ids it cleared.
 */
export async function settleConflicts(
  tx: TenantTx,
  companyId: string,
  keys: { sku: string | null; barcode: string | null },
): Promise<string[]> {
  const cleared: string[] = [];
  for (const key of ["sku", "barcode"] as const) {
    const value = keys[key];
    if (value === null) continue;
    const { key: column, flag } = COLUMNS[key];
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE products AS p SET ${flag} = false
       WHERE p.company_id = ${companyId}::uuid AND p.${flag} AND p.${column} = ${value}
         AND NOT EXISTS (
           SELECT 1 FROM products q
            WHERE q.company_id = p.company_id AND q.id <> p.id
              AND ((NOT q.${flag} AND q.${column} = ${value}) OR (q.${flag} AND q.${column} = ${value})))
      RETURNING p.id::text`;
    cleared.push(...rows.map((row) => row.id));
  }
  return cleared;
}
