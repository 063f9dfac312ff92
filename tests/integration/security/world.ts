// The world the security suite acts in: a database of its own on the test server (so a snapshot of every table sees
// only what this file's calls did), two companies with a member of each role, and a platform administrator who is
// a member of none. The roles are the cluster's, so they keep the passwords tests/setup/global-database.ts gave them.
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../../../lib/db/client";
import { dropDatabase, provisionDatabase, urlFor, type DatabaseUrls } from "../../../lib/db/roles";
import { FORBIDDEN_AUDIT_ACTION } from "../../../lib/audit/record-forbidden";
import { orderTeam, type OrderTeam } from "../../factories/orders";
import { addMember, type MemberFixture } from "../../factories/users";
import { testDatabase } from "../../helpers/db";

export const CALLERS = ["signedOut", "staff", "manager", "admin", "platformAdmin"] as const;
export type Caller = (typeof CALLERS)[number];

export interface Company {
  team: OrderTeam;
  companyId: string;
  staff: MemberFixture;
  manager: MemberFixture;
  admin: { userId: string; email: string; membershipId: string };
  /** A member no caller is: the one member actions aim at. */
  target: MemberFixture;
  locationId: string;
  /** A second location, active, to transfer to and archive. */
  spareLocationId: string;
  /** A third location, archived, to restore. */
  archivedLocationId: string;
  productId: string;
  /** An active supplier and customer (the fixture's), and an archived supplier to restore. */
  supplierId: string;
  customerId: string;
  archivedSupplierId: string;
  orderId: string;
  /** A stocktake being counted, with the product counted on it; and one counted and waiting to be booked. */
  openStocktakeId: string;
  countedStocktakeId: string;
  invitationId: string;
  /** A session of the company's admin: someone else's session to every other caller. */
  sessionId: string;
}

export interface World {
  urls: DatabaseUrls;
  database: string;
  system: PrismaClient;
  pool: pg.Pool;
  /** The callers' company. */
  a: Company;
  /** Another company: its ids are what a caller of A tries. */
  b: Company;
  platformAdmin: { userId: string; email: string };
  drop: () => Promise<void>;
}

async function company(system: PrismaClient, label: string): Promise<Company> {
  const team = await orderTeam(system, label);
  const { fixture } = team;
  const target = await addMember(system, fixture.companyId, { role: "STAFF", label: "target" });
  const suffix = randomUUID().slice(0, 6);
  const spare = await system.location.create({
    data: { companyId: fixture.companyId, name: `Yard ${suffix}` },
    select: { id: true },
  });
  const archived = await system.location.create({
    data: { companyId: fixture.companyId, name: `Old yard ${suffix}`, archivedAt: new Date() },
    select: { id: true },
  });
  const archivedSupplier = await system.supplier.create({
    data: { companyId: fixture.companyId, name: `Old supplier ${suffix}`, archivedAt: new Date() },
    select: { id: true },
  });
  // Stocktakes at locations of their own, so the one-shot stocktake and starting one at the main location stay open.
  const stocktake = async (number: number, counted: boolean) => {
    const location = await system.location.create({
      data: { companyId: fixture.companyId, name: `Shelf ${number} ${suffix}` },
      select: { id: true },
    });
    const now = new Date();
    const created = await system.stocktake.create({
      data: {
        companyId: fixture.companyId,
        number,
        locationId: location.id,
        createdById: fixture.admin.id,
        ...(counted && { status: "COUNTED", version: 2, finishedById: fixture.admin.id, finishedAt: now }),
      },
      select: { id: true },
    });
    await system.stocktakeLine.create({
      data: {
        companyId: fixture.companyId,
        stocktakeId: created.id,
        productId: fixture.productId,
        counted: 3,
        expected: 0,
        countedById: fixture.admin.id,
        countedAt: now,
      },
    });
    return created.id;
  };
  const openStocktakeId = await stocktake(2, false);
  const countedStocktakeId = await stocktake(3, true);
  // The pending request is the target member's: no caller is its requester.
  await system.orderRequest.update({ where: { id: fixture.orderId }, data: { requesterId: target.userId } });
  const session = await system.session.create({
    data: { userId: fixture.admin.id, expiresAt: new Date(Date.now() + 86_400_000) },
    select: { id: true },
  });
  const invitation = await system.oneTimeToken.findFirstOrThrow({
    where: { companyId: fixture.companyId, purpose: "INVITATION" },
    select: { id: true },
  });
  return {
    team,
    companyId: fixture.companyId,
    staff: team.staff,
    manager: team.manager,
    admin: { userId: fixture.admin.id, email: fixture.admin.email, membershipId: fixture.membershipId },
    target,
    locationId: fixture.locationId,
    spareLocationId: spare.id,
    archivedLocationId: archived.id,
    productId: fixture.productId,
    supplierId: fixture.supplierId,
    customerId: fixture.customerId,
    archivedSupplierId: archivedSupplier.id,
    orderId: fixture.orderId,
    openStocktakeId,
    countedStocktakeId,
    invitationId: invitation.id,
    sessionId: session.id,
  };
}

export async function createWorld(label: string): Promise<World> {
  const database = `stockflow_${label}_${process.pid}_${Date.now().toString(36)}`;
  const urls = await provisionDatabase({
    serverUrl: testDatabase.serverUrl,
    database,
    ownerPassword: "stockflow-test-owner",
    appPassword: "stockflow-test-app",
    systemPassword: "stockflow-test-system",
    fresh: true,
  });
  const superuserUrl = urlFor(testDatabase.serverUrl, { database });
  const system = createPrismaClient(superuserUrl, 3);
  const pool = new pg.Pool({ connectionString: superuserUrl, max: 2 });
  // Dropping the database at the end ends its connections.
  pool.on("error", () => {});
  const a = await company(system, "sec-a");
  const b = await company(system, "sec-b");
  const platformAdmin = await system.user.create({
    data: {
      email: `platform-${randomUUID().slice(0, 8)}@security.test`,
      name: "Platform operator",
      passwordHash: "not-a-real-hash",
      isPlatformAdmin: true,
      // A platform administrator administers once their address is confirmed (lib/platform/require-platform-admin.ts).
      emailVerifiedAt: new Date(),
    },
    select: { id: true, email: true },
  });
  return {
    urls,
    database,
    system,
    pool,
    a,
    b,
    platformAdmin: { userId: platformAdmin.id, email: platformAdmin.email },
    drop: async () => {
      await system.$disconnect();
      await pool.end();
      await dropDatabase(testDatabase.serverUrl, database);
    },
  };
}

/** The user a caller is (none signed out); `company` names whose member. */
export function userOf(world: World, caller: Caller, company: Company = world.a): string | null {
  switch (caller) {
    case "signedOut":
      return null;
    case "platformAdmin":
      return world.platformAdmin.userId;
    case "admin":
      return company.admin.userId;
    default:
      return company[caller].userId;
  }
}

/**
 * What the database holds, as one digest per table: every row of every table but the bookkeeping a refused request
 * still writes by design (rate-limit buckets, the sessions a request touches, the audit row of a refusal).
 */
export async function snapshot(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('_prisma_migrations', 'rate_limit_buckets', 'sessions')
      ORDER BY table_name`,
  );
  const union = tables
    .map(({ name }) => {
      const filter = name === "audit_logs" ? ` WHERE t.action <> '${FORBIDDEN_AUDIT_ACTION}'` : "";
      // The outbox runner sends (or gives up on) queued emails in the background: which emails exist is the state.
      const row = name === "email_outbox" ? "t.id::text" : "t::text";
      return `SELECT '${name}' AS name, coalesce(string_agg(md5(${row}), ',' ORDER BY md5(${row})), '') AS rows FROM "${name}" t${filter}`;
    })
    .join(" UNION ALL ");
  const { rows } = await pool.query<{ name: string; rows: string }>(union);
  return Object.fromEntries(rows.map((r) => [r.name, createHash("sha256").update(r.rows).digest("hex").slice(0, 16)]));
}
