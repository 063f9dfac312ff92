// Migrations through Prisma's WASM schema engine (no native engine download):
//   npm run db:migrate                 apply pending migrations (DATABASE_MIGRATE_URL, else the embedded database)
//   npm run db:diff                    print the SQL that would bring the migrations to prisma/schema.prisma
//   npm run db:diff -- --create NAME   write that SQL as a new migration folder
// The diff replays the migrations in a throw-away shadow database, so it needs a server that allows CREATE
// DATABASE: DIFF_DATABASE_URL (a superuser URL), else the embedded server's superuser.
import fs from "node:fs";
import path from "node:path";
import { diffMigrationsToSchema, MIGRATIONS_DIR } from "../lib/db/schema-engine";
import { DATA_DIR, prepareDatabase } from "./lib/database";

const [command, ...rest] = process.argv.slice(2);
const say = (line: string) => console.error(`[migrate] ${line}`);

async function withDatabase<T>(work: (migrateUrl: string) => Promise<T>): Promise<T> {
  const database = await prepareDatabase({
    database: "stockflow",
    dataDir: path.join(DATA_DIR, "postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    log: say,
  });
  try {
    return await work(process.env.DIFF_DATABASE_URL ?? database.superuserUrl ?? database.urls.migrateUrl);
  } finally {
    await database.stop();
  }
}

async function main() {
  if (command === "deploy") {
    await withDatabase(async () => say("Database is up to date"));
    return;
  }
  if (command === "diff") {
    const createIndex = rest.indexOf("--create");
    const name = createIndex >= 0 ? rest[createIndex + 1] : undefined;
    if (createIndex >= 0 && !/^[a-z0-9_]+$/.test(name ?? "")) {
      throw new Error("--create needs a name of lower-case letters, digits and underscores");
    }
    const sql = await withDatabase((url) => diffMigrationsToSchema(url));
    if (!sql) {
      say("schema.prisma and the migrations agree");
      return;
    }
    if (!name) {
      process.stdout.write(`${sql}\n`);
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    say(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, add RLS/grants for new tables`);
    return;
  }
  throw new Error("usage: migrate.ts deploy | diff [--create NAME]");
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
