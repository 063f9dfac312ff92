import { defineConfig } from "prisma/config";

// The Prisma CLI is used for `generate` only (scripts/prisma-generate.mjs); migrations run through
// scripts/migrate.ts with Prisma's WASM schema engine, which reads the same folder.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_MIGRATE_URL ?? process.env.DATABASE_URL ?? "" },
});
