// schema.prisma and prisma/migrations must describe the same database: the migrations are replayed in a
// shadow database and diffed against the schema. (RLS, grants, CHECKs and triggers are invisible to this diff;
// database-catalog.test.ts covers them.)
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema, SCHEMA_PATH } from "../../lib/db/schema-engine";
import { testDatabase } from "../helpers/db";

// The shadow database needs CREATE DATABASE: the server's superuser URL.
const url = testDatabase.serverUrl;

describe("schema drift", () => {
  it("the migrations produce exactly schema.prisma", { timeout: 120_000 }, async () => {
    expect(await diffMigrationsToSchema(url)).toBe("");
  });

  it("a schema change without a migration is caught", { timeout: 120_000 }, async () => {
    const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
    const changed = schema.replace(/(model Supplier \{\n)/, "$1  nickname String?\n");
    expect(changed).not.toBe(schema);
    const sql = await diffMigrationsToSchema(url, changed);
    expect(sql).toMatch(/ALTER TABLE "suppliers" ADD COLUMN\s+"nickname" TEXT/);
  });
});
