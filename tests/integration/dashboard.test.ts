// The company dashboard (issue 7) against a hand-computed fixture: every number expected below is written out from
// the scenario, not computed by the dashboard's queries. Also: the daily rollup the dashboard reads equals a
// from-scratch aggregation of the ledger after a mix of real operations (and a rebuild), concurrent operations lose
// no update of it, and another company's numbers never show.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { rebuildStockMovementDays } from "../../lib/dashboard/stock-movement-days";
import { getDashboard, type Dashboard } from "../../lib/dashboard/get-dashboard";
import { AppError } from "../../lib/errors";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import type { MovementReason } from "../../lib/db/generated/enums";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { applyStockMovements } from "../../lib/stock/apply-stock-movements";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { transferStock } from "../../lib/stock/transfer-stock";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import {
  approvedOrder,
  createOrder,
  fulfilledOrder,
  orderTeam,
  pricedProduct,
  type OrderTeam,
} from "../factories/orders";
import { createTestLocation, receiveStock } from "../factories/stock";
import { addMember } from "../factories/users";
import { appRolePool, asCompany, superuserClient, systemClient } from "../helpers/db";

let system: PrismaClient;
let app: pg.Pool;

beforeAll(() => {
  system = superuserClient(4);
  app = appRolePool(2);
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.end()]);
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Today in a time zone, "YYYY-MM-DD" (en-CA writes dates that way). */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The `days` entries a chart of the last `days` days must have, oldest first: zeros except the days listed, each
 * given as days before today → [movements in, movements out].
 */
function expectedSeries(today: string, days: number, busy: Record<number, [number, number]>) {
  return Array.from({ length: days }, (_, i) => {
    const ago = days - 1 - i;
    const [movementsIn, movementsOut] = busy[ago] ?? [0, 0];
    return { day: addDays(today, -ago), movementsIn, movementsOut };
  });
}

async function product(
  fixture: CompanyFixture,
  name: string,
  prices: { cost: string; sale: string; reorderPoint: number },
): Promise<{ id: string }> {
  return system.product.create({
    data: {
      companyId: fixture.companyId,
      sku: `D-${uniqueSuffix()}`,
      name,
      costPrice: prices.cost,
      salePrice: prices.sale,
      reorderPoint: prices.reorderPoint,
    },
    select: { id: true },
  });
}

interface PastMovement {
  productId: string;
  locationId: string;
  quantity: number;
  reason: MovementReason;
  /** The company's calendar day and local time of the movement. */
  day: string;
  time: string;
}

/**
 * Books movements on past days. The ledger always books "now", so these are written around it, as the demo seed
 * does: each movement with its time and its balance, its stock row moved by the same quantity (on_hand still equals
 * the sum of the movements), and then the company's rollup rebuilt from its ledger (rebuildStockMovementDays). What
 * the dashboard must show for them is written out by hand in the tests.
 */
async function bookInThePast(fixture: CompanyFixture, utcOffsetHours: number, movements: PastMovement[]) {
  const at = (m: PastMovement) => new Date(Date.parse(`${m.day}T${m.time}:00.000Z`) - utcOffsetHours * HOUR);
  const ordered = [...movements].sort((a, b) => at(a).getTime() - at(b).getTime());
  await system.$transaction(async (tx) => {
    for (const m of ordered) {
      const key = { companyId: fixture.companyId, productId: m.productId, locationId: m.locationId };
      const level = await tx.stockLevel.findUnique({
        where: { companyId_productId_locationId: key },
        select: { onHand: true },
      });
      const onHand = (level?.onHand ?? 0) + m.quantity;
      if (level) await tx.stockLevel.update({ where: { companyId_productId_locationId: key }, data: { onHand } });
      else await tx.stockLevel.create({ data: { ...key, onHand } });
      await tx.stockMovement.create({
        data: {
          ...key,
          quantity: m.quantity,
          balanceAfter: onHand,
          reason: m.reason,
          createdAt: at(m),
        },
      });
    }
  });
  await rebuildStockMovementDays(system, fixture.companyId);
}

describe("the dashboard of a company in Tokyo (UTC+9, no daylight saving)", () => {
  const TZ = "Asia/Tokyo";
  let team: OrderTeam;
  let fixture: CompanyFixture;
  let today: string;
  let shop: { id: string };
  const p = {} as Record<"alpha" | "bravo" | "charlie" | "delta" | "echo" | "foxtrot" | "golf", { id: string }>;
  const orders: Record<string, string> = {};
  /** When each pending request was raised (set below). */
  const raisedAt: Record<string, Date> = {};

  beforeAll(async () => {
    team = await orderTeam(system, "dash", { timeZone: TZ });
    fixture = team.fixture;
    today = todayIn(TZ);
    const main = fixture.locationId;
    shop = await createTestLocation(system, fixture.companyId, { name: "Shop" });
    // Besides the company fixture's own Widget: 10 on hand at Main (cost 2.50, sale 4.00, no reorder point), booked
    // as opening stock today, and its pending request REQ-000001 by the admin.
    p.alpha = await product(fixture, "Alpha bolts", { cost: "2.00", sale: "3.50", reorderPoint: 40 });
    p.bravo = await product(fixture, "Bravo nuts", { cost: "0.50", sale: "1.25", reorderPoint: 0 });
    p.charlie = await product(fixture, "Charlie tape", { cost: "10.00", sale: "15.00", reorderPoint: 10 });
    p.delta = await product(fixture, "Delta glue", { cost: "4.00", sale: "6.00", reorderPoint: 8 });
    p.echo = await product(fixture, "Echo hinge", { cost: "1.00", sale: "2.00", reorderPoint: 3 });
    p.foxtrot = await product(fixture, "Foxtrot rivets", { cost: "1.00", sale: "1.50", reorderPoint: 0 });
    p.golf = await product(fixture, "Golf washers", { cost: "3.00", sale: "5.00", reorderPoint: 0 });

    const on = (ago: number, time: string) => ({ day: addDays(today, -ago), time });
    await bookInThePast(fixture, 9, [
      { productId: p.delta.id, locationId: main, quantity: 20, reason: "RECEIVED", ...on(95, "10:00") },
      { productId: p.alpha.id, locationId: main, quantity: 100, reason: "RECEIVED", ...on(40, "10:00") },
      // 01:00 in Tokyo is 16:00 UTC the day before: by UTC this would fall outside the 30 days.
      { productId: p.alpha.id, locationId: main, quantity: -30, reason: "SHIPPED", ...on(29, "01:00") },
      { productId: p.bravo.id, locationId: main, quantity: 50, reason: "RECEIVED", ...on(10, "12:00") },
      { productId: p.charlie.id, locationId: shop.id, quantity: 12, reason: "INITIAL", ...on(10, "12:00") },
      { productId: p.bravo.id, locationId: main, quantity: -20, reason: "SHIPPED", ...on(10, "18:00") },
      { productId: p.alpha.id, locationId: main, quantity: -45, reason: "SHIPPED", ...on(3, "09:00") },
      { productId: p.charlie.id, locationId: shop.id, quantity: -4, reason: "ADJUSTMENT", ...on(3, "09:00") },
      { productId: p.bravo.id, locationId: main, quantity: -10, reason: "TRANSFER_OUT", ...on(3, "09:30") },
      { productId: p.bravo.id, locationId: shop.id, quantity: 10, reason: "TRANSFER_IN", ...on(3, "09:30") },
      { productId: p.foxtrot.id, locationId: main, quantity: 5, reason: "RECEIVED", ...on(2, "10:00") },
      { productId: p.golf.id, locationId: main, quantity: 5, reason: "RECEIVED", ...on(2, "10:00") },
      { productId: p.foxtrot.id, locationId: main, quantity: -1, reason: "SHIPPED", ...on(2, "15:00") },
      { productId: p.golf.id, locationId: main, quantity: -2, reason: "SHIPPED", ...on(2, "15:00") },
      // 08:30 in Tokyo is 23:30 UTC two days ago.
      { productId: p.delta.id, locationId: main, quantity: -13, reason: "SHIPPED", ...on(1, "08:30") },
    ]);
    await system.product.update({ where: { id: p.delta.id }, data: { archived: true, archivedAt: new Date() } });

    // Today, through the real ledger: 15 Alpha received, 10 Alpha moved to the shop, 5 Bravo shipped on a request.
    await receiveStock(fixture, p.alpha.id, main, 15);
    await transferStock(team.manager.ctx, {
      operationId: randomUUID(),
      productId: p.alpha.id,
      fromLocationId: main,
      toLocationId: shop.id,
      quantity: 10,
    });
    orders.fulfilled = (
      await fulfilledOrder(team.staff.ctx, team.manager.ctx, {
        type: "CUSTOMER_ORDER",
        locationId: main,
        lines: [{ productId: p.bravo.id, quantity: 5 }],
      })
    ).id;

    // Requests: pending ones by several people (their ages set below), one of each closed status.
    const restock = (productId: string) => ({
      type: "RESTOCK" as const,
      locationId: main,
      lines: [{ productId, quantity: 1 }],
    });
    orders.fixture = fixture.orderId;
    orders.staffPending = (await createOrder(team.staff.ctx, restock(p.alpha.id))).id;
    orders.staff2Pending = (await createOrder(team.staff2.ctx, restock(p.charlie.id))).id;
    orders.managerPending = (await createOrder(team.manager.ctx, restock(p.bravo.id))).id;
    orders.rejected = (await createOrder(team.staff.ctx, restock(p.charlie.id))).id;
    await rejectOrderRequest(team.manager.ctx, { orderId: orders.rejected, version: 1, note: "Not this month." });
    orders.approved = (await approvedOrder(team.staff2.ctx, team.manager.ctx, restock(p.alpha.id))).id;
    orders.cancelled = (await createOrder(team.staff.ctx, restock(p.bravo.id))).id;
    await cancelOrderRequest(team.staff.ctx, { orderId: orders.cancelled, version: 1 });
    orders.staff2Recent = (await createOrder(team.staff2.ctx, restock(p.golf.id))).id;
    orders.adminRecent = (await createOrder(fixture.ctx, restock(p.foxtrot.id))).id;
    const now = Date.now();
    const ages: [string, number][] = [
      [orders.managerPending, 7 * DAY],
      [orders.staffPending, 5 * DAY],
      [orders.fixture, 2 * DAY],
      [orders.staff2Pending, DAY],
      [orders.staff2Recent, 3 * HOUR],
      [orders.adminRecent, HOUR],
    ];
    for (const [id, age] of ages) {
      raisedAt[id] = new Date(now - age);
      await system.orderRequest.update({ where: { id }, data: { createdAt: raisedAt[id] } });
    }
  }, 120_000);

  async function dashboard(ctx = team.manager.ctx, days = 30): Promise<Dashboard> {
    const result = await getDashboard(ctx, { days });
    // The company's today, checked by the test's own clock (a run across midnight in Tokyo would fail here first).
    expect(result.today).toBe(todayIn(TZ));
    return result;
  }

  it("values the stock at cost and at sale price, archived products included", async () => {
    const result = await dashboard();
    // Widget 10 × 2.50 + Alpha 40 × 2.00 + Bravo 25 × 0.50 + Charlie 8 × 10.00 + Delta (archived) 7 × 4.00
    // + Foxtrot 4 × 1.00 + Golf 3 × 3.00 = 25 + 80 + 12.50 + 80 + 28 + 4 + 9
    expect(Number(result.stockValue?.atCost)).toBe(238.5);
    // 10 × 4.00 + 40 × 3.50 + 25 × 1.25 + 8 × 15.00 + 7 × 6.00 + 4 × 1.50 + 3 × 5.00 = 40 + 140 + 31.25 + 120 + 42 + 6 + 15
    expect(Number(result.stockValue?.atSale)).toBe(394.25);
    expect(result.currency).toBe("USD");
    expect(result.timeZone).toBe(TZ);
  });

  it("counts the products at or below their reorder point, archived ones not", async () => {
    const result = await dashboard();
    // Alpha 40 ≤ 40, Charlie 8 ≤ 10, Echo 0 (no stock rows) ≤ 3; Delta 7 ≤ 8 is archived; the rest have no point.
    expect(result.lowStock).toBe(3);
  });

  it("counts the company's requests by status for a manager", async () => {
    const result = await dashboard();
    expect(result.scope).toBe("company");
    expect(result.requests).toEqual({
      byStatus: { PENDING: 6, APPROVED: 1, PARTIALLY_FULFILLED: 0, REJECTED: 1, FULFILLED: 1, CLOSED: 0, CANCELLED: 1 },
      total: 10,
    });
  });

  it("lists the five requests pending longest, oldest first", async () => {
    const result = await dashboard();
    expect(result.oldestPending.map((r) => r.id)).toEqual([
      orders.managerPending,
      orders.staffPending,
      orders.fixture,
      orders.staff2Pending,
      orders.staff2Recent,
    ]);
    expect(result.oldestPending[1]).toMatchObject({
      type: "RESTOCK",
      requesterName: team.staff.name,
      locationName: "Main",
      lineCount: 1,
    });
    // When each was raised, as a Date to the millisecond.
    expect(result.oldestPending.map((r) => r.createdAt)).toEqual(result.oldestPending.map((r) => raisedAt[r.id]));
  });

  it("counts movements in and out per Tokyo day over 30 days, zeros on quiet days, transfers left out", async () => {
    const result = await dashboard();
    expect(result.days).toBe(30);
    expect(result.from).toBe(addDays(today, -29));
    expect(result.movements).toEqual(
      expectedSeries(today, 30, {
        29: [0, 1], // Alpha shipped at 01:00
        10: [2, 1], // Bravo 50 and Charlie 12 in, Bravo 20 out
        3: [0, 2], // Alpha 45 and Charlie 4 out; Bravo's transfer is neither
        2: [2, 2], // Foxtrot and Golf 5 each in, 1 and 2 out
        1: [0, 1], // Delta shipped at 08:30
        0: [2, 1], // the Widget's opening 10 and Alpha's 15 in, Bravo's 5 shipped; Alpha's transfer neither
      }),
    );
  });

  it("and over 90 days, with the older receipt but not the one before the period", async () => {
    const result = await dashboard(team.manager.ctx, 90);
    expect(result.from).toBe(addDays(today, -89));
    expect(result.movements).toEqual(
      expectedSeries(today, 90, {
        40: [1, 0],
        29: [0, 1],
        10: [2, 1],
        3: [0, 2],
        2: [2, 2],
        1: [0, 1],
        0: [2, 1],
      }),
    );
  });

  it("ranks the top five movers by units out over the period", async () => {
    const result = await dashboard();
    // Alpha 30 + 45 out, Bravo 20 + 5, Delta 13, Charlie 4, Golf 2 — Foxtrot's 1 is sixth; the Widget sent nothing.
    expect(result.topMovers.map((m) => [m.name, m.unitsOut])).toEqual([
      ["Alpha bolts", 75],
      ["Bravo nuts", 25],
      ["Delta glue", 13],
      ["Charlie tape", 4],
      ["Golf washers", 2],
    ]);
    expect(result.topMovers[2]).toMatchObject({ id: p.delta.id, archived: true });
    // Over 90 days the same: Alpha's 100 received 40 days ago is in, not out; Delta's receipt is 95 days old.
    const ninety = await dashboard(team.manager.ctx, 90);
    expect(ninety.topMovers.map((m) => [m.name, m.unitsOut])).toEqual(
      result.topMovers.map((m) => [m.name, m.unitsOut]),
    );
  });

  it("shows staff their own requests and the stock view, without the stock's value", async () => {
    const result = await dashboard(team.staff.ctx);
    expect(result.scope).toBe("own");
    expect(result.stockValue).toBeNull();
    // The staff member's requests: the fulfilled customer order, one pending, one rejected, one cancelled.
    expect(result.requests).toEqual({
      byStatus: { PENDING: 1, APPROVED: 0, PARTIALLY_FULFILLED: 0, REJECTED: 1, FULFILLED: 1, CLOSED: 0, CANCELLED: 1 },
      total: 4,
    });
    expect(result.oldestPending.map((r) => r.id)).toEqual([orders.staffPending]);
    expect(result.lowStock).toBe(3);
    expect(result.movements).toEqual((await dashboard()).movements);
    expect(result.topMovers.map((m) => m.name)).toEqual([
      "Alpha bolts",
      "Bravo nuts",
      "Delta glue",
      "Charlie tape",
      "Golf washers",
    ]);
  });

  it("admins see the whole company like managers", async () => {
    const result = await dashboard(fixture.ctx);
    expect(result.scope).toBe("company");
    expect(result.requests.total).toBe(10);
    expect(Number(result.stockValue?.atCost)).toBe(238.5);
  });

  it("refuses a period other than 30 or 90 days, and unknown keys", async () => {
    for (const input of [{ days: 45 }, { days: "90" }, { days: 30, companyId: fixture.companyId }]) {
      await expect(getDashboard(team.manager.ctx, input)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect((await getDashboard(team.manager.ctx, {})).days).toBe(30);
  });
});

describe("two companies", () => {
  let a: CompanyFixture;
  let b: CompanyFixture;

  beforeAll(async () => {
    [a, b] = await Promise.all([createCompanyFixture(system, "dash-a"), createCompanyFixture(system, "dash-b")]);
    const busy = await pricedProduct(system, a, { costPrice: "100.00", salePrice: "150.00", stock: {} });
    await receiveStock(a, busy.id, a.locationId, 500);
    await withTenantTx(a, (tx) =>
      applyStockMovements(tx, a.ctx, {
        changes: [{ productId: busy.id, locationId: a.locationId, quantity: -200, reason: "SHIPPED" }],
        audit: { action: "stock.shipped", entityType: "product", entityId: busy.id },
      }),
    );
  });

  it("B's dashboard shows B's fixture only, never A's stock, movements or requests", async () => {
    const result = await getDashboard(b.ctx, {});
    // B's fixture: its Widget, 10 × 2.50 at cost and 10 × 4.00 at sale, booked today; its one pending request.
    expect(Number(result.stockValue?.atCost)).toBe(25);
    expect(Number(result.stockValue?.atSale)).toBe(40);
    expect(result.lowStock).toBe(0);
    expect(result.requests.total).toBe(1);
    expect(result.oldestPending.map((r) => r.id)).toEqual([b.orderId]);
    expect(result.movements.at(-1)).toEqual({ day: todayIn("UTC"), movementsIn: 1, movementsOut: 0 });
    expect(result.movements.slice(0, -1).every((d) => d.movementsIn === 0 && d.movementsOut === 0)).toBe(true);
    expect(result.topMovers).toEqual([]);
    // A's own dashboard does have its numbers: the zeros above are isolation, not an empty query.
    const own = await getDashboard(a.ctx, {});
    // Its Widget's opening stock and the 500 received in, the 200 shipped out.
    expect(own.movements.at(-1)).toEqual({ day: todayIn("UTC"), movementsIn: 2, movementsOut: 1 });
    expect(own.topMovers).toHaveLength(1);
  });

  it("row-level security alone keeps A's rollup from B (raw SQL as the app role)", async () => {
    const client = await app.connect();
    try {
      const asB = await asCompany(client, b.companyId, () =>
        client.query("SELECT count(*)::int AS n FROM stock_movement_days WHERE company_id = $1", [a.companyId]),
      );
      expect(asB.rows[0].n).toBe(0);
      const asA = await asCompany(client, a.companyId, () =>
        client.query("SELECT count(*)::int AS n FROM stock_movement_days WHERE company_id = $1", [a.companyId]),
      );
      expect(asA.rows[0].n).toBeGreaterThan(0);
      await expect(
        asCompany(client, b.companyId, () =>
          client.query(
            "INSERT INTO stock_movement_days (company_id, day, product_id, units_in) VALUES ($1, current_date, $2, 1)",
            [a.companyId, a.productId],
          ),
        ),
      ).rejects.toMatchObject({ code: "42501" });
      // The app role may not delete day rows at all (only a rebuild by the system role does).
      await expect(
        asCompany(client, a.companyId, () => client.query("DELETE FROM stock_movement_days")),
      ).rejects.toMatchObject({ code: "42501" });
    } finally {
      client.release();
    }
  });
});

describe("a company with nothing yet, and one with a fortune in stock", () => {
  it("shows zeros, an empty list of each kind and a quiet month, to a manager and to staff", async () => {
    const company = await system.company.create({
      data: { name: "Empty dashboard", slug: `dash-empty-${uniqueSuffix()}` },
      select: { id: true },
    });
    const [manager, staff] = await Promise.all([
      addMember(system, company.id, { role: "MANAGER" }),
      addMember(system, company.id, { role: "STAFF" }),
    ]);
    const today = todayIn("UTC");
    const quiet = {
      days: 30,
      timeZone: "UTC",
      currency: "USD",
      from: addDays(today, -29),
      today,
      lowStock: 0,
      shortForApproved: { count: 0, products: [] },
      requests: {
        byStatus: {
          PENDING: 0,
          APPROVED: 0,
          PARTIALLY_FULFILLED: 0,
          REJECTED: 0,
          FULFILLED: 0,
          CLOSED: 0,
          CANCELLED: 0,
        },
        total: 0,
      },
      movements: expectedSeries(today, 30, {}),
      topMovers: [],
      oldestPending: [],
    };
    const forManager = await getDashboard(manager.ctx, {});
    expect(forManager).toEqual({ ...quiet, scope: "company", stockValue: forManager.stockValue });
    expect(Number(forManager.stockValue?.atCost)).toBe(0);
    expect(Number(forManager.stockValue?.atSale)).toBe(0);
    expect(await getDashboard(staff.ctx, {})).toEqual({ ...quiet, scope: "own", stockValue: null });
  });

  it("values the stock to the cent beyond what a JavaScript number holds", async () => {
    const rich = await createCompanyFixture(system, "dash-rich");
    const gold = await pricedProduct(system, rich, { costPrice: "9876543210.99", salePrice: "9999999999.99" });
    await receiveStock(rich, gold.id, rich.locationId, 999_999);
    // 999,999 × 9,876,543,210.99 + the fixture's Widget (10 × 2.50), and 999,999 × 9,999,999,999.99 + 10 × 4.00.
    expect((await getDashboard(rich.ctx, {})).stockValue).toEqual({
      atCost: "9876533334446814.01",
      atSale: "9999989999990040.01",
    });
  });
});

describe("the daily rollup", () => {
  // A zone whose calendar date differs from UTC's while the test runs (UTC+14 from 10:00 UTC, UTC−11 before), so a
  // rollup by UTC day, or by the server's, cannot pass.
  const TZ = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
  let team: OrderTeam;

  /**
   * The rollups as stored, and as aggregated from scratch here from the ledger's rows (days by Intl, not SQL): per
   * product and day, and per day and shard (the last byte of the product id modulo 16).
   */
  async function rollupAndLedger(companyId: string) {
    const [days, totals, movements] = await Promise.all([
      system.stockMovementDay.findMany({
        where: { companyId },
        select: { day: true, productId: true, unitsIn: true, unitsOut: true },
      }),
      system.stockMovementDayTotal.findMany({
        where: { companyId },
        select: { day: true, shard: true, movementsIn: true, movementsOut: true },
      }),
      system.stockMovement.findMany({
        where: { companyId },
        select: { productId: true, quantity: true, reason: true, createdAt: true },
      }),
    ]);
    const dayOf = new Intl.DateTimeFormat("en-CA", { timeZone: TZ });
    const add = (map: Map<string, { unitsIn: number; unitsOut: number }>, key: string, quantity: number) => {
      const entry = map.get(key) ?? { unitsIn: 0, unitsOut: 0 };
      if (quantity > 0) entry.unitsIn += quantity;
      else entry.unitsOut -= quantity;
      map.set(key, entry);
    };
    // The day totals count movements: in (quantity > 0) and out (< 0).
    const tally = (map: Map<string, { movementsIn: number; movementsOut: number }>, key: string, quantity: number) => {
      const entry = map.get(key) ?? { movementsIn: 0, movementsOut: 0 };
      if (quantity > 0) entry.movementsIn += 1;
      else entry.movementsOut += 1;
      map.set(key, entry);
    };
    const fromScratch = new Map<string, { unitsIn: number; unitsOut: number }>();
    const totalsFromScratch = new Map<string, { movementsIn: number; movementsOut: number }>();
    for (const m of movements) {
      if (m.reason === "TRANSFER_IN" || m.reason === "TRANSFER_OUT") continue;
      const day = dayOf.format(m.createdAt);
      add(fromScratch, `${day} ${m.productId}`, m.quantity);
      tally(totalsFromScratch, `${day} ${parseInt(m.productId.slice(-2), 16) % 16}`, m.quantity);
    }
    const units = (r: { unitsIn: bigint; unitsOut: bigint }) => ({
      unitsIn: Number(r.unitsIn),
      unitsOut: Number(r.unitsOut),
    });
    const counts = (r: { movementsIn: bigint; movementsOut: bigint }) => ({
      movementsIn: Number(r.movementsIn),
      movementsOut: Number(r.movementsOut),
    });
    const stored = new Map(days.map((r) => [`${r.day.toISOString().slice(0, 10)} ${r.productId}`, units(r)]));
    const storedTotals = new Map(totals.map((r) => [`${r.day.toISOString().slice(0, 10)} ${r.shard}`, counts(r)]));
    return { stored, fromScratch, storedTotals, totalsFromScratch };
  }

  beforeAll(async () => {
    team = await orderTeam(system, "dash-roll", { timeZone: TZ });
    // The fixture's opening stock was rolled up on its UTC day, not the company's: re-bucket it.
    await rebuildStockMovementDays(system, team.fixture.companyId);
  });

  it("equals a from-scratch aggregation of the ledger after adjustments, transfers, a stocktake and fulfilments", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const bin = await createTestLocation(system, fixture.companyId);
    const p1 = await pricedProduct(system, fixture, { stock: { [main]: 30 } });
    const p2 = await pricedProduct(system, fixture, { stock: { [main]: 20 } });
    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: p1.id,
      locationId: main,
      mode: "change",
      quantity: -4,
      reason: "Damaged in handling",
    });
    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: p2.id,
      locationId: main,
      mode: "set",
      quantity: 25,
      reason: "Recount",
    });
    await transferStock(manager.ctx, {
      operationId: randomUUID(),
      productId: p1.id,
      fromLocationId: main,
      toLocationId: bin.id,
      quantity: 6,
    });
    // P1 at Main is 30 − 4 − 6 = 20 now: counted 18 books −2; P2 counted as it stands books nothing.
    await recordStocktake(manager.ctx, {
      operationId: randomUUID(),
      locationId: main,
      counts: [
        { productId: p1.id, counted: 18 },
        { productId: p2.id, counted: 25 },
      ],
    });
    await fulfilledOrder(staff.ctx, manager.ctx, {
      type: "CUSTOMER_ORDER",
      locationId: main,
      lines: [{ productId: p2.id, quantity: 3 }],
    });
    await fulfilledOrder(staff.ctx, manager.ctx, {
      type: "RESTOCK",
      locationId: main,
      lines: [{ productId: p1.id, quantity: 7 }],
    });

    const { stored, fromScratch, storedTotals, totalsFromScratch } = await rollupAndLedger(fixture.companyId);
    expect(stored).toEqual(fromScratch);
    expect(storedTotals).toEqual(totalsFromScratch);
    // By hand, the company's today: P1 in 30 + 7, out 4 + 2 (its transfer is neither); P2 in 20 + 5, out 3.
    const today = todayIn(TZ);
    expect(stored.get(`${today} ${p1.id}`)).toEqual({ unitsIn: 37, unitsOut: 6 });
    expect(stored.get(`${today} ${p2.id}`)).toEqual({ unitsIn: 25, unitsOut: 3 });

    // A rebuild from the ledger (by the system role, as production runs it) gives the same rows as the ledger's own
    // upkeep.
    const systemRole = systemClient(1);
    try {
      await rebuildStockMovementDays(systemRole, fixture.companyId);
    } finally {
      await systemRole.$disconnect();
    }
    const rebuilt = await rollupAndLedger(fixture.companyId);
    expect(rebuilt.stored).toEqual(stored);
    expect(rebuilt.storedTotals).toEqual(storedTotals);
  });

  it("loses no update and deadlocks nowhere when many operations run at once", async () => {
    const { fixture } = team;
    const item = await pricedProduct(system, fixture, { stock: {} });
    const bins = await Promise.all(Array.from({ length: 6 }, () => createTestLocation(system, fixture.companyId)));
    const others = await Promise.all(
      Array.from({ length: 8 }, () => pricedProduct(system, fixture, { stock: { [fixture.locationId]: 50 } })),
    );
    // One product at six locations at once (its day row and day total shared), eight products shipped one by one
    // and all together twice (day totals shared by shard), all in flight together.
    const shipAll = (quantity: number) =>
      withTenantTx(fixture, (tx) =>
        applyStockMovements(tx, fixture.ctx, {
          changes: others.map((p) => ({
            productId: p.id,
            locationId: fixture.locationId,
            quantity,
            reason: "SHIPPED",
          })),
          audit: { action: "stock.shipped", entityType: "stock_level", entityId: null },
        }),
      );
    await Promise.all([
      ...bins.map((bin, i) => receiveStock(fixture, item.id, bin.id, i + 1)),
      ...others.map((p) =>
        withTenantTx(fixture, (tx) =>
          applyStockMovements(tx, fixture.ctx, {
            changes: [{ productId: p.id, locationId: fixture.locationId, quantity: -3, reason: "SHIPPED" }],
            audit: { action: "stock.shipped", entityType: "product", entityId: p.id },
          }),
        ),
      ),
      shipAll(-2),
      shipAll(-4),
    ]);
    const rows = await system.stockMovementDay.findMany({
      where: { companyId: fixture.companyId, productId: { in: [item.id, others[0]!.id] } },
      select: { productId: true, unitsIn: true, unitsOut: true },
    });
    const sum = (productId: string, key: "unitsIn" | "unitsOut") =>
      rows.filter((r) => r.productId === productId).reduce((total, r) => total + Number(r[key]), 0);
    // 1 + 2 + … + 6 in (on one day, unless the operations straddle the company's midnight: then on two); 3 + 2 + 4 out.
    expect(sum(item.id, "unitsIn")).toBe(21);
    expect(sum(others[0]!.id, "unitsOut")).toBe(9);
    const { stored, fromScratch, storedTotals, totalsFromScratch } = await rollupAndLedger(fixture.companyId);
    expect(stored).toEqual(fromScratch);
    expect(storedTotals).toEqual(totalsFromScratch);
  });

  it("a refused operation leaves the rollup as it was", async () => {
    const { fixture, manager } = team;
    const item = await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 2 } });
    const before = await rollupAndLedger(fixture.companyId);
    await expect(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: item.id,
        locationId: fixture.locationId,
        mode: "change",
        quantity: -3,
        reason: "More than there is",
      }),
    ).rejects.toBeInstanceOf(AppError);
    const after = await rollupAndLedger(fixture.companyId);
    expect(after.stored).toEqual(before.stored);
    expect(after.storedTotals).toEqual(before.storedTotals);
  });

  it("still takes the previous release's write of the day totals, for its instances during a rolling deploy", async () => {
    // What that release's ledger upsert wrote (units, no counts), as the app role: it must not fail until the release
    // after this one recounts the movements and drops the units columns (migration 20261212030000).
    const { fixture } = team;
    const written = await withTenantTx(
      fixture,
      (tx) =>
        tx.$executeRaw`
        INSERT INTO stock_movement_day_totals AS t (company_id, generation, day, shard, units_in, units_out)
        VALUES (${fixture.companyId}::uuid, 0, DATE '2001-01-01', 3, 5, 0)
        ON CONFLICT (company_id, generation, day, shard)
        DO UPDATE SET units_in = t.units_in + excluded.units_in, units_out = t.units_out + excluded.units_out`,
    );
    expect(written).toBe(1);
  });
});
