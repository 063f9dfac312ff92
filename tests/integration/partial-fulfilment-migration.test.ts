// Migration 20261213010000_partial_fulfilment on a database that already holds decided requests: every line of a
// request approved or fulfilled before partial quantities existed was approved whole (and, when fulfilled, fulfilled
// whole), a cancelled request keeps its approval if it had one, pending and rejected requests approved nothing. Run
// as the owner role, as in production: FORCE row-level security binds it, and the backfill must see every company's
// rows all the same. Afterwards the CHECKs refuse quantities beyond what was requested or approved, and a writer
// that knows nothing of the columns still leaves whole quantities behind (the trigger).
//
// Then the previous release during a rolling deploy (docs/architecture.md §6 "Older writers", §11), as the statements
// it sends: its fulfil and cancel of a request this release approved lower, or fulfilled in part, are refused by the
// database (migration 20261213090000_old_writer_guard) and change nothing; of a request approved whole they still
// work; this release's own fulfil, partial fulfil, close and cancel of the same requests go through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { PrismaClient } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/schema-engine";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { closeOrderRequest } from "../../lib/orders/close-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import {
  approvedOrder,
  createOrder,
  orderRow,
  orderSnapshot,
  orderTeam,
  pricedProduct,
  stockAt,
  type OrderMade,
  type OrderTeam,
} from "../factories/orders";
import { appRolePool, asCompany, superuserClient } from "../helpers/db";
import { scratchMigrations, type ScratchMigrations } from "../helpers/scratch-migrations";

const MIGRATION = "20261213010000_partial_fulfilment";
let migrations: ScratchMigrations;
let system: PrismaClient;
let appRole: pg.Pool;
let team: OrderTeam;

beforeAll(async () => {
  migrations = await scratchMigrations(MIGRATION);
  system = superuserClient(2);
  appRole = appRolePool(1);
  team = await orderTeam(system, "old-writer");
});

afterAll(async () => {
  await Promise.all([migrations.cleanUp(), system.$disconnect(), appRole.end()]);
});

type Status = "PENDING" | "APPROVED" | "REJECTED" | "FULFILLED" | "CANCELLED";

it("backfills the quantities of requests decided before it, in every company, and then holds them", async () => {
  const { ownerUrl, db } = await migrations.scratchDatabase("partial_backfill");
  try {
    await applyMigrations(ownerUrl, migrations.earlier);
    const one = async (sql: string, params: unknown[] = []) =>
      (await db.query<{ id: string }>(sql, params)).rows[0]!.id;
    const user = await one(
      `INSERT INTO users (id, email, name, password_hash, updated_at)
       VALUES (gen_random_uuid(), 'requester@existing.example', 'Requester', 'x', now()) RETURNING id::text`,
    );
    // Each case: its request's status, whether it had been decided, and what the line must hold afterwards.
    const cases: { status: Status; decided: boolean; approved: number | null; fulfilled: number }[] = [
      { status: "PENDING", decided: false, approved: null, fulfilled: 0 },
      { status: "APPROVED", decided: true, approved: 7, fulfilled: 0 },
      { status: "REJECTED", decided: true, approved: null, fulfilled: 0 },
      { status: "FULFILLED", decided: true, approved: 7, fulfilled: 7 },
      { status: "CANCELLED", decided: false, approved: null, fulfilled: 0 },
      { status: "CANCELLED", decided: true, approved: 7, fulfilled: 0 },
    ];
    const lines: string[] = [];
    // Two companies, so a backfill that saw only one (or none, under row-level security) would show.
    for (const slug of ["backfill-a", "backfill-b"]) {
      const company = await one(
        "INSERT INTO companies (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id::text",
        [slug],
      );
      const location = await one(
        "INSERT INTO locations (id, company_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'Main', now()) RETURNING id::text",
        [company],
      );
      const product = await one(
        `INSERT INTO products (id, company_id, sku, name, updated_at)
         VALUES (gen_random_uuid(), $1, 'SKU-1', 'Widget', now()) RETURNING id::text`,
        [company],
      );
      for (const [index, entry] of cases.entries()) {
        const order = await one(
          `INSERT INTO order_requests (id, company_id, number, type, status, location_id, requester_id,
                                       client_request_id, payload_hash, decided_at, updated_at)
           VALUES (gen_random_uuid(), $1, $2, 'CUSTOMER_ORDER', $3::"OrderStatus", $4, $5, gen_random_uuid(),
                   repeat('0', 64), $6, now()) RETURNING id::text`,
          [company, index + 1, entry.status, location, user, entry.decided ? new Date() : null],
        );
        lines.push(
          await one(
            `INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price)
             VALUES (gen_random_uuid(), $1, $2, $3, 7, 1.00) RETURNING id::text`,
            [company, order, product],
          ),
        );
      }
    }

    expect(await applyMigrations(ownerUrl)).toContain(MIGRATION);

    const { rows } = await db.query<{ id: string; approved: number | null; fulfilled: number }>(
      "SELECT id::text, approved_quantity AS approved, fulfilled_quantity AS fulfilled FROM order_lines",
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const expected = [...cases, ...cases].map(({ approved, fulfilled }) => ({ approved, fulfilled }));
    expect(lines.map((id) => ({ approved: byId.get(id)!.approved, fulfilled: byId.get(id)!.fulfilled }))).toEqual(
      expected,
    );
    // Row-level security is forced again on both tables.
    const { rows: forced } = await db.query<{ relname: string; forced: boolean }>(
      `SELECT relname, relforcerowsecurity AS forced FROM pg_class
        WHERE relname IN ('order_lines', 'order_requests') ORDER BY relname`,
    );
    expect(forced).toEqual([
      { relname: "order_lines", forced: true },
      { relname: "order_requests", forced: true },
    ]);
    // Beyond what was requested, or fulfilled beyond what was approved: refused by the CHECKs.
    const line = lines[1]!;
    await expect(db.query("UPDATE order_lines SET approved_quantity = 8 WHERE id = $1", [line])).rejects.toMatchObject({
      code: "23514",
    });
    await expect(db.query("UPDATE order_lines SET fulfilled_quantity = 8 WHERE id = $1", [line])).rejects.toMatchObject(
      { code: "23514" },
    );
    await expect(db.query("UPDATE order_lines SET approved_quantity = -1 WHERE id = $1", [line])).rejects.toMatchObject(
      { code: "23514" },
    );

    // A writer that predates the columns (an older instance during a rolling deploy) moves a pending request to
    // APPROVED, then FULFILLED, writing neither column: each line comes out approved and fulfilled whole.
    const pendingLine = lines[0]!;
    const { rows: owner } = await db.query<{ order: string }>(
      "SELECT order_id::text AS order FROM order_lines WHERE id = $1",
      [pendingLine],
    );
    const quantities = async () =>
      (
        await db.query<{ approved: number | null; fulfilled: number }>(
          "SELECT approved_quantity AS approved, fulfilled_quantity AS fulfilled FROM order_lines WHERE id = $1",
          [pendingLine],
        )
      ).rows[0];
    await db.query("UPDATE order_requests SET status = 'APPROVED', version = 2 WHERE id = $1", [owner[0]!.order]);
    expect(await quantities()).toEqual({ approved: 7, fulfilled: 0 });
    await db.query("UPDATE order_requests SET status = 'FULFILLED', version = 3 WHERE id = $1", [owner[0]!.order]);
    expect(await quantities()).toEqual({ approved: 7, fulfilled: 7 });
  } finally {
    await db.end();
  }
}, 60_000);

/**
 * The previous release's fulfil or cancel (lib/orders/fulfil-order-request.ts and cancel-order-request.ts as they were
 * before partial fulfilment, commit a6035d0), as the statements it sends: as the app role with the company set and
 * nothing else (it does not say it knows per-line quantities), it locks the request, reads each line's requested
 * `quantity` (all it knows of a line), then in its order moves each line's quantity through the ledger (stock row,
 * movement, audit row), releases a customer order's reservation by the same quantities (cancelling: only an approved
 * one's), and moves the status last (a cancellation's audit row after it).
 * Its checks in between are left out (its state machine would stop at a status it does not know, such as
 * PARTIALLY_FULFILLED): what is shown is what the database lets through. The rollups, event and email it also writes
 * are left out too: they decide nothing here.
 */
async function previousRelease(event: "fulfil" | "cancel", actor: OrderTeam["manager"], orderId: string) {
  const { companyId, userId } = actor.ctx;
  const client = await appRole.connect();
  try {
    await asCompany(client, companyId, async () => {
      const {
        rows: [order],
      } = await client.query<{ type: string; status: string; version: number; locationId: string }>(
        `SELECT type::text AS type, status::text AS status, version, location_id::text AS "locationId"
           FROM order_requests WHERE company_id = $1 AND id = $2 FOR UPDATE`,
        [companyId, orderId],
      );
      const { rows: lines } = await client.query<{ productId: string; quantity: number }>(
        `SELECT product_id::text AS "productId", quantity FROM order_lines
          WHERE company_id = $1 AND order_id = $2 ORDER BY product_id`,
        [companyId, orderId],
      );
      const productIds = lines.map((line) => line.productId);
      const outgoing = order!.type === "CUSTOMER_ORDER";
      // The transition's audit row: the ledger's for a fulfilment, written with the movements; after the status for
      // a cancellation.
      const audit = () =>
        client.query(
          `INSERT INTO audit_logs (id, company_id, actor_id, action, entity_type, entity_id, before, after)
           VALUES (gen_random_uuid(), $1, $2, $3, 'order', $4, $5, $6)`,
          [
            companyId,
            userId,
            event === "fulfil" ? "order.fulfilled" : "order.cancelled",
            orderId,
            { status: order!.status, version: order!.version },
            { status: event === "fulfil" ? "FULFILLED" : "CANCELLED", version: order!.version + 1 },
          ],
        );
      if (event === "fulfil") {
        const deltas = lines.map((line) => (outgoing ? -line.quantity : line.quantity));
        await client.query("SELECT id FROM locations WHERE company_id = $1 AND id = $2 FOR KEY SHARE", [
          companyId,
          order!.locationId,
        ]);
        const { rows: balances } = await client.query<{ productId: string; onHand: number }>(
          `UPDATE stock_levels s SET on_hand = s.on_hand + c.delta, updated_at = now()
             FROM unnest($3::uuid[], $4::int[]) AS c(product_id, delta)
            WHERE s.company_id = $1 AND s.location_id = $2 AND s.product_id = c.product_id AND s.on_hand + c.delta >= 0
           RETURNING s.product_id::text AS "productId", s.on_hand AS "onHand"`,
          [companyId, order!.locationId, productIds, deltas],
        );
        if (balances.length !== lines.length) throw new Error("not enough stock");
        const balance = new Map(balances.map((row) => [row.productId, row.onHand]));
        await client.query(
          `INSERT INTO stock_movements (id, company_id, product_id, location_id, quantity, balance_after, reason,
                                        actor_id, order_id, batch_id)
           SELECT gen_random_uuid(), $1, m.product_id, $2, m.quantity, m.balance_after, $5::"MovementReason", $6, $7,
                  gen_random_uuid()
             FROM unnest($3::uuid[], $4::int[], $8::int[]) AS m(product_id, quantity, balance_after)`,
          [
            companyId,
            order!.locationId,
            productIds,
            deltas,
            outgoing ? "SHIPPED" : "RECEIVED",
            userId,
            orderId,
            productIds.map((id) => balance.get(id)),
          ],
        );
        await audit();
      }
      if (outgoing && (event === "fulfil" || order!.status === "APPROVED")) {
        const { rowCount } = await client.query(
          `UPDATE stock_levels s SET reserved = s.reserved - c.quantity, updated_at = now()
             FROM unnest($3::uuid[], $4::int[]) AS c(product_id, quantity)
            WHERE s.company_id = $1 AND s.location_id = $2 AND s.product_id = c.product_id
              AND s.reserved - c.quantity >= 0`,
          [companyId, order!.locationId, productIds, lines.map((line) => line.quantity)],
        );
        if (rowCount !== lines.length) throw new Error("reservation change touched too few rows");
      }
      const { rowCount } = await client.query(
        event === "fulfil"
          ? `UPDATE order_requests SET status = 'FULFILLED', version = version + 1, fulfilled_by_id = $3,
                    fulfilled_at = now(), updated_at = now()
              WHERE company_id = $1 AND id = $2 AND status = $4::"OrderStatus" AND version = $5`
          : `UPDATE order_requests SET status = 'CANCELLED', version = version + 1, cancelled_by_id = $3,
                    cancelled_at = now(), updated_at = now()
              WHERE company_id = $1 AND id = $2 AND status = $4::"OrderStatus" AND version = $5`,
        [companyId, orderId, userId, order!.status, order!.version],
      );
      if (rowCount !== 1) throw new Error("the request moved while locked");
      if (event === "cancel") await audit();
    });
  } finally {
    client.release();
  }
}

/** What the database answers the previous release when it may not move the request. */
const refusedToOldWriter = {
  code: "55000",
  message: expect.stringMatching(/approved with lower quantities or is partly fulfilled/),
};

describe("the previous release during a rolling deploy", () => {
  /** The request, its stock rows, the ledger, the audit log and the outbox: what a refusal must leave as it was. */
  const snapshot = (orderIds: string[], productIds: string[]) =>
    orderSnapshot(system, team.fixture.companyId, orderIds, productIds);

  it("may not fulfil or cancel a request approved lower or partly fulfilled; this release then can", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const hammer = await pricedProduct(system, fixture, { name: "Claw hammer", stock: { [main]: 20 } });
    const gloves = await pricedProduct(system, fixture, { name: "Gloves", stock: { [main]: 10 } });
    const products = [hammer.id, gloves.id];
    // Approved lower: 6 of 8 hammers, the 5 gloves as requested. Beside it two orders approved whole (4 hammers and
    // 2 gloves, 2 hammers and 3 gloves), whose reservations the old release would take: releasing the 8 hammers
    // requested where 6 are held for the first, and later, once some of it shipped, all 8 and 5 again.
    const lowered = await createOrder(staff.ctx, {
      locationId: main,
      lines: [
        { productId: hammer.id, quantity: 8 },
        { productId: gloves.id, quantity: 5 },
      ],
    });
    await approveOrderRequest(manager.ctx, {
      orderId: lowered.id,
      version: 1,
      quantities: { [hammer.id]: 6 },
      note: "Six for now",
    });
    const whole = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [
        { productId: hammer.id, quantity: 4 },
        { productId: gloves.id, quantity: 2 },
      ],
    });
    const more = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [
        { productId: hammer.id, quantity: 2 },
        { productId: gloves.id, quantity: 3 },
      ],
    });
    // A restock approved lower: the old release would receive the 10 requested where 4 were approved.
    const restock = await createOrder(staff.ctx, {
      type: "RESTOCK",
      locationId: main,
      lines: [{ productId: hammer.id, quantity: 10 }],
    });
    await approveOrderRequest(manager.ctx, {
      orderId: restock.id,
      version: 1,
      quantities: { [hammer.id]: 4 },
      note: "Four will do",
    });
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 20, reserved: 12 });
    expect(await stockAt(system, gloves.id, main)).toEqual({ onHand: 10, reserved: 10 });

    const approved = await snapshot([lowered.id, whole.id, more.id, restock.id], products);
    for (const [event, order] of [
      ["fulfil", lowered],
      ["cancel", lowered],
      ["fulfil", restock],
      ["cancel", restock],
    ] as const) {
      await expect(previousRelease(event, manager, order.id), `${event} ${order.id}`).rejects.toMatchObject(
        refusedToOldWriter,
      );
    }
    expect(await snapshot([lowered.id, whole.id, more.id, restock.id], products)).toEqual(approved);

    // The person tries again on this release: 3 hammers and the 5 gloves ship now, 3 hammers stay on backorder.
    const partly = await fulfilOrderRequest(manager.ctx, {
      orderId: lowered.id,
      version: 2,
      quantities: { [hammer.id]: 3, [gloves.id]: 5 },
    });
    expect(partly.status).toBe("PARTIALLY_FULFILLED");
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 17, reserved: 9 });
    expect(await stockAt(system, gloves.id, main)).toEqual({ onHand: 5, reserved: 5 });

    // Partly fulfilled: the old release would ship the 8 hammers and 5 gloves again, releasing as much from the
    // others' reservations; its cancel would end the backorder and keep its reservation.
    const backorder = await snapshot([lowered.id, whole.id, more.id], products);
    for (const event of ["fulfil", "cancel"] as const) {
      await expect(previousRelease(event, manager, lowered.id), event).rejects.toMatchObject(refusedToOldWriter);
    }
    expect(await snapshot([lowered.id, whole.id, more.id], products)).toEqual(backorder);

    // This release closes the backorder (its 3 hammers released) and receives the restock's 4.
    await closeOrderRequest(manager.ctx, { orderId: lowered.id, version: partly.version, note: "Out of production" });
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 17, reserved: 6 });
    const received = await fulfilOrderRequest(manager.ctx, { orderId: restock.id, version: 2 });
    expect(received.status).toBe("FULFILLED");
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 21, reserved: 6 });
    const shipped = (await orderRow(system, lowered.id)).lines.map((line) => [line.productId, line.fulfilledQuantity]);
    expect(Object.fromEntries(shipped)).toEqual({ [hammer.id]: 3, [gloves.id]: 5 });
    expect((await orderRow(system, restock.id)).lines).toMatchObject([{ approvedQuantity: 4, fulfilledQuantity: 4 }]);
  });

  it("still fulfils and cancels a request approved whole, as before", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const saw = await pricedProduct(system, fixture, { name: "Hand saw", stock: { [main]: 12 } });
    const toShip = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: saw.id, quantity: 5 }],
    });
    const toCancel = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: saw.id, quantity: 3 }],
    });
    expect(await stockAt(system, saw.id, main)).toEqual({ onHand: 12, reserved: 8 });

    await previousRelease("fulfil", manager, toShip.id);
    expect(await stockAt(system, saw.id, main)).toEqual({ onHand: 7, reserved: 3 });
    expect(await orderRow(system, toShip.id)).toMatchObject({
      status: "FULFILLED",
      version: 3,
      lines: [{ quantity: 5, approvedQuantity: 5, fulfilledQuantity: 5 }],
    });
    await previousRelease("cancel", manager, toCancel.id);
    expect(await stockAt(system, saw.id, main)).toEqual({ onHand: 7, reserved: 0 });
    expect(await orderRow(system, toCancel.id)).toMatchObject({
      status: "CANCELLED",
      version: 3,
      lines: [{ quantity: 3, approvedQuantity: 3, fulfilledQuantity: 0 }],
    });
  });

  it("leaves this release's cancel and whole fulfilment of a request approved lower alone", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const level = await pricedProduct(system, fixture, { name: "Spirit level", stock: { [main]: 9 } });
    const lowerApproval = async (requested: number, approved: number): Promise<OrderMade> => {
      const order = await createOrder(staff.ctx, {
        locationId: main,
        lines: [{ productId: level.id, quantity: requested }],
      });
      const moved = await approveOrderRequest(manager.ctx, {
        orderId: order.id,
        version: 1,
        quantities: { [level.id]: approved },
        note: "Fewer",
      });
      return { ...order, version: moved.version };
    };
    const toCancel = await lowerApproval(6, 2);
    const toShip = await lowerApproval(5, 3);
    expect(await stockAt(system, level.id, main)).toEqual({ onHand: 9, reserved: 5 });

    expect((await cancelOrderRequest(manager.ctx, { orderId: toCancel.id, version: toCancel.version })).status).toBe(
      "CANCELLED",
    );
    expect(await stockAt(system, level.id, main)).toEqual({ onHand: 9, reserved: 3 });
    expect((await fulfilOrderRequest(manager.ctx, { orderId: toShip.id, version: toShip.version })).status).toBe(
      "FULFILLED",
    );
    expect(await stockAt(system, level.id, main)).toEqual({ onHand: 6, reserved: 0 });
    expect((await orderRow(system, toShip.id)).lines).toMatchObject([{ approvedQuantity: 3, fulfilledQuantity: 3 }]);
  });
});
