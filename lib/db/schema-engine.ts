// Prisma's schema engine compiled to WebAssembly, driven through @prisma/adapter-pg: migrations and schema diffs
// without the native engine binary, which the Prisma CLI would download (impossible offline and in air-gapped
// deployments). The migrations folder keeps Prisma's format and the same `_prisma_migrations` table, so
// `prisma migrate deploy` stays usable wherever the native engine exists.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { DiffTarget, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** The pieces of adapter-pg's (unexported) adapter class that the fixes below touch. */
interface PgAdapterInternals {
  client: { query(sql: string): Promise<unknown> };
  performIO(...args: unknown[]): Promise<{ fields?: { dataTypeID: number }[]; rows: unknown[] }>;
  queryRaw(...args: unknown[]): Promise<{ columnTypes: number[]; rows: unknown[] }>;
  executeScript(script: string): Promise<void>;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * Two fixes to adapter-pg for the schema engine's use:
 * - executeScript splits on ";", which breaks DO $$ … $$ blocks and functions: send the whole migration as one
 *   simple-protocol query, as the native engine does;
 * - adapter-pg cannot map pg_catalog's one-byte "char" columns (contype, relkind, …), which the schema describer
 *   reads as Character: let adapter-pg see text, then report those columns as Character.
 */
function patchAdapter<T>(adapter: T): T {
  const internals = adapter as unknown as PgAdapterInternals;
  const charColumns = new WeakMap<unknown[], number[]>();
  const performIO = internals.performIO.bind(internals);
  internals.performIO = async (...args) => {
    const result = await performIO(...args);
    const indexes: number[] = [];
    result.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    if (indexes.length > 0) charColumns.set(result.rows, indexes);
    return result;
  };
  const queryRaw = internals.queryRaw.bind(internals);
  internals.queryRaw = async (...args) => {
    const result = await queryRaw(...args);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  internals.executeScript = async (script) => {
    await internals.client.query(script);
  };
  return adapter;
}

function adapterFactory(url: string) {
  const u = new URL(url);
  // Discrete fields, not connectionString: pg lets connectionString win over the `database` that the shadow
  // database connection sets.
  const config = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchAdapter(await connect());
  // adapter-pg drops the shadow database while its own pool still holds connections to it (55006):
  // end the pool first, then drop.
  factory.connectToShadowDb = async () => {
    const main = patchAdapter(await connect());
    const name = `prisma_shadow_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = patchAdapter(await new PrismaPg({ ...config, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE "${name}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let engineModule: Promise<EngineModule> | undefined;

/** The wasm-bindgen glue keeps module-level state (memory views): instantiate the WASM once per process. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })();
  return engineModule;
}

/** Creates an engine for `url`, runs `work`, and frees it. */
async function withEngine<T>(url: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory(url));
  // A Rust panic inside the engine reports its message here before the call rejects.
  let panic = "";
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message: string) => {
      panic = message;
    },
  };
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(message);
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: [[SCHEMA_PATH, fs.readFileSync(SCHEMA_PATH, "utf8")]] },
      log,
      factory,
    );
    return await work(engine);
  } catch (error) {
    if (panic) throw new Error(`Prisma schema engine panicked: ${panic}`);
    throw explain(error, factory);
  } finally {
    engine?.free();
  }
}

/** The engine reports adapter failures as "External error id#N": fetch the real error from the registry. */
function explain(error: unknown, factory: ReturnType<typeof bindMigrationAwareSqlAdapterFactory>): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /External error id#(\d+)/.exec(message);
  if (match) {
    const cause = factory.errorRegistry.consumeError(Number(match[1]));
    return new Error(`${message}: ${JSON.stringify(cause?.error ?? cause)}`);
  }
  return error instanceof Error ? error : new Error(message);
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const dirs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(dir, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

/**
 * Applies the pending migrations (like `prisma migrate deploy`) and returns their names. `dir` is for tests that
 * stop at an earlier migration to put data in its way.
 */
export async function applyMigrations(url: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that would bring the migrations' schema to schema.prisma; empty when they agree. Replays the
 * migrations in a throw-away shadow database on the server behind `url` (which must allow CREATE DATABASE).
 */
export async function diffMigrationsToSchema(
  url: string,
  schema = fs.readFileSync(SCHEMA_PATH, "utf8"),
): Promise<string> {
  return diff(url, { tag: "migrations", ...readMigrations() }, schemaTarget(schema));
}

/** The SQL that creates schema.prisma from an empty database (for a first migration). */
export async function diffEmptyToSchema(url: string): Promise<string> {
  return diff(url, { tag: "empty" }, schemaTarget());
}

function schemaTarget(schema = fs.readFileSync(SCHEMA_PATH, "utf8")): DiffTarget {
  return { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] };
}

async function diff(url: string, from: DiffTarget, to: DiffTarget): Promise<string> {
  return withEngine(url, async (engine) => {
    const result = await engine.diff({ from, to, script: true, exitCode: null, filters: NO_FILTERS });
    const sql = (result.stdout ?? "").trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  });
}
