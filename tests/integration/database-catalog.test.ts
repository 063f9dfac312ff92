// What Prisma's schema diff cannot see — roles, row-level security, grants, CHECK constraints, triggers,
// index order — read back from the database catalog, so a new table or migration that forgets one fails here.
import fs from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { APP_ROLE, SYSTEM_ROLE } from "../../lib/db/roles";
import { PLATFORM_MODELS, TENANT_MODELS } from "../../lib/db/tenant-models";
import { createCompanyFixture } from "../factories/company";
import { ownerPool, systemClient } from "../helpers/db";

let owner: pg.Pool;

beforeAll(() => {
  owner = ownerPool();
});

afterAll(async () => {
  await owner.end();
});

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await owner.query<T>(sql, params)).rows;
}

/** Prisma model name → table name, read from schema.prisma's @@map lines. */
function modelTables(): Map<string, string> {
  const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
  const map = new Map<string, string>();
  for (const match of schema.matchAll(/^model (\w+) \{[\s\S]*?@@map\("(\w+)"\)[\s\S]*?^\}/gm)) {
    map.set(match[1]!, match[2]!);
  }
  return map;
}

async function tablesWithCompanyId(): Promise<string[]> {
  const result = await rows<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'company_id' ORDER BY table_name`,
  );
  return result.map((row) => row.table_name);
}

describe("roles", () => {
  it("the app role is not superuser, cannot bypass RLS and owns nothing", async () => {
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
      "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = $1",
      [APP_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    const owned = await rows(
      "SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)",
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
  });

  it("the system role bypasses RLS but is not superuser and owns nothing", async () => {
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
      [SYSTEM_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: true });
    const owned = await rows(
      "SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)",
      [SYSTEM_ROLE],
    );
    expect(owned).toEqual([]);
  });
});

describe("row-level security", () => {
  it("is enabled and forced on every public table but the migrations table", async () => {
    const tables = await rows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
        ORDER BY c.relname`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(20);
    const unprotected = tables.filter((t) => !t.relrowsecurity || !t.relforcerowsecurity).map((t) => t.relname);
    expect(unprotected).toEqual([]);
  });

  it("every table with company_id has a policy on app_current_company_id() for reads and writes", async () => {
    const policies = await rows<{ tablename: string; qual: string | null; with_check: string | null; cmd: string }>(
      "SELECT tablename, qual, with_check, cmd FROM pg_policies WHERE schemaname = 'public'",
    );
    for (const table of await tablesWithCompanyId()) {
      const policy = policies.find((p) => p.tablename === table);
      expect(policy, `${table} has a policy`).toBeDefined();
      expect(policy!.cmd, table).toBe("ALL");
      expect(policy!.qual, table).toMatch(/company_id = app_current_company_id\(\)/);
      expect(policy!.with_check, table).toMatch(/company_id = app_current_company_id\(\)/);
    }
    const companies = policies.find((p) => p.tablename === "companies");
    expect(companies?.qual).toMatch(/id = app_current_company_id\(\)/);
    const users = policies.find((p) => p.tablename === "users");
    expect(users?.qual).toMatch(/memberships/);
    expect(users?.qual).toMatch(/app_current_company_id\(\)/);
  });

  it("platform tables have no policy, so nothing but the system role reads them", async () => {
    const tables = modelTables();
    const platformTables = PLATFORM_MODELS.map((model) => tables.get(model));
    const policies = await rows("SELECT tablename FROM pg_policies WHERE tablename = ANY($1)", [platformTables]);
    expect(policies).toEqual([]);
  });
});

describe("tenant models", () => {
  it("lib/db/tenant-models.ts lists exactly the tables that carry company_id", async () => {
    const tables = modelTables();
    const declared = TENANT_MODELS.map((model) => tables.get(model)).sort();
    expect(declared).not.toContain(undefined);
    expect(declared).toEqual(await tablesWithCompanyId());
  });

  it("every model is classified: tenant, platform, or one of the two global roots", () => {
    const classified = new Set<string>([...TENANT_MODELS, ...PLATFORM_MODELS, "Company", "User"]);
    expect([...modelTables().keys()].filter((model) => !classified.has(model))).toEqual([]);
  });
});

describe("indexes", () => {
  // Indexes that serve cross-company work done by the system client, each with its reason.
  const NOT_LEADING_WITH_COMPANY: Record<string, string> = {
    memberships_user_id_idx: "sign-in and the company switcher look up a user's memberships across companies",
    email_outbox_status_next_attempt_at_idx: "the delivery worker's queue spans all companies",
    one_time_tokens_token_hash_key: "a token is redeemed before anyone is signed in",
    one_time_tokens_expires_at_idx: "the clean-up job removes expired tokens of every company",
  };

  it("every index on a table with company_id leads with it (primary keys and listed exceptions aside)", async () => {
    const indexes = await rows<{ table: string; index: string; first: string; primary: boolean }>(
      `SELECT t.relname AS table, i.relname AS index, a.attname AS first, x.indisprimary AS primary
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE n.nspname = 'public' AND t.relname = ANY($1)`,
      [await tablesWithCompanyId()],
    );
    expect(indexes.length).toBeGreaterThan(20);
    const offenders = indexes
      .filter((ix) => !ix.primary && ix.first !== "company_id" && !(ix.index in NOT_LEADING_WITH_COMPANY))
      .map((ix) => `${ix.table}.${ix.index}`);
    expect(offenders).toEqual([]);
    // The allowlist names real indexes (a renamed one must be re-justified).
    for (const name of Object.keys(NOT_LEADING_WITH_COMPANY)) {
      expect(
        indexes.map((ix) => ix.index),
        name,
      ).toContain(name);
    }
  });

  it("one default location per company (partial unique index)", async () => {
    const [index] = await rows<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'locations_one_default_per_company'",
    );
    expect(index?.indexdef).toMatch(/UNIQUE INDEX .* \(company_id\) WHERE is_default/);
  });

  it("SKUs and barcodes are unique per company regardless of case, except rows flagged as old duplicates", async () => {
    const indexes = await rows<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename = 'products' AND indexname IN ('products_company_id_sku_key_key', 'products_company_id_barcode_key_key')
        ORDER BY indexname`,
    );
    expect(indexes.map((ix) => ix.indexdef)).toEqual([
      expect.stringMatching(/UNIQUE INDEX .* \(company_id, barcode_key\) WHERE \(NOT barcode_conflict\)/),
      expect.stringMatching(/UNIQUE INDEX .* \(company_id, sku_key\) WHERE \(NOT sku_conflict\)/),
    ]);
    const generated = await rows<{ column_name: string; generation_expression: string }>(
      `SELECT column_name, generation_expression FROM information_schema.columns
        WHERE table_name = 'products' AND is_generated = 'ALWAYS' ORDER BY column_name`,
    );
    expect(generated).toEqual([
      { column_name: "barcode_key", generation_expression: "lower((barcode)::text)" },
      { column_name: "sku_key", generation_expression: "lower((sku)::text)" },
    ]);
  });
});

describe("constraints and triggers", () => {
  it("the CHECK constraints exist", async () => {
    const checks = await rows<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
    );
    const byName = Object.fromEntries(checks.map((c) => [c.conname, c.def]));
    expect(byName.stock_levels_on_hand_non_negative).toMatch(/on_hand >= 0/);
    expect(byName.stock_levels_reserved_non_negative).toMatch(/reserved >= 0/);
    expect(byName.stock_movements_quantity_non_zero).toMatch(/quantity <> 0/);
    expect(byName.stock_movements_balance_non_negative).toMatch(/balance_after >= 0/);
    expect(byName.order_lines_quantity_positive).toMatch(/quantity > 0/);
    expect(byName.users_email_normalised).toMatch(/lower/);
  });

  it("and hold: stock never goes below zero, even for the system role", async () => {
    const system: PrismaClient = systemClient(1);
    try {
      const fixture = await createCompanyFixture(system, "check");
      await expect(
        system.stockLevel.updateMany({ where: { companyId: fixture.companyId }, data: { onHand: -1 } }),
      ).rejects.toThrow();
      await expect(
        system.stockLevel.updateMany({ where: { companyId: fixture.companyId }, data: { reserved: -1 } }),
      ).rejects.toThrow();
      await expect(
        system.user.create({ data: { email: "Mixed@Case.test", name: "x", passwordHash: "x" } }),
      ).rejects.toThrow();
      const level = await system.stockLevel.findFirstOrThrow({ where: { companyId: fixture.companyId } });
      expect(level).toMatchObject({ onHand: 10, reserved: 0 });
    } finally {
      await system.$disconnect();
    }
  });

  it("append-only triggers guard the audit logs and the ledger", async () => {
    const triggers = await rows<{ tgname: string; table: string }>(
      `SELECT tgname, tgrelid::regclass::text AS table FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers).toEqual(
      expect.arrayContaining([
        { tgname: "audit_logs_append_only", table: "audit_logs" },
        { tgname: "platform_audit_logs_append_only", table: "platform_audit_logs" },
        { tgname: "stock_movements_append_only", table: "stock_movements" },
        { tgname: "products_key_conflicts_insert", table: "products" },
        { tgname: "products_key_conflicts_update", table: "products" },
      ]),
    );
  });
});

describe("grants", () => {
  it("the app role never reads a password hash, but reads the rest of a user", async () => {
    const [grants] = await rows<{ hash: boolean; email: boolean; name: boolean }>(
      `SELECT has_column_privilege($1, 'users', 'password_hash', 'SELECT') AS hash,
              has_column_privilege($1, 'users', 'email', 'SELECT') AS email,
              has_column_privilege($1, 'users', 'name', 'SELECT') AS name`,
      [APP_ROLE],
    );
    expect(grants).toEqual({ hash: false, email: true, name: true });
  });

  it("every users column but the hash is readable by the app role (a new column needs its grant)", async () => {
    const columns = await rows<{ column_name: string; readable: boolean }>(
      `SELECT column_name, has_column_privilege($1, 'users', column_name, 'SELECT') AS readable
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users'`,
      [APP_ROLE],
    );
    const unreadable = columns.filter((c) => !c.readable).map((c) => c.column_name);
    expect(unreadable).toEqual(["password_hash"]);
  });

  it("the app role changes no column of a global user, and no company's status or slug", async () => {
    const columns = await rows<{ table_name: string; column_name: string; updatable: boolean }>(
      `SELECT table_name, column_name, has_column_privilege($1, format('%I', table_name), column_name, 'UPDATE') AS updatable
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('users', 'companies')`,
      [APP_ROLE],
    );
    const updatable = columns
      .filter((c) => c.updatable)
      .map((c) => `${c.table_name}.${c.column_name}`)
      .sort();
    expect(updatable).toEqual([
      "companies.currency",
      "companies.low_stock_alerts",
      "companies.name",
      "companies.require_second_approver",
      "companies.time_zone",
      "companies.updated_at",
    ]);
  });

  it("append-only tables are insert-and-read for the app role", async () => {
    for (const table of ["audit_logs", "stock_movements", "email_outbox"]) {
      const [grants] = await rows<Record<string, boolean>>(
        `SELECT has_table_privilege($1, $2, 'SELECT') AS select, has_table_privilege($1, $2, 'INSERT') AS insert,
                has_table_privilege($1, $2, 'UPDATE') AS update, has_table_privilege($1, $2, 'DELETE') AS delete`,
        [APP_ROLE, table],
      );
      expect(grants, table).toEqual({ select: true, insert: true, update: false, delete: false });
    }
  });

  it("the app role has no privilege on platform tables or the migrations table", async () => {
    const tables = modelTables();
    for (const table of [...PLATFORM_MODELS.map((model) => tables.get(model)!), "_prisma_migrations"]) {
      const [grants] = await rows<{ any: boolean }>(
        `SELECT has_table_privilege($1, $2, 'SELECT') OR has_table_privilege($1, $2, 'INSERT')
             OR has_table_privilege($1, $2, 'UPDATE') OR has_table_privilege($1, $2, 'DELETE') AS any`,
        [APP_ROLE, table],
      );
      expect(grants!.any, table).toBe(false);
    }
  });
});
