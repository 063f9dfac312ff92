// The demo seed is what a new user sees first: it must be a consistent, living system. The ledger invariant
// (on_hand = sum of movements = the last balance) and the reservation rule are checked from the raw tables. Its
// accounts share a published password: a server other machines can reach refuses to start until each is changed
// (lib/platform/open-demo.ts), and a second run changes no account.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "../../lib/accounts/change-password";
import { verifyPassword } from "../../lib/auth/passwords";
import type { PrismaClient } from "../../lib/db/client";
import { openDemoRefusal } from "../../lib/platform/open-demo";
import { ledgerValuationTotalSql, valuationTotalSql } from "../../lib/reports/valuation-query";
import { resetMemberPassword } from "../../lib/users/reset-member-password";
import { createSession } from "../../lib/auth/sessions";
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_PLATFORM_ADMIN, demoEmail, seedDemo } from "../../prisma/seed";
import { totalsMismatches } from "../factories/stock";
import { superuserClient, superuserPool, systemClient } from "../helpers/db";

let system: PrismaClient;
let owner: pg.Pool;
let created: string[];

beforeAll(async () => {
  system = systemClient();
  owner = superuserPool();
  created = await seedDemo(system);
}, 120_000);

afterAll(async () => {
  await Promise.all([system.$disconnect(), owner.end()]);
});

describe.each(DEMO_COMPANIES)("demo company $name", ({ slug }) => {
  let companyId: string;

  beforeAll(async () => {
    companyId = (await system.company.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  });

  it("has an admin, a manager and two staff, and two locations with one default", async () => {
    const roles = await system.membership.groupBy({ by: ["role"], where: { companyId }, _count: true });
    expect(Object.fromEntries(roles.map((r) => [r.role, r._count]))).toEqual({ ADMIN: 1, MANAGER: 1, STAFF: 2 });
    const locations = await system.location.findMany({ where: { companyId }, select: { isDefault: true } });
    expect(locations).toHaveLength(2);
    expect(locations.filter((l) => l.isDefault)).toHaveLength(1);
    expect(await system.product.count({ where: { companyId } })).toBeGreaterThanOrEqual(35);
  });

  it("keeps the ledger invariant for every product × location", async () => {
    const { rows } = await owner.query(
      `SELECT l.product_id, l.location_id, l.on_hand,
              (SELECT coalesce(sum(m.quantity), 0)::int FROM stock_movements m
                WHERE m.company_id = l.company_id AND m.product_id = l.product_id AND m.location_id = l.location_id) AS ledger,
              (SELECT m.balance_after FROM stock_movements m
                WHERE m.company_id = l.company_id AND m.product_id = l.product_id AND m.location_id = l.location_id
                ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_balance
         FROM stock_levels l WHERE l.company_id = $1`,
      [companyId],
    );
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(row.ledger, `${row.product_id}@${row.location_id}`).toBe(row.on_hand);
      expect(row.last_balance, `${row.product_id}@${row.location_id}`).toBe(row.on_hand);
    }
    const orphanMovements = await owner.query(
      `SELECT count(*)::int AS n FROM stock_movements m WHERE m.company_id = $1 AND NOT EXISTS
         (SELECT 1 FROM stock_levels l WHERE l.company_id = m.company_id AND l.product_id = m.product_id AND l.location_id = m.location_id)`,
      [companyId],
    );
    expect(orphanMovements.rows[0].n).toBe(0);
  });

  it("keeps every product's stock totals: the sums over its stock rows, its prices, values and reorder point", async () => {
    // Seeding runs as the system role, with no tenant context: the totals' triggers keep them all the same. (Read by
    // the superuser: the system role holds no grant on the totals.)
    const superuser = superuserClient(1);
    try {
      expect(await superuser.productStockTotal.count({ where: { companyId } })).toBe(
        await superuser.product.count({ where: { companyId } }),
      );
      expect(await totalsMismatches(superuser, companyId)).toEqual([]);
    } finally {
      await superuser.$disconnect();
    }
  });

  it("values its past days from the rollups exactly as from the ledger", async () => {
    const superuser = superuserClient(1);
    try {
      for (const daysAgo of [1, 10, 29, 31]) {
        const [row] = await superuser.$queryRaw<{ date: string; time_zone: string }[]>`
          SELECT to_char((now() AT TIME ZONE c.time_zone)::date - ${daysAgo}::int, 'YYYY-MM-DD') AS date, c.time_zone
            FROM companies c WHERE c.id = ${companyId}::uuid`;
        const day = { companyId, date: row!.date, timeZone: row!.time_zone };
        const [rolled] = await superuser.$queryRaw<{ total: string }[]>(valuationTotalSql(day));
        const [ledger] = await superuser.$queryRaw<{ total: string }[]>(ledgerValuationTotalSql(day));
        expect({ daysAgo, total: rolled?.total }).toEqual({ daysAgo, total: ledger!.total });
      }
    } finally {
      await superuser.$disconnect();
    }
  });

  it("reserves exactly the approved customer orders, within stock", async () => {
    const { rows } = await owner.query(
      `SELECT l.product_id, l.location_id, l.on_hand, l.reserved,
              (SELECT coalesce(sum(ol.approved_quantity - ol.fulfilled_quantity), 0)::int FROM order_lines ol
                 JOIN order_requests o ON o.company_id = ol.company_id AND o.id = ol.order_id
                WHERE o.company_id = l.company_id AND o.status IN ('APPROVED', 'PARTIALLY_FULFILLED')
                  AND o.type = 'CUSTOMER_ORDER'
                  AND ol.product_id = l.product_id AND o.location_id = l.location_id) AS approved
         FROM stock_levels l WHERE l.company_id = $1`,
      [companyId],
    );
    for (const row of rows) {
      expect(row.reserved, `${row.product_id}@${row.location_id}`).toBe(row.approved);
      expect(row.reserved).toBeLessThanOrEqual(row.on_hand);
    }
    expect(rows.some((row) => row.reserved > 0)).toBe(true);
  });

  it("has requests in every status, numbered without gaps, with fulfilled ones linked to their movements", async () => {
    const orders = await system.orderRequest.findMany({
      where: { companyId },
      select: { number: true, status: true, type: true, _count: { select: { movements: true, lines: true } } },
      orderBy: { number: "asc" },
    });
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(["PENDING", "APPROVED", "PARTIALLY_FULFILLED", "REJECTED", "FULFILLED", "CANCELLED"]),
    );
    expect(orders.map((o) => o.number)).toEqual(orders.map((_, i) => i + 1));
    const counter = await system.orderRequestCounter.findUniqueOrThrow({ where: { companyId } });
    expect(counter.lastNumber).toBe(orders.length);
    for (const order of orders) {
      expect(order._count.lines).toBeGreaterThan(0);
      const moved = order.status === "FULFILLED" || order.status === "PARTIALLY_FULFILLED";
      expect(order._count.movements, `REQ-${order.number}`).toBe(moved ? order._count.lines : 0);
    }
    // Each line's fulfilled quantity is what its movements moved; a partly fulfilled request has some still to come.
    const { rows: lines } = await owner.query(
      `SELECT o.status, ol.quantity, ol.approved_quantity, ol.fulfilled_quantity,
              (SELECT coalesce(sum(abs(m.quantity)), 0)::int FROM stock_movements m
                WHERE m.company_id = ol.company_id AND m.order_id = ol.order_id AND m.product_id = ol.product_id) AS moved
         FROM order_lines ol JOIN order_requests o ON o.company_id = ol.company_id AND o.id = ol.order_id
        WHERE ol.company_id = $1`,
      [companyId],
    );
    for (const line of lines) {
      expect(line.moved).toBe(line.fulfilled_quantity);
      if (line.status === "PARTIALLY_FULFILLED") expect(line.fulfilled_quantity).toBeLessThan(line.approved_quantity);
      if (line.status === "FULFILLED") expect(line.fulfilled_quantity).toBe(line.quantity);
      if (line.status === "PENDING" || line.status === "REJECTED") expect(line.approved_quantity).toBeNull();
    }
  });
});

describe("seedDemo", () => {
  it("created both companies once, and a second run creates nothing", async () => {
    expect(created.sort()).toEqual(["acme", "northwind"]);
    expect(await seedDemo(system)).toEqual([]);
  });
});

describe("a demo on the network", () => {
  const PUBLIC = { host: "0.0.0.0", trustProxy: 0, appUrl: "https://stock.example.com" };
  const LOOPBACK = { host: "127.0.0.1", trustProxy: 0, appUrl: "http://localhost:3000" };
  const NEW_PASSWORD = "quiet-harbour-lantern-42";
  const TEMPORARY = "bright-cedar-window-58";
  const companyEmails = DEMO_COMPANIES.flatMap((company) => company.people.map((p) => demoEmail(company, p.local)));
  const allEmails = [DEMO_PLATFORM_ADMIN.email, ...companyEmails];
  const idOf = async (email: string) => (await system.user.findUniqueOrThrow({ where: { email } })).id;

  it("refuses a reachable server, naming every demo account, and says how to fix it", async () => {
    const refusal = await openDemoRefusal(system, PUBLIC);
    expect(refusal).not.toBeNull();
    for (const email of allEmails) expect(refusal).toContain(email);
    expect(refusal).toContain("HOST=0.0.0.0");
    expect(refusal).toContain("APP_URL=https://stock.example.com");
    expect(refusal).toMatch(/change those passwords/);
    expect(refusal).toContain("HOST=127.0.0.1");
  });

  it("lets the same database start on this machine only", async () => {
    expect(await openDemoRefusal(system, LOOPBACK)).toBeNull();
  });

  it("stops naming an account once its password is changed or reset, and starts when none is left", async () => {
    const [platformAdmin, ...people] = allEmails;
    const platformAdminId = await idOf(platformAdmin!);
    await changePassword(
      { userId: platformAdminId, companyId: null, sessionId: await createSession(platformAdminId, {}), request: {} },
      { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    );
    const afterOne = await openDemoRefusal(system, PUBLIC);
    expect(afterOne).not.toContain(platformAdmin);
    for (const email of people) expect(afterOne).toContain(email);

    // Northwind's admin resets one member's password to a temporary one; everyone else changes their own.
    const northwind = DEMO_COMPANIES[0]!;
    const company = await system.company.findUniqueOrThrow({ where: { slug: northwind.slug } });
    const adminEmail = demoEmail(northwind, "admin");
    const resetEmail = demoEmail(northwind, "staff2");
    const membership = await system.membership.findFirstOrThrow({
      where: { companyId: company.id, user: { email: resetEmail } },
    });
    await resetMemberPassword(
      { companyId: company.id, userId: await idOf(adminEmail), email: adminEmail, role: "ADMIN" },
      { membershipId: membership.id, temporaryPassword: TEMPORARY },
    );
    expect(await openDemoRefusal(system, PUBLIC)).not.toContain(resetEmail);

    for (const email of people.filter((e) => e !== resetEmail)) {
      const userId = await idOf(email);
      await changePassword(
        { userId, companyId: null, sessionId: await createSession(userId, {}), request: {} },
        { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      );
    }
    expect(await openDemoRefusal(system, PUBLIC)).toBeNull();
  });

  it("a second run re-grants no revoked platform role and resets no changed password", async () => {
    const platformAdminId = await idOf(DEMO_PLATFORM_ADMIN.email);
    await system.user.update({ where: { id: platformAdminId }, data: { isPlatformAdmin: false } });

    expect(await seedDemo(system)).toEqual([]);

    const after = await system.user.findUniqueOrThrow({ where: { id: platformAdminId } });
    expect(after.isPlatformAdmin).toBe(false);
    expect(after.demoPassword).toBe(false);
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    const admin = await system.user.findUniqueOrThrow({ where: { email: demoEmail(DEMO_COMPANIES[1]!, "admin") } });
    expect(await verifyPassword(admin.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await openDemoRefusal(system, PUBLIC)).toBeNull();
  });
});
