// CSV import at 10,000 rows, through the same lib functions the import page calls, on a scratch database:
//   npx tsx bench/csv-import.ts <superuser database URL>
// Provisions its own database (roles, migrations, RLS) with a unique name, imports a generated 10,000-row products
// file (preview, commit as creates, commit again as updates) and a 10,000-row stock file (preview, commit), checks
// the outcome, prints the timings and drops the database. Record the numbers in bench/README.md ("## CSV import").
import { randomBytes, randomUUID } from "node:crypto";
import { register } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { dropDatabase } from "../lib/db/roles";
import { provisionBenchDatabase } from "./provision";

const ROWS = 10_000;

const serverUrl = process.argv[2];
if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) {
  console.error(
    "Usage: npx tsx bench/csv-import.ts <superuser database URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres>",
  );
  process.exit(2);
}

// The lib modules mark themselves server-only; outside Next that marker must resolve to nothing (as in vitest).
const serverOnlyHook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);

const database = `stockflow_bench_csv_${process.pid}_${Date.now().toString(36)}`;

/** Runs `work`, printing its wall time as soon as it is done. */
async function timed<T>(label: string, work: () => Promise<T>, timings: [string, number][]): Promise<T> {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  timings.push([label, ms]);
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
  return result;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

async function main(): Promise<void> {
  const urls = await provisionBenchDatabase(serverUrl!, database);
  Object.assign(process.env, {
    DATABASE_URL: urls.appUrl,
    DATABASE_SYSTEM_URL: urls.systemUrl,
    DATABASE_POOL_SIZE: "4",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    APP_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
  });

  const { createPrismaClient, disconnectAll } = await import("../lib/db/client");
  const { createCompanyFixture } = await import("../tests/factories/company");
  const { importProducts } = await import("../lib/products/import-products");
  const { importStockLevels } = await import("../lib/stock/import-stock-levels");

  const system = createPrismaClient(urls.systemUrl, 2);
  const timings: [string, number][] = [];
  try {
    const company = await createCompanyFixture(system, "bench");
    const { ctx } = company;
    const header = "sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point";
    const productRow = (i: number, name: string) =>
      `B-${String(i).padStart(5, "0")},"${name} ${i}, boxed","Line one\nline two",Category ${i % 40},each,BAR${i},${i % 500}.25,${i % 900}.75,${i % 20}`;
    const products = [header, ...Array.from({ length: ROWS }, (_, i) => productRow(i, "Item"))].join("\r\n");
    const renamed = [header, ...Array.from({ length: ROWS }, (_, i) => productRow(i, "Renamed"))].join("\r\n");
    const counts = [
      "sku,location,on_hand",
      ...Array.from({ length: ROWS }, (_, i) => `B-${String(i).padStart(5, "0")},Main,${(i % 97) + 1}`),
    ].join("\r\n");

    console.log(
      `CSV import benchmark: ${ROWS.toLocaleString("en-US")} rows per file, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
    );
    console.log(
      `Products file ${(Buffer.byteLength(products) / 1024).toFixed(0)} KB, stock file ${(Buffer.byteLength(counts) / 1024).toFixed(0)} KB`,
    );
    // The first query of a process opens connections and warms caches: not part of any import's time.
    await timed(
      "warm-up: preview of a 1-row file",
      () => importProducts(ctx, { fileName: "warm.csv", content: "sku,name\nW-1,Warm", mode: "preview" }),
      [],
    );
    const preview = await timed(
      "products: preview (dry run), 10,000 new",
      () => importProducts(ctx, { fileName: "bench.csv", content: products, mode: "preview" }),
      timings,
    );
    check(preview.creates.length === ROWS && preview.errors.length === 0, "preview of 10,000 new products");
    const created = await timed(
      "products: commit, 10,000 created",
      () =>
        importProducts(ctx, { fileName: "bench.csv", content: products, mode: "commit", operationId: randomUUID() }),
      timings,
    );
    check(created.committed && created.creates.length === ROWS, "10,000 products created");
    const updated = await timed(
      "products: commit, 10,000 updated",
      () => importProducts(ctx, { fileName: "bench.csv", content: renamed, mode: "commit", operationId: randomUUID() }),
      timings,
    );
    check(updated.committed && updated.updates.length === ROWS, "10,000 products updated");
    check(
      (await system.product.count({ where: { companyId: company.companyId, version: 2 } })) === ROWS,
      "versions bumped",
    );

    const stockPreview = await timed(
      "stock: preview (dry run), 10,000 counts",
      () => importStockLevels(ctx, { fileName: "count.csv", content: counts, mode: "preview" }),
      timings,
    );
    check(stockPreview.changes.length === ROWS && stockPreview.errors.length === 0, "preview of 10,000 counts");
    const booked = await timed(
      "stock: commit, 10,000 movements",
      () =>
        importStockLevels(ctx, { fileName: "count.csv", content: counts, mode: "commit", operationId: randomUUID() }),
      timings,
    );
    check(booked.committed && booked.changes.length === ROWS, "10,000 counts booked");
    const movements = await system.stockMovement.count({
      where: { companyId: company.companyId, note: "CSV import count.csv" },
    });
    check(movements === ROWS, "one movement per count");

    const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`  ${"all of the above".padEnd(44)} ${total.toFixed(0).padStart(6)} ms`);
  } finally {
    await system.$disconnect();
    await disconnectAll();
    await dropDatabase(serverUrl!, database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
