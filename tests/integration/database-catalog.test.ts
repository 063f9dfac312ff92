// What Prisma's schema diff cannot see — roles, ownership, row-level security, grants, CHECK constraints, triggers,
// index order, keys that shard by company — read back from the database catalog, so a new table or migration that
// forgets one fails here.
import fs from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { APP_ROLE, OWNER_ROLE, SEARCH_ROLE, SYSTEM_ROLE } from "../../lib/db/roles";
import { PLATFORM_MODELS, TENANT_MODELS } from "../../lib/db/tenant-models";
import { createCompanyFixture } from "../factories/company";
import { asCompany, ownerRolePool, superuserClient, superuserPool } from "../helpers/db";
import { EXPECTED_FUNCTION_PRIVILEGES, EXPECTED_TABLE_PRIVILEGES, type RoleGrants } from "./expected-privileges";
import { TABLE_PLACEMENT } from "./table-placement";

let superuser: pg.Pool;

beforeAll(() => {
  superuser = superuserPool();
});

afterAll(async () => {
  await superuser.end();
});

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await superuser.query<T>(sql, params)).rows;
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

  it("the search role cannot log in, bypasses RLS, is not superuser, owns only the search functions, and only the owner role is a member", async () => {
    const [role] = await rows<{
      rolcanlogin: boolean;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
    }>("SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = $1", [SEARCH_ROLE]);
    expect(role).toEqual({ rolcanlogin: false, rolsuper: false, rolbypassrls: true, rolcreaterole: false });
    // Ownership of every kind of object in this database is recorded in pg_shdepend.
    const owned = await rows<{ object: string }>(
      `SELECT pg_describe_object(d.classid, d.objid, d.objsubid) AS object FROM pg_shdepend d
        WHERE d.refclassid = 'pg_authid'::regclass AND d.refobjid = $1::regrole AND d.deptype = 'o'
          AND d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [SEARCH_ROLE],
    );
    expect(owned.map((row) => row.object).sort()).toEqual([
      "function search_product_ids(text,integer)",
      "function search_product_ids_by_name(text,boolean,text,uuid,integer,integer)",
    ]);
    const members = await rows<{ member: string }>(
      "SELECT member::regrole::text AS member FROM pg_auth_members WHERE roleid = $1::regrole",
      [SEARCH_ROLE],
    );
    expect(members).toEqual([{ member: OWNER_ROLE }]);
    const [reach] = await rows<{ app: boolean; system: boolean }>(
      "SELECT pg_has_role($1, $3, 'MEMBER') AS app, pg_has_role($2, $3, 'MEMBER') AS system",
      [APP_ROLE, SYSTEM_ROLE, SEARCH_ROLE],
    );
    expect(reach).toEqual({ app: false, system: false });
  });

  it("the only SECURITY DEFINER functions are the search functions and the stock totals' triggers, with their search_path pinned", async () => {
    const definers = await rows<{ name: string; config: string[] | null; owner: string }>(
      `SELECT p.oid::regprocedure::text AS name, p.proconfig AS config, p.proowner::regrole::text AS owner
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef ORDER BY 1`,
    );
    // The totals' trigger functions run as the owner (FORCE row-level security binds it) so that the app role needs
    // no write grant on product_stock_totals; they are trigger functions, which nobody can call directly.
    expect(definers).toEqual([
      {
        name: "product_stock_totals_average_from_movements()",
        config: ["search_path=pg_catalog, pg_temp"],
        owner: OWNER_ROLE,
      },
      { name: "product_stock_totals_from_products()", config: ["search_path=pg_catalog, pg_temp"], owner: OWNER_ROLE },
      {
        name: "product_stock_totals_from_stock_levels()",
        config: ["search_path=pg_catalog, pg_temp"],
        owner: OWNER_ROLE,
      },
      { name: "search_product_ids(text,integer)", config: ["search_path=pg_catalog, pg_temp"], owner: SEARCH_ROLE },
      {
        name: "search_product_ids_by_name(text,boolean,text,uuid,integer,integer)",
        config: ["search_path=pg_catalog, pg_temp"],
        owner: SEARCH_ROLE,
      },
    ]);
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
    push_outbox_status_next_attempt_at_idx: "the push delivery worker's queue spans all companies",
    push_subscriptions_session_id_idx:
      "a session ending (sign-out, prune) deletes its devices' subscriptions in any company",
    one_time_tokens_token_hash_key: "a token is redeemed before anyone is signed in",
    one_time_tokens_expires_at_idx: "the clean-up job removes expired tokens of every company",
    one_time_tokens_email_purpose_idx: "forgot-password retires an address's unused links, which belong to no company",
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
    expect(byName.products_pack_size_range).toMatch(
      /pack_size IS NULL\) OR \(\(pack_size >= 2\) AND \(pack_size <= 100000\)/,
    );
    expect(byName.stocktakes_status_known).toMatch(/STARTED.*COUNTED.*BOOKED.*CANCELLED/);
    expect(byName.stocktake_lines_counted_non_negative).toMatch(/counted >= 0/);
    expect(byName.stocktake_lines_expected_non_negative).toMatch(/expected >= 0/);
    expect(byName.stocktake_lines_recount_known).toMatch(/NONE.*REQUESTED.*DONE/);
  });

  it("one open stocktake per location, and a stocktake's steps and counts hold even for a superuser", async () => {
    const [index] = await rows<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'stocktakes_one_open_per_location'",
    );
    expect(index?.indexdef).toMatch(/UNIQUE INDEX .* \(company_id, location_id\) WHERE .*STARTED.*COUNTED/);
    const superuser: PrismaClient = superuserClient(1);
    try {
      const fixture = await createCompanyFixture(superuser, "stocktake-check");
      const at = { companyId: fixture.companyId, locationId: fixture.locationId, createdById: fixture.admin.id };
      // The fixture's stocktake is booked: one may open at its location, but not a second beside it.
      const open = await superuser.stocktake.create({ data: { ...at, number: 2 }, select: { id: true } });
      await expect(superuser.stocktake.create({ data: { ...at, number: 3 } })).rejects.toThrow();
      // Booked without saying who booked it, or when.
      await expect(
        superuser.stocktake.update({
          where: { companyId_id: { companyId: fixture.companyId, id: open.id } },
          data: { status: "BOOKED" },
        }),
      ).rejects.toThrow();
      await expect(superuser.stocktake.create({ data: { ...at, number: 4, status: "LOST" } })).rejects.toThrow();
      const line = { companyId: fixture.companyId, stocktakeId: fixture.stocktakeId, productId: fixture.productId };
      await expect(superuser.stocktakeLine.updateMany({ where: line, data: { counted: -1 } })).rejects.toThrow();
      // A count without its snapshot.
      await expect(superuser.stocktakeLine.updateMany({ where: line, data: { expected: null } })).rejects.toThrow();
      // A flag with no count it was raised on.
      await expect(
        superuser.stocktakeLine.updateMany({ where: line, data: { recount: "REQUESTED" } }),
      ).rejects.toThrow();
      expect(await superuser.stocktakeLine.findFirstOrThrow({ where: line })).toMatchObject({
        counted: 10,
        expected: 10,
        recount: "NONE",
      });
    } finally {
      await superuser.$disconnect();
    }
  });

  it("and hold: stock never goes below zero, even for a superuser", async () => {
    const superuser: PrismaClient = superuserClient(1);
    try {
      const fixture = await createCompanyFixture(superuser, "check");
      await expect(
        superuser.stockLevel.updateMany({ where: { companyId: fixture.companyId }, data: { onHand: -1 } }),
      ).rejects.toThrow();
      await expect(
        superuser.stockLevel.updateMany({ where: { companyId: fixture.companyId }, data: { reserved: -1 } }),
      ).rejects.toThrow();
      await expect(
        superuser.user.create({ data: { email: "Mixed@Case.test", name: "x", passwordHash: "x" } }),
      ).rejects.toThrow();
      const level = await superuser.stockLevel.findFirstOrThrow({ where: { companyId: fixture.companyId } });
      expect(level).toMatchObject({ onHand: 10, reserved: 0 });
    } finally {
      await superuser.$disconnect();
    }
  });

  it("foreign keys from the ledger and the audit logs neither cascade nor set null", async () => {
    const keys = await rows<{ table: string; key: string; on_delete: string; on_update: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS key, confdeltype AS on_delete, confupdtype AS on_update
         FROM pg_constraint
        WHERE contype = 'f' AND conrelid::regclass::text IN ('stock_movements', 'audit_logs', 'platform_audit_logs')`,
    );
    expect(keys.length).toBeGreaterThanOrEqual(6);
    // r = RESTRICT, a = NO ACTION: the delete (or key change) of a referenced row is refused.
    const cascading = keys.filter((k) => !"ra".includes(k.on_delete) || !"ra".includes(k.on_update));
    expect(cascading).toEqual([]);
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
        { tgname: "audit_logs_owner_deletes", table: "audit_logs" },
        { tgname: "audit_logs_owner_truncates", table: "audit_logs" },
        { tgname: "platform_audit_logs_owner_deletes", table: "platform_audit_logs" },
        { tgname: "platform_audit_logs_owner_truncates", table: "platform_audit_logs" },
        { tgname: "stock_movements_owner_deletes", table: "stock_movements" },
        { tgname: "stock_movements_owner_truncates", table: "stock_movements" },
        { tgname: "products_key_conflicts_insert", table: "products" },
        { tgname: "products_key_conflicts_update", table: "products" },
        { tgname: "audit_logs_actor_snapshot", table: "audit_logs" },
        { tgname: "audit_logs_entity_snapshot", table: "audit_logs" },
        { tgname: "memberships_deactivation_snapshot", table: "memberships" },
        { tgname: "order_requests_whole_quantities", table: "order_requests" },
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
      "companies.staff_see_money",
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

describe("ownership", () => {
  it("the owner role owns the database and every object in it but the search function, and is neither superuser nor exempt from RLS", async () => {
    const [database] = await rows<{ owner: string }>(
      "SELECT datdba::regrole::text AS owner FROM pg_database WHERE datname = current_database()",
    );
    expect(database).toEqual({ owner: OWNER_ROLE });
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
      [OWNER_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    // Tables, indexes, sequences, functions and enums alike; objects of extensions belong to the extension.
    const ownedByOthers = await rows<{ object: string; owner: string }>(
      `SELECT o.object, o.owner::regrole::text AS owner
         FROM (SELECT c.oid::regclass::text AS object, c.relowner AS owner, 'pg_class'::regclass AS catalog, c.oid
                 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
               UNION ALL
               SELECT p.oid::regprocedure::text, p.proowner, 'pg_proc'::regclass, p.oid
                 FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
               UNION ALL
               SELECT t.oid::regtype::text, t.typowner, 'pg_type'::regclass, t.oid
                 FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')) o
        WHERE o.owner <> $1::regrole
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e')`,
      [OWNER_ROLE],
    );
    expect(ownedByOthers).toEqual([
      { object: "search_product_ids(text,integer)", owner: SEARCH_ROLE },
      { object: "search_product_ids_by_name(text,boolean,text,uuid,integer,integer)", owner: SEARCH_ROLE },
    ]);
  });

  it("FORCE row-level security binds the owner: no company's rows without a tenant context, only its own with one", async () => {
    const superuserPrisma = superuserClient(1);
    const owner = ownerRolePool(1);
    try {
      // Each fixture holds a row in every tenant table of its time; B's are there to be hidden.
      const a = await createCompanyFixture(superuserPrisma, "own-a");
      await createCompanyFixture(superuserPrisma, "own-b");
      const visible: Record<string, { none: number; others: number }> = {};
      const own: Record<string, number> = {};
      for (const table of await tablesWithCompanyId()) {
        const client = await owner.connect();
        try {
          const none = await asCompany(client, null, () => client.query(`SELECT count(*)::int AS n FROM "${table}"`));
          const seen = await asCompany(client, a.companyId, () =>
            client.query(
              `SELECT count(*) FILTER (WHERE company_id = $1)::int AS own,
                      count(*) FILTER (WHERE company_id IS DISTINCT FROM $1)::int AS others
                 FROM "${table}"`,
              [a.companyId],
            ),
          );
          visible[table] = { none: none.rows[0].n, others: seen.rows[0].others };
          own[table] = seen.rows[0].own;
        } finally {
          client.release();
        }
      }
      expect(visible).toEqual(Object.fromEntries(Object.keys(visible).map((table) => [table, { none: 0, others: 0 }])));
      // … while in A's context the owner does see A's rows: the zeros above are row-level security, not emptiness.
      expect(own).toMatchObject({ products: 1, stock_movements: 1, audit_logs: 1, memberships: 1 });
    } finally {
      await Promise.all([superuserPrisma.$disconnect(), owner.end()]);
    }
  });
});

describe("privileges", () => {
  const ROLES = { app: APP_ROLE, system: SYSTEM_ROLE, search: SEARCH_ROLE } as const;
  const ORDER = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "USAGE", "EXECUTE"];
  const sorted = (grants: string[]) =>
    [...grants].sort((x, y) => ORDER.indexOf(x.split("(")[0]!) - ORDER.indexOf(y.split("(")[0]!) || x.localeCompare(y));

  /** object → role → grants, from (object, role, privilege, column) rows; column grants become "UPDATE(a, b)". */
  function grantsByObject(
    objects: string[],
    granted: { object: string; role: string; privilege: string; column: string | null }[],
  ): Record<string, RoleGrants> {
    const result: Record<string, RoleGrants> = {};
    for (const object of objects) {
      const grants = { app: [] as string[], system: [] as string[], search: [] as string[] };
      for (const key of Object.keys(ROLES) as (keyof typeof ROLES)[]) {
        const mine = granted.filter((g) => g.object === object && g.role === ROLES[key]);
        const columns = new Map<string, string[]>();
        for (const g of mine) {
          if (g.column === null) grants[key].push(g.privilege);
          else columns.set(g.privilege, [...(columns.get(g.privilege) ?? []), g.column]);
        }
        for (const [privilege, names] of columns) grants[key].push(`${privilege}(${names.sort().join(", ")})`);
        grants[key] = sorted(grants[key]);
      }
      result[object] = grants as RoleGrants;
    }
    return result;
  }

  /** Readable differences: what the database grants beyond the expected table, and what it lacks. */
  function differences(actual: Record<string, RoleGrants>, expected: Record<string, RoleGrants>): string[] {
    const found: string[] = [];
    for (const object of [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort()) {
      if (!(object in expected)) {
        found.push(`${object}: not in expected-privileges.ts (the database grants ${JSON.stringify(actual[object])})`);
        continue;
      }
      if (!(object in actual)) {
        found.push(`${object}: in expected-privileges.ts but not in the database`);
        continue;
      }
      for (const role of Object.keys(ROLES) as (keyof typeof ROLES)[]) {
        const has = new Set<string>(actual[object]![role]);
        const wanted = new Set<string>(expected[object]![role] ?? []);
        for (const grant of has) if (!wanted.has(grant)) found.push(`${object}: ${role} has ${grant}, not expected`);
        for (const grant of wanted) if (!has.has(grant)) found.push(`${object}: ${role} lacks ${grant}, expected`);
      }
    }
    return found;
  }

  it("every table, view and sequence grants the app, system and search roles exactly expected-privileges.ts", async () => {
    const objects = await rows<{ name: string }>(
      `SELECT relname AS name FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    const granted = await rows<{ object: string; role: string; privilege: string; column: string | null }>(
      `SELECT c.relname AS object, r.rolname AS role, a.privilege_type AS privilege, NULL AS column
         FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE c.relnamespace = 'public'::regnamespace AND r.rolname = ANY($1)
       UNION ALL
       SELECT c.relname, r.rolname, a.privilege_type, att.attname
         FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
        CROSS JOIN LATERAL aclexplode(att.attacl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE c.relnamespace = 'public'::regnamespace AND att.attnum > 0 AND NOT att.attisdropped
          AND r.rolname = ANY($1)`,
      [Object.values(ROLES)],
    );
    const actual = grantsByObject(
      objects.map((o) => o.name),
      granted,
    );
    expect(differences(actual, EXPECTED_TABLE_PRIVILEGES)).toEqual([]);
  });

  it("every function of the schema runs for exactly the roles expected-privileges.ts names", async () => {
    const functions = await rows<{ name: string; public: boolean }>(
      `SELECT p.oid::regprocedure::text AS name,
              EXISTS (SELECT FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0)
                AS public
         FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                             AND d.deptype = 'e')`,
    );
    // PUBLIC is every role: a function it may run is a function the app role may run.
    expect(functions.filter((f) => f.public).map((f) => f.name)).toEqual([]);
    const granted = await rows<{ object: string; role: string; privilege: string; column: null }>(
      `SELECT p.oid::regprocedure::text AS object, r.rolname AS role, a.privilege_type AS privilege, NULL AS column
         FROM pg_proc p CROSS JOIN LATERAL aclexplode(p.proacl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE p.pronamespace = 'public'::regnamespace AND r.rolname = ANY($1)`,
      [Object.values(ROLES)],
    );
    const actual = grantsByObject(
      functions.map((f) => f.name),
      granted,
    );
    expect(differences(actual, EXPECTED_FUNCTION_PRIVILEGES)).toEqual([]);
  });

  it("PUBLIC holds nothing on a table; the roles inherit nothing and may only use the schema", async () => {
    const toPublic = await rows(
      `SELECT c.relname FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
        WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 0`,
    );
    expect(toPublic).toEqual([]);
    const memberships = await rows(
      `SELECT m.member::regrole::text AS member, m.roleid::regrole::text AS role FROM pg_auth_members m
        WHERE m.member = ANY($1::regrole[])`,
      [Object.values(ROLES)],
    );
    expect(memberships).toEqual([]);
    const schema = await rows(
      `SELECT r AS role, has_schema_privilege(r, 'public', 'USAGE') AS usage, has_schema_privilege(r, 'public', 'CREATE') AS create
         FROM unnest($1::text[]) AS r ORDER BY r`,
      [Object.values(ROLES)],
    );
    expect(schema).toEqual(
      Object.values(ROLES)
        .sort()
        .map((role) => ({ role, usage: true, create: false })),
    );
  });
});

describe("keys that shard by company", () => {
  // Distributing by company (Citus) needs company_id in every primary key and unique constraint of a tenant table,
  // and in every foreign key between two tenant tables. The keys below predate the rule. This list only shrinks: a
  // new key must include company_id, and a key that is fixed (or dropped) must leave the list, or the test fails.
  const EXCEPTIONS = new Set<string>([
    // Primary keys on the uuid alone (tenant foreign keys already go through company_id and a unique (company_id, id)).
    "audit_logs.audit_logs_pkey",
    "customers.customers_pkey",
    "email_outbox.email_outbox_pkey",
    "locations.locations_pkey",
    "memberships.memberships_pkey",
    "one_time_tokens.one_time_tokens_pkey",
    "order_lines.order_lines_pkey",
    "order_requests.order_requests_pkey",
    "products.products_pkey",
    "stock_levels.stock_levels_pkey",
    "stock_movements.stock_movements_pkey",
    "suppliers.suppliers_pkey",
    // A link is redeemed before anyone is signed in, so its hash is looked up across companies.
    "one_time_tokens.one_time_tokens_token_hash_key",
  ]);

  it("every primary key, unique index and foreign key between tenant tables includes company_id", async () => {
    const tenantTables = await tablesWithCompanyId();
    const keys = await rows<{ key: string; ok: boolean }>(
      `SELECT t.relname || '.' || i.relname AS key,
              (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'company_id')
                = ANY(x.indkey::int2[]) AS ok
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
        WHERE x.indisunique AND t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
       UNION ALL
       SELECT c.conrelid::regclass::text || '.' || c.conname,
              EXISTS (SELECT FROM unnest(c.conkey, c.confkey) AS k(col, ref)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
                        JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.ref
                       WHERE a.attname = 'company_id' AND r.attname = 'company_id')
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND c.conrelid::regclass::text = ANY($1) AND c.confrelid::regclass::text = ANY($1)`,
      [tenantTables],
    );
    expect(keys.length).toBeGreaterThan(30);
    const offending = keys.filter((k) => !k.ok).map((k) => k.key);
    expect(offending.filter((key) => !EXCEPTIONS.has(key)).sort(), "keys without company_id").toEqual([]);
    expect(
      [...EXCEPTIONS].filter((key) => !offending.includes(key)).sort(),
      "exceptions no longer needed: remove them",
    ).toEqual([]);
  });

  it("every table has a place on the way past one database, and docs/scaling.md names each key to widen", async () => {
    const tables = await rows<{ table: string; company_id: "none" | "nullable" | "not null" }>(
      `SELECT c.relname AS table,
              CASE WHEN a.attname IS NULL THEN 'none' WHEN a.attnotnull THEN 'not null' ELSE 'nullable' END AS company_id
         FROM pg_class c
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        ORDER BY c.relname`,
    );
    expect(tables.map((t) => t.table)).toEqual(Object.keys(TABLE_PLACEMENT).sort());
    // Citus distributes a table by a column that is never NULL.
    const distributedWithoutCompany = tables
      .filter((t) => TABLE_PLACEMENT[t.table]!.placement === "distributed" && t.company_id !== "not null")
      .map((t) => t.table);
    expect(distributedWithoutCompany).toEqual([]);
    // The keys to widen are those of distributed tables; the plan names each one.
    const plan = fs.readFileSync("docs/scaling.md", "utf8");
    const toWiden = [...EXCEPTIONS].filter((key) => TABLE_PLACEMENT[key.split(".")[0]!]!.placement === "distributed");
    expect(toWiden.filter((key) => !plan.includes(`\`${key}\``))).toEqual([]);
  });
});
