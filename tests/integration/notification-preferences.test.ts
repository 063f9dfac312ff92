// Notification preferences (issue 6, part 5) on real PostgreSQL: what each role sees and its defaults; turning an
// optional email off stops exactly that person's outbox rows (new request → approvers, decision → requester) and
// turning it on again brings them back; refusals (a kind the role does not receive, a required or unknown kind,
// unknown keys) change nothing; choices are per company; company B never reads or writes company A's choices,
// through the domain functions, through RLS alone (raw SQL as the app role) and through the extension alone
// (the tenant client on a connection that bypasses RLS); one audit row per save that changes something.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { TenantScopeError, withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import { getNotificationPreferences } from "../../lib/notifications/get-notification-preferences";
import { withNotificationsOn } from "../../lib/notifications/recipients";
import { updateNotificationPreferences } from "../../lib/notifications/update-notification-preferences";
import { createOrder, orderEmails, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { addMember, addMembership } from "../factories/users";
import { appRolePool, asCompany, superuserClient } from "../helpers/db";

let system: PrismaClient;
let app: pg.Pool;

beforeAll(async () => {
  system = superuserClient(4);
  app = appRolePool(2);
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.end()]);
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

/** The stored rows of one person in one company (system client: no scoping). */
const rowsOf = (companyId: string, userId: string) =>
  system.notificationPreference.findMany({
    where: { companyId, userId },
    select: { kind: true, enabled: true },
    orderBy: { kind: "asc" },
  });

const auditOf = (companyId: string, actorId: string) =>
  system.auditLog.findMany({
    where: { companyId, actorId, action: "notifications.changed" },
    select: { entityType: true, entityId: true, before: true, after: true, actorEmail: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

/** kind → enabled of what getNotificationPreferences / updateNotificationPreferences return. */
const states = (list: { kind: string; enabled: boolean }[]) => Object.fromEntries(list.map((p) => [p.kind, p.enabled]));

/** A pending restock request by `requester` in the team's company (a restock needs no stock to approve). */
async function restock(team: OrderTeam, requester: TenantContext, productId: string) {
  return createOrder(requester, {
    type: "RESTOCK",
    locationId: team.fixture.locationId,
    lines: [{ productId, quantity: 4 }],
  });
}

const recipients = async (team: OrderTeam, template: "order-submitted" | "order-status", number: number) =>
  (await orderEmails(system, team.fixture.companyId, template, number)).map((e) => e.toAddress);

describe("what each role sees", () => {
  let team: OrderTeam;
  beforeAll(async () => {
    team = await orderTeam(system, "notif-roles");
  });

  it("managers: every order and stock email on by default, account security always on", async () => {
    const list = await getNotificationPreferences(team.manager.ctx);
    expect(list.map((p) => [p.kind, p.enabled, p.required])).toEqual([
      ["order.created", true, false],
      ["order.status", true, false],
      ["stock.low", true, false],
      ["account.security", true, true],
    ]);
    for (const p of list) {
      expect(p.label.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(0);
    }
    expect(await rowsOf(team.fixture.companyId, team.manager.userId)).toEqual([]);
  });

  it("staff: only their own requests' outcome and account security; no manager-only kinds", async () => {
    const list = await getNotificationPreferences(team.staff.ctx);
    expect(list.map((p) => [p.kind, p.enabled, p.required])).toEqual([
      ["order.status", true, false],
      ["account.security", true, true],
    ]);
  });

  it("admins also see their company's account status, locked on; a stored enabled row reads as on", async () => {
    // The company fixture stores an explicit "order.created: on" row for its admin.
    expect(await rowsOf(team.fixture.companyId, team.fixture.admin.id)).toEqual([
      { kind: "order.created", enabled: true },
    ]);
    const list = await getNotificationPreferences(team.fixture.ctx);
    expect(list.map((p) => [p.kind, p.enabled, p.required])).toEqual([
      ["order.created", true, false],
      ["order.status", true, false],
      ["stock.low", true, false],
      ["account.security", true, true],
      ["company.status", true, true],
    ]);
  });
});

describe("turning emails off and on", () => {
  let team: OrderTeam;
  let productId: string;
  beforeAll(async () => {
    team = await orderTeam(system, "notif-flow");
    productId = (await pricedProduct(system, team.fixture)).id;
  });

  it("a manager who turns new requests off gets no order-submitted email; the other approvers still do", async () => {
    const { fixture, manager, manager2, staff } = team;
    const first = await restock(team, staff.ctx, productId);
    expect(await recipients(team, "order-submitted", first.number)).toEqual(
      [fixture.admin.email, manager.email, manager2.email].sort(),
    );

    const after = await updateNotificationPreferences(manager.ctx, { preferences: { "order.created": false } });
    expect(states(after)).toEqual({
      "order.created": false,
      "order.status": true,
      "stock.low": true,
      "account.security": true,
    });
    expect(await rowsOf(fixture.companyId, manager.userId)).toEqual([{ kind: "order.created", enabled: false }]);
    expect(states(await getNotificationPreferences(manager.ctx))).toEqual(states(after));
    expect(await auditOf(fixture.companyId, manager.userId)).toEqual([
      {
        entityType: "membership",
        entityId: manager.membershipId,
        actorEmail: manager.email,
        before: { "order.created": true },
        after: { "order.created": false },
      },
    ]);

    const second = await restock(team, staff.ctx, productId);
    expect(await recipients(team, "order-submitted", second.number)).toEqual(
      [fixture.admin.email, manager2.email].sort(),
    );

    // On again: the explicit choice is stored (enabled = true), and the emails come back.
    const again = await updateNotificationPreferences(manager.ctx, { preferences: { "order.created": true } });
    expect(states(again)["order.created"]).toBe(true);
    expect(await rowsOf(fixture.companyId, manager.userId)).toEqual([{ kind: "order.created", enabled: true }]);
    const third = await restock(team, staff.ctx, productId);
    expect(await recipients(team, "order-submitted", third.number)).toEqual(
      [fixture.admin.email, manager.email, manager2.email].sort(),
    );
    expect((await auditOf(fixture.companyId, manager.userId)).map((a) => [a.before, a.after])).toEqual([
      [{ "order.created": true }, { "order.created": false }],
      [{ "order.created": false }, { "order.created": true }],
    ]);
  });

  it("a requester who turns decisions off gets no order-status email; another requester still does", async () => {
    const { fixture, manager, staff, staff2 } = team;
    await updateNotificationPreferences(staff.ctx, { preferences: { "order.status": false } });
    expect(await rowsOf(fixture.companyId, staff.userId)).toEqual([{ kind: "order.status", enabled: false }]);

    const mine = await restock(team, staff.ctx, productId);
    await approveOrderRequest(manager.ctx, { orderId: mine.id, version: mine.version });
    expect(await recipients(team, "order-status", mine.number)).toEqual([]);
    const rejected = await restock(team, staff.ctx, productId);
    await rejectOrderRequest(manager.ctx, { orderId: rejected.id, version: rejected.version, note: "Not now" });
    expect(await recipients(team, "order-status", rejected.number)).toEqual([]);

    const theirs = await restock(team, staff2.ctx, productId);
    await approveOrderRequest(manager.ctx, { orderId: theirs.id, version: theirs.version });
    expect(await recipients(team, "order-status", theirs.number)).toEqual([staff2.email]);
  });

  it("saving what is already in effect writes no row and no audit entry", async () => {
    const { fixture, manager2 } = team;
    const list = await updateNotificationPreferences(manager2.ctx, {
      preferences: { "order.created": true, "order.status": true, "stock.low": true },
    });
    expect(list.every((p) => p.enabled)).toBe(true);
    expect(await rowsOf(fixture.companyId, manager2.userId)).toEqual([]);
    expect(await auditOf(fixture.companyId, manager2.userId)).toEqual([]);
  });

  it("several kinds in one save: one audit row naming only the kinds that changed", async () => {
    const person = await addMember(system, team.fixture.companyId, { role: "MANAGER" });
    await updateNotificationPreferences(person.ctx, {
      preferences: { "order.created": true, "order.status": false, "stock.low": false },
    });
    expect(await rowsOf(team.fixture.companyId, person.userId)).toEqual([
      { kind: "order.status", enabled: false },
      { kind: "stock.low", enabled: false },
    ]);
    expect(await auditOf(team.fixture.companyId, person.userId)).toEqual([
      expect.objectContaining({
        before: { "order.status": true, "stock.low": true },
        after: { "order.status": false, "stock.low": false },
      }),
    ]);
  });

  it("two saves by one person at once both apply, one after the other", async () => {
    const person = await addMember(system, team.fixture.companyId, { role: "ADMIN" });
    await Promise.all([
      updateNotificationPreferences(person.ctx, { preferences: { "order.created": false } }),
      updateNotificationPreferences(person.ctx, { preferences: { "stock.low": false } }),
    ]);
    expect(states(await getNotificationPreferences(person.ctx))).toMatchObject({
      "order.created": false,
      "stock.low": false,
      "order.status": true,
    });
    expect(await auditOf(team.fixture.companyId, person.userId)).toHaveLength(2);
  });
});

describe("refusals change nothing", () => {
  let team: OrderTeam;
  beforeAll(async () => {
    team = await orderTeam(system, "notif-refuse");
  });

  async function expectUnchanged(ctx: TenantContext, work: () => Promise<unknown>) {
    const before = {
      rows: await rowsOf(ctx.companyId, ctx.userId),
      audit: await system.auditLog.count({ where: { companyId: ctx.companyId } }),
    };
    const error = await refusal(work());
    expect(error.code).toBe("VALIDATION");
    expect({
      rows: await rowsOf(ctx.companyId, ctx.userId),
      audit: await system.auditLog.count({ where: { companyId: ctx.companyId } }),
    }).toEqual(before);
    return error;
  }

  it("staff cannot set a kind only managers receive, even alongside a valid change", async () => {
    const { staff } = team;
    const error = await expectUnchanged(staff.ctx, () =>
      updateNotificationPreferences(staff.ctx, { preferences: { "order.created": false, "order.status": false } }),
    );
    expect(error.fieldErrors).toEqual({ "preferences.order.created": ["Your role does not receive this email."] });
    expect((await refusal(updateNotificationPreferences(staff.ctx, { preferences: { "stock.low": true } }))).code).toBe(
      "VALIDATION",
    );
  });

  it("a required kind cannot be turned off (or even named)", async () => {
    const { manager, fixture } = team;
    for (const enabled of [false, true]) {
      const error = await expectUnchanged(manager.ctx, () =>
        updateNotificationPreferences(manager.ctx, { preferences: { "account.security": enabled } }),
      );
      expect(error.fieldErrors).toEqual({
        "preferences.account.security": ["This email is always sent: it cannot be turned off."],
      });
    }
    const admin = await expectUnchanged(fixture.ctx, () =>
      updateNotificationPreferences(fixture.ctx, { preferences: { "company.status": false } }),
    );
    expect(Object.keys(admin.fieldErrors ?? {})).toEqual(["preferences.company.status"]);
  });

  it("unknown kinds, unknown keys and values that are not booleans are refused", async () => {
    const { manager } = team;
    const unknown = await expectUnchanged(manager.ctx, () =>
      updateNotificationPreferences(manager.ctx, { preferences: { "order.shipped": false, "order.created": false } }),
    );
    expect(unknown.fieldErrors).toEqual({ "preferences.order.shipped": ["There is no such email to turn on or off."] });
    for (const input of [
      { preferences: { "order.created": false }, userId: team.staff.userId },
      { preferences: { "order.created": false }, companyId: team.fixture.companyId },
      { preferences: { "order.created": "off" } },
      { preferences: { ["x".repeat(65)]: false } },
      { preferences: ["order.created"] },
      {},
      null,
    ]) {
      await expectUnchanged(manager.ctx, () => updateNotificationPreferences(manager.ctx, input));
    }
  });

  it("the role as it is now decides: a manager demoted since the session began can no longer set manager kinds", async () => {
    const person = await addMember(system, team.fixture.companyId, { role: "MANAGER" });
    await system.membership.update({ where: { id: person.membershipId }, data: { role: "STAFF" } });
    await expectUnchanged(person.ctx, () =>
      updateNotificationPreferences(person.ctx, { preferences: { "order.created": false } }),
    );
  });

  it("a deactivated membership saves nothing", async () => {
    const person = await addMember(system, team.fixture.companyId, { role: "STAFF" });
    await system.membership.update({ where: { id: person.membershipId }, data: { active: false } });
    const error = await refusal(updateNotificationPreferences(person.ctx, { preferences: { "order.status": false } }));
    expect(error.code).toBe("FORBIDDEN");
    expect(await rowsOf(team.fixture.companyId, person.userId)).toEqual([]);
  });
});

describe("choices are per company", () => {
  it("a person in two companies chooses separately in each, and each company's emails follow its own choice", async () => {
    const [a, b] = await Promise.all([orderTeam(system, "notif-pc-a"), orderTeam(system, "notif-pc-b")]);
    const [productA, productB] = await Promise.all([
      pricedProduct(system, a.fixture),
      pricedProduct(system, b.fixture),
    ]);
    // a.manager is a manager in B too.
    await addMembership(system, b.fixture.companyId, a.manager.userId, "MANAGER");
    const inA = a.manager.ctx;
    const inB: TenantContext = { ...a.manager.ctx, companyId: b.fixture.companyId };

    await updateNotificationPreferences(inA, { preferences: { "order.created": false } });
    await updateNotificationPreferences(inB, { preferences: { "stock.low": false } });

    expect(await rowsOf(a.fixture.companyId, a.manager.userId)).toEqual([{ kind: "order.created", enabled: false }]);
    expect(await rowsOf(b.fixture.companyId, a.manager.userId)).toEqual([{ kind: "stock.low", enabled: false }]);
    expect(states(await getNotificationPreferences(inA))).toMatchObject({ "order.created": false, "stock.low": true });
    expect(states(await getNotificationPreferences(inB))).toMatchObject({ "order.created": true, "stock.low": false });
    expect(await auditOf(a.fixture.companyId, a.manager.userId)).toHaveLength(1);
    expect(await auditOf(b.fixture.companyId, a.manager.userId)).toHaveLength(1);

    const orderA = await restock(a, a.staff.ctx, productA.id);
    const orderB = await restock(b, b.staff.ctx, productB.id);
    expect(await recipients(a, "order-submitted", orderA.number)).not.toContain(a.manager.email);
    expect(await recipients(b, "order-submitted", orderB.number)).toContain(a.manager.email);
  });
});

describe("company B never reads or writes company A's choices", () => {
  let a: OrderTeam;
  let b: OrderTeam;
  beforeAll(async () => {
    [a, b] = await Promise.all([orderTeam(system, "notif-iso-a"), orderTeam(system, "notif-iso-b")]);
    await updateNotificationPreferences(a.manager.ctx, { preferences: { "order.created": false } });
    // A former member of B: B's senders can see the person (the recipients query checks their confirmed address
    // through B's scope), but nothing of their choices in A.
    await addMembership(system, b.fixture.companyId, a.manager.userId, "MANAGER", false);
  });

  const aRows = () => rowsOf(a.fixture.companyId, a.manager.userId);

  it("through the domain functions: a context naming company B with A's person sees defaults and saves nothing", async () => {
    // A forged context: the person has no active membership in B.
    const forged: TenantContext = { ...a.manager.ctx, companyId: b.fixture.companyId };
    expect(states(await getNotificationPreferences(forged))["order.created"]).toBe(true);
    const error = await refusal(updateNotificationPreferences(forged, { preferences: { "order.created": true } }));
    expect(error.code).toBe("FORBIDDEN");
    expect(await aRows()).toEqual([{ kind: "order.created", enabled: false }]);
    expect(await rowsOf(b.fixture.companyId, a.manager.userId)).toEqual([]);
    // Nor does a sender in B see A's choice.
    const wanted = await withTenantTx(b.fixture, (tx) => withNotificationsOn(tx, "order.created", [a.manager.userId]));
    expect([...wanted]).toEqual([a.manager.userId]);
  });

  it("RLS alone: raw SQL as the app role in company B neither reads nor changes A's rows", async () => {
    const client = await app.connect();
    try {
      const seen = await asCompany(client, b.fixture.companyId, async () => ({
        read: (await client.query("SELECT * FROM notification_preferences WHERE user_id = $1", [a.manager.userId]))
          .rowCount,
        updated: (
          await client.query("UPDATE notification_preferences SET enabled = true WHERE company_id = $1", [
            a.fixture.companyId,
          ])
        ).rowCount,
      }));
      expect(seen).toEqual({ read: 0, updated: 0 });
      // Choices are saved by upsert, never deleted: the app role may not delete one of its own company either.
      await expect(
        asCompany(client, b.fixture.companyId, () =>
          client.query("DELETE FROM notification_preferences WHERE user_id = $1", [a.manager.userId]),
        ),
      ).rejects.toMatchObject({ code: "42501" });
      await expect(
        asCompany(client, b.fixture.companyId, () =>
          client.query(
            "INSERT INTO notification_preferences (company_id, user_id, kind, enabled, updated_at) VALUES ($1, $2, 'stock.low', false, now())",
            [a.fixture.companyId, a.manager.userId],
          ),
        ),
      ).rejects.toMatchObject({ code: "42501" });
    } finally {
      client.release();
    }
    expect(await aRows()).toEqual([{ kind: "order.created", enabled: false }]);
  });

  it("the extension alone: the tenant client on a connection that bypasses RLS stays in company B", async () => {
    const seen = await withTenantTx(
      b.fixture,
      async (tx) => ({
        read: await tx.notificationPreference.findMany({ where: { userId: a.manager.userId } }),
        updated: (
          await tx.notificationPreference.updateMany({
            where: { userId: a.manager.userId, kind: "order.created" },
            data: { enabled: true },
          })
        ).count,
        deleted: (await tx.notificationPreference.deleteMany({ where: { userId: a.manager.userId } })).count,
        recipients: [...(await withNotificationsOn(tx, "order.created", [a.manager.userId]))],
      }),
      { client: system },
    );
    expect(seen).toEqual({ read: [], updated: 0, deleted: 0, recipients: [a.manager.userId] });
    await expect(
      withTenantTx(
        b.fixture,
        (tx) =>
          tx.notificationPreference.create({
            data: { companyId: a.fixture.companyId, userId: a.manager.userId, kind: "stock.low", enabled: false },
          }),
        { client: system },
      ),
    ).rejects.toBeInstanceOf(TenantScopeError);
    expect(await aRows()).toEqual([{ kind: "order.created", enabled: false }]);
  });
});
