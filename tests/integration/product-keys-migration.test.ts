// Migration 20261206020000_product_keys_any_case on a database that already holds SKUs and barcodes differing only
// in letter case (what the exact-case unique indexes allowed): it must apply without failing, flag every row of a
// colliding group (nothing merged, nothing dropped), protect every other row at once, and keep the flagged rows
// readable and resolvable. Run in a scratch database of its own, stopped just before the migration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { urlFor } from "../../lib/db/roles";
import { applyMigrations, MIGRATIONS_DIR } from "../../lib/db/schema-engine";
import { testDatabase } from "../helpers/db";

const MIGRATION = "20261206020000_product_keys_any_case";
const database = `${testDatabase.database}_keys`;
const url = urlFor(testDatabase.serverUrl, { database });
let server: pg.Client;
let db: pg.Client;
let earlier: string;

beforeAll(async () => {
  server = new pg.Client({ connectionString: testDatabase.serverUrl });
  await server.connect();
  await server.query(`CREATE DATABASE ${server.escapeIdentifier(database)}`);
  // The migrations folder as it was before this one.
  earlier = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const entry of fs.readdirSync(MIGRATIONS_DIR)) {
    if (entry >= MIGRATION && !entry.endsWith(".toml")) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, entry), path.join(earlier, entry), { recursive: true });
  }
  await applyMigrations(url, earlier);
  db = new pg.Client({ connectionString: url });
  await db.connect();
}, 60_000);

afterAll(async () => {
  await db?.end();
  await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(database)} WITH (FORCE)`);
  await server.end();
  fs.rmSync(earlier, { recursive: true, force: true });
});

async function company(slug: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO companies (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id::text",
    [slug],
  );
  return rows[0]!.id;
}

async function product(companyId: string, sku: string, barcode: string | null = null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO products (id, company_id, sku, name, barcode, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $2, $3, now()) RETURNING id::text`,
    [companyId, sku, barcode],
  );
  return rows[0]!.id;
}

it("flags the colliding rows, protects the rest at once, and lets the flagged ones be read and resolved", async () => {
  const a = await company("keys-a");
  const b = await company("keys-b");
  const ids = {
    upper: await product(a, "BOLT-M8-40", "EAN-1"),
    lower: await product(a, "bolt-m8-40", "ean-2"),
    mixed: await product(a, "Bolt-M8-40"),
    nut: await product(a, "NUT-M6", "ean-1"),
    washer: await product(a, "WASHER", "EAN-3"),
    plain: await product(a, "PLAIN"),
    otherCompany: await product(b, "bolt-m8-40", "EAN-1"),
  };

  // The first migration applied now is this one (later ones follow it).
  expect((await applyMigrations(url))[0]).toBe(MIGRATION);

  const { rows } = await db.query<{ id: string; sku: string; barcode: string | null; s: boolean; b: boolean }>(
    "SELECT id::text, sku, barcode, sku_conflict AS s, barcode_conflict AS b FROM products",
  );
  const state = Object.fromEntries(rows.map((row) => [row.id, row]));
  // Every row is still there with the spelling it had.
  expect(rows).toHaveLength(7);
  expect(state[ids.lower]).toMatchObject({ sku: "bolt-m8-40", barcode: "ean-2" });
  // The three spellings of one SKU are one group; EAN-1 and ean-1 another; the rest, and company B, are clean.
  const flags = (id: string) => [state[id]!.s, state[id]!.b];
  expect(flags(ids.upper)).toEqual([true, true]);
  expect(flags(ids.lower)).toEqual([true, false]);
  expect(flags(ids.mixed)).toEqual([true, false]);
  expect(flags(ids.nut)).toEqual([false, true]);
  expect(flags(ids.washer)).toEqual([false, false]);
  expect(flags(ids.plain)).toEqual([false, false]);
  expect(flags(ids.otherCompany)).toEqual([false, false]);

  // Every unflagged value is protected at once, in any case, per company.
  await expect(product(a, "washer")).rejects.toMatchObject({ code: "23505" });
  await expect(product(a, "new", "ean-3")).rejects.toMatchObject({ code: "23505" });
  await expect(product(b, "BOLT-M8-40")).rejects.toMatchObject({ code: "23505" });
  expect(await product(b, "washer")).toBeTruthy();
  // Nobody can record a new conflict: not on insert, not on update.
  await expect(
    db.query(
      `INSERT INTO products (id, company_id, sku, name, updated_at, sku_conflict)
       VALUES (gen_random_uuid(), $1, 'sneaky', 'sneaky', now(), true)`,
      [a],
    ),
  ).rejects.toMatchObject({ code: "23514" });
  await expect(db.query("UPDATE products SET sku_conflict = true WHERE id = $1", [ids.washer])).rejects.toMatchObject({
    code: "23514",
  });

  // Resolving: a flagged row given another value leaves the list, and the index judges its new value.
  await expect(db.query("UPDATE products SET sku = 'WASHER' WHERE id = $1", [ids.mixed])).rejects.toMatchObject({
    code: "23505",
  });
  await db.query("UPDATE products SET sku = 'BOLT-M8-40-B' WHERE id = $1", [ids.mixed]);
  const { rows: after } = await db.query<{ sku_conflict: boolean }>("SELECT sku_conflict FROM products WHERE id = $1", [
    ids.mixed,
  ]);
  expect(after).toEqual([{ sku_conflict: false }]);
});
