// Who the audit names, as they were (issue 12, item 8), on real PostgreSQL: an entry keeps the actor's name and email
// of the moment it was written, whatever they are called later, in the viewer and the CSV; entries from before names
// were recorded show today's name, marked. Deactivating a member snapshots them on the membership; from then on
// their own account's events (name and email changes, sign-ins elsewhere, failed passwords, signing out everywhere)
// reach only the companies they are still active in, and the deactivating company names them as they were. The
// database fills and guards both snapshots (a writer cannot forge them), and neither crosses to another company.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAuditActor } from "../../lib/audit/audit-actor";
import { exportAuditEntries } from "../../lib/audit/export-audit-entries";
import { listAuditEntries } from "../../lib/audit/list-audit-entries";
import { signOutEverywhere } from "../../lib/auth/sessions";
import { verifyCredentials } from "../../lib/auth/sign-in";
import { confirmEmail } from "../../lib/accounts/email-confirmation";
import { changeEmail, updateProfileName } from "../../lib/accounts/update-profile";
import type { RequestMeta, TenantContext } from "../../lib/context";
import { parseCsv } from "../../lib/csv/parse-csv";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { createLocation } from "../../lib/locations/create-location";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { listOrderRequests } from "../../lib/orders/list-order-requests";
import { getProduct } from "../../lib/products/get-product";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { deactivateMember } from "../../lib/users/deactivate-member";
import { listMembers } from "../../lib/users/list-members";
import { reactivateMember } from "../../lib/users/reactivate-member";
import { confirmationTokenFromOutbox, createPerson, type Person } from "../factories/accounts";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { createOrder } from "../factories/orders";
import { addMembership } from "../factories/users";
import { appRolePool, asCompany, superuserClient } from "../helpers/db";

let system: PrismaClient;
let app: pg.Pool;
let a: CompanyFixture;
let b: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(4);
  app = appRolePool();
  a = await createCompanyFixture(system, "actor-a");
  b = await createCompanyFixture(system, "actor-b");
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.end()]);
  await disconnectAll();
});

/** A unique client address, so the sign-in limits of one test never touch another's. */
function address(): string {
  const n = Number.parseInt(uniqueSuffix().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

interface Someone extends Person {
  name: string;
  membershipId: string;
  ctx: TenantContext;
}

/** A manager of company A with a real password, as they are today. */
async function manager(label: string): Promise<Someone> {
  const person = await createPerson(system, { companyId: a.companyId, role: "MANAGER", label });
  const { name } = await system.user.findUniqueOrThrow({ where: { id: person.id }, select: { name: true } });
  const membership = await system.membership.findUniqueOrThrow({
    where: { companyId_userId: { companyId: a.companyId, userId: person.id } },
    select: { id: true },
  });
  return {
    ...person,
    name,
    membershipId: membership.id,
    ctx: { companyId: a.companyId, userId: person.id, email: person.email, role: "MANAGER", request: {} },
  };
}

/** An entry as one written before names were recorded: the trigger that fills them is skipped (superuser only). */
async function entryFromBefore(companyId: string, actor: { id: string; email: string }): Promise<string> {
  const id = randomUUID();
  await system.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    await tx.$executeRaw`
      INSERT INTO audit_logs (id, company_id, actor_id, actor_email, action, entity_type)
      VALUES (${id}::uuid, ${companyId}::uuid, ${actor.id}::uuid, ${actor.email}, 'product.updated', 'product')`;
  });
  return id;
}

/** Every row of a company's log about a person: by them, or on their account. */
const rowsAbout = (companyId: string, userId: string) =>
  system.auditLog.findMany({
    where: { companyId, OR: [{ actorId: userId }, { entityType: "user", entityId: userId }] },
    select: { id: true, action: true },
    orderBy: { id: "asc" },
  });

async function csvRows(ctx: TenantContext, filters: Record<string, string>): Promise<string[][]> {
  const download = await exportAuditEntries(ctx, filters);
  const parsed = parseCsv(await new Response(download.stream).text());
  if (!parsed.ok) throw new Error(parsed.problem.message);
  expect(parsed.header.cells.slice(1, 5)).toEqual(["actor_id", "actor", "actor_email", "actor_note"]);
  return parsed.rows.map((row) => row.cells);
}

/** An email change as a person makes it: asked for with the password, then confirmed from the new address's link. */
async function moveEmail(owner: { userId: string; request: RequestMeta }, email: string, password: string) {
  await changeEmail(owner, { email, currentPassword: password });
  await confirmEmail(await confirmationTokenFromOutbox(system, email), owner.request);
}

describe("an entry names the actor as they were", () => {
  it("keeps the name and email of the moment after the actor renames themselves and changes email", async () => {
    const quinn = await manager("quinn");
    const shelf = await createLocation(quinn.ctx, { name: `Shelf ${uniqueSuffix()}` });
    const owner = { userId: quinn.id, request: {} };
    await updateProfileName(owner, { name: "Quinn Renamed" });
    const newEmail = `quinn-moved-${uniqueSuffix()}@accounts.test`;
    await moveEmail(owner, newEmail, quinn.password);

    const created = await listAuditEntries(a.ctx, { entityType: "location", entityId: shelf.id });
    expect(created.entries.map((entry) => entry.actor)).toEqual([
      { id: quinn.id, name: quinn.name, email: quinn.email, as: "recorded", member: true },
    ]);
    expect(describeAuditActor(created.entries[0]!.actor)).toEqual({
      label: quinn.name,
      email: quinn.email,
      note: null,
    });

    // Each of their own entries names them as they were at that step.
    const theirs = await listAuditEntries(a.ctx, { actorId: quinn.id });
    expect(theirs.entries.map((entry) => [entry.action, entry.actor.name, entry.actor.email])).toEqual([
      ["user.email_changed", "Quinn Renamed", newEmail],
      ["user.email_change_requested", "Quinn Renamed", quinn.email],
      ["user.name_changed", "Quinn Renamed", quinn.email],
      ["location.created", quinn.name, quinn.email],
    ]);
    // The filter offers them by today's name: they are a member today.
    expect(theirs.options.actors).toContainEqual({ id: quinn.id, name: "Quinn Renamed", active: true });

    const [row, ...more] = await csvRows(a.ctx, { entityType: "location", entityId: shelf.id });
    expect(more).toEqual([]);
    expect(row!.slice(1, 5)).toEqual([quinn.id, quinn.name, quinn.email, ""]);
  });

  it("shows today's name, marked, for an entry written before names were recorded", async () => {
    const olive = await manager("olive");
    const old = await entryFromBefore(a.companyId, { id: olive.id, email: olive.email });
    await updateProfileName({ userId: olive.id, request: {} }, { name: "Olive Today" });

    const list = await listAuditEntries(a.ctx, { actorId: olive.id, action: "product.updated" });
    expect(list.entries.map((entry) => [entry.id, entry.actor])).toEqual([
      [old, { id: olive.id, name: "Olive Today", email: olive.email, as: "current", member: true }],
    ]);
    expect(describeAuditActor(list.entries[0]!.actor)).toEqual({
      label: "Olive Today",
      email: olive.email,
      note: "current name",
    });
    const rows = await csvRows(a.ctx, { actorId: olive.id, action: "product.updated" });
    expect(rows.map((cells) => cells.slice(1, 5))).toEqual([[olive.id, "Olive Today", olive.email, "current name"]]);
  });

  it("is filled by the database: a writer cannot name someone else, and a row without an actor keeps its email", async () => {
    const client = await app.connect();
    try {
      const forged = await asCompany(client, a.companyId, () =>
        client.query<{ actor_name: string | null; actor_email: string | null }>(
          `INSERT INTO audit_logs (id, company_id, actor_id, actor_name, actor_email, action, entity_type)
           VALUES (gen_random_uuid(), $1, $2, 'Someone Else', 'else@elsewhere.test', 'x.forged', 'x')
           RETURNING actor_name, actor_email`,
          [a.companyId, a.admin.id],
        ),
      );
      expect(forged.rows).toEqual([{ actor_name: expect.stringMatching(/^Admin /), actor_email: a.admin.email }]);
      const anonymous = await asCompany(client, a.companyId, () =>
        client.query(
          `INSERT INTO audit_logs (id, company_id, actor_name, actor_email, action, entity_type)
           VALUES (gen_random_uuid(), $1, 'Alice Admin', 'visitor@elsewhere.test', 'x.anonymous', 'x')
           RETURNING actor_name, actor_email`,
          [a.companyId],
        ),
      );
      expect(anonymous.rows).toEqual([{ actor_name: null, actor_email: "visitor@elsewhere.test" }]);
    } finally {
      client.release();
    }
  });
});

describe("a deactivated member", () => {
  it("is snapshotted on the membership, and their later activity elsewhere stays out of the company's log", async () => {
    const dana = await manager("dana");
    await addMembership(system, b.companyId, dana.id, "MANAGER");
    const shelf = await createLocation(dana.ctx, { name: `Dana's shelf ${uniqueSuffix()}` });
    const old = await entryFromBefore(a.companyId, { id: dana.id, email: dana.email });

    await deactivateMember(a.ctx, { membershipId: dana.membershipId });
    const membership = await system.membership.findUniqueOrThrow({ where: { id: dana.membershipId } });
    expect(membership).toMatchObject({ active: false, deactivatedName: dana.name, deactivatedEmail: dana.email });
    expect(Date.now() - membership.deactivatedAt!.getTime()).toBeLessThan(60_000);
    const known = await rowsAbout(a.companyId, dana.id);
    expect(known.map((row) => row.action)).toEqual(["location.created", "product.updated"]);

    // Their own account moves on: a new name and address, a sign-in (into B now), a wrong password, sign-out.
    const owner = { userId: dana.id, request: { ip: address() } };
    await updateProfileName(owner, { name: "Dana Elsewhere" });
    const newEmail = `dana-moved-${uniqueSuffix()}@accounts.test`;
    await moveEmail(owner, newEmail, dana.password);
    const signIn = await verifyCredentials({ email: newEmail, password: dana.password }, { ip: address() });
    expect(signIn).toMatchObject({ ok: true, claims: { companyId: b.companyId } });
    const wrong = await verifyCredentials({ email: newEmail, password: "not the password" }, { ip: address() });
    expect(wrong.ok).toBe(false);
    await signOutEverywhere({ userId: dana.id, email: newEmail, request: { ip: address() } });

    expect(await rowsAbout(a.companyId, dana.id)).toEqual(known);
    expect((await rowsAbout(b.companyId, dana.id)).map((row) => row.action).sort()).toEqual([
      "auth.login",
      "auth.login_failed",
      "user.email_change_requested",
      "user.email_changed",
      "user.name_changed",
      "user.signed_out_everywhere",
    ]);
    // The snapshot stays what it was, whatever the person is called now.
    expect(await system.membership.findUniqueOrThrow({ where: { id: dana.membershipId } })).toMatchObject({
      deactivatedName: dana.name,
      deactivatedEmail: dana.email,
      deactivatedAt: membership.deactivatedAt,
    });

    // Company A names them as they were: on the members page, in the filter, in the log and the CSV.
    const members = await listMembers(a.ctx, {});
    expect(members.members.find((member) => member.userId === dana.id)).toMatchObject({
      name: dana.name,
      email: dana.email,
      status: "DEACTIVATED",
      deactivatedAt: membership.deactivatedAt,
    });
    const list = await listAuditEntries(a.ctx, { actorId: dana.id });
    expect(list.options.actors).toContainEqual({ id: dana.id, name: dana.name, active: false });
    expect(list.entries.map((entry) => [entry.id, entry.actor])).toEqual([
      [old, { id: dana.id, name: dana.name, email: dana.email, as: "deactivated", member: false }],
      [
        known.find((row) => row.action === "location.created")!.id,
        { id: dana.id, name: dana.name, email: dana.email, as: "recorded", member: false },
      ],
    ]);
    expect(list.entries.map((entry) => describeAuditActor(entry.actor).note)).toEqual([
      "name when deactivated; no longer a member",
      "no longer a member",
    ]);
    const rows = await csvRows(a.ctx, { actorId: dana.id });
    expect(rows.map((cells) => cells.slice(2, 5))).toEqual([
      [dana.name, dana.email, "name when deactivated; no longer a member"],
      [dana.name, dana.email, "no longer a member"],
    ]);
    const text = JSON.stringify([members, list, rows, await listAuditEntries(a.ctx, { entityId: shelf.id })]);
    expect(text).not.toContain("Dana Elsewhere");
    expect(text).not.toContain(newEmail);
  });

  it("keeps the snapshot out of reach of an UPDATE, and loses it when reactivated, after which news flows again", async () => {
    const remy = await manager("remy");
    await deactivateMember(a.ctx, { membershipId: remy.membershipId });
    const client = await app.connect();
    try {
      await asCompany(client, a.companyId, () =>
        client.query(
          `UPDATE memberships SET deactivated_name = 'Forged', deactivated_email = 'forged@x.test', deactivated_at = NULL
            WHERE id = $1`,
          [remy.membershipId],
        ),
      );
    } finally {
      client.release();
    }
    expect(await system.membership.findUniqueOrThrow({ where: { id: remy.membershipId } })).toMatchObject({
      deactivatedName: remy.name,
      deactivatedEmail: remy.email,
      deactivatedAt: expect.any(Date),
    });

    await reactivateMember(a.ctx, { membershipId: remy.membershipId });
    expect(await system.membership.findUniqueOrThrow({ where: { id: remy.membershipId } })).toMatchObject({
      active: true,
      deactivatedName: null,
      deactivatedEmail: null,
      deactivatedAt: null,
    });
    await updateProfileName({ userId: remy.id, request: {} }, { name: "Remy Back" });
    expect((await rowsAbout(a.companyId, remy.id)).map((row) => row.action)).toContain("user.name_changed");
    const members = await listMembers(a.ctx, {});
    expect(members.members.find((member) => member.userId === remy.id)).toMatchObject({
      name: "Remy Back",
      status: "ACTIVE",
    });
  });
});

describe("two companies", () => {
  it("each names a person as it knows them, and neither reads the other's snapshots", async () => {
    const sam = await manager("sam");
    await addMembership(system, b.companyId, sam.id, "STAFF");
    const shelf = await createLocation(sam.ctx, { name: `Sam's shelf ${uniqueSuffix()}` });
    await deactivateMember(a.ctx, { membershipId: sam.membershipId });
    await updateProfileName({ userId: sam.id, request: {} }, { name: "Sam In B" });

    // B sees its active member as they are now, and none of A's entries.
    const inB = await listAuditEntries(b.ctx, { actorId: sam.id });
    expect(inB.entries.map((entry) => [entry.action, entry.actor.name, entry.actor.as])).toEqual([
      ["user.name_changed", "Sam In B", "recorded"],
    ]);
    expect(inB.options.actors).toContainEqual({ id: sam.id, name: "Sam In B", active: true });
    expect((await listAuditEntries(b.ctx, { entityId: shelf.id })).entries).toEqual([]);
    // A sees the snapshot.
    const inA = await listAuditEntries(a.ctx, { actorId: sam.id });
    expect(inA.entries.map((entry) => [entry.action, entry.actor.name])).toEqual([["location.created", sam.name]]);

    // Under B's row-level security, A's membership and A's entries do not exist, snapshot columns included.
    const client = await app.connect();
    try {
      const seen = await asCompany(client, b.companyId, async () => ({
        memberships: (
          await client.query("SELECT deactivated_name, deactivated_email FROM memberships WHERE id = $1", [
            sam.membershipId,
          ])
        ).rows,
        entries: (
          await client.query("SELECT actor_name FROM audit_logs WHERE company_id = $1 AND actor_id = $2", [
            a.companyId,
            sam.id,
          ])
        ).rows,
      }));
      expect(seen).toEqual({ memberships: [], entries: [] });
    } finally {
      client.release();
    }
  });
});

describe("lists and pages name a deactivated member as they were", () => {
  it("the request list and page, the product's movements and the dashboard keep the name of the time", async () => {
    const fixture = await createCompanyFixture(system, "known-names");
    const kim = await createPerson(system, { companyId: fixture.companyId, role: "MANAGER", label: "kim" });
    const { name: kimThen } = await system.user.findUniqueOrThrow({ where: { id: kim.id }, select: { name: true } });
    const ctx: TenantContext = {
      companyId: fixture.companyId,
      userId: kim.id,
      email: kim.email,
      role: "MANAGER",
      request: {},
    };
    const made = await createOrder(ctx, {
      type: "RESTOCK",
      locationId: fixture.locationId,
      lines: [{ productId: fixture.productId, quantity: 2 }],
    });
    await adjustStock(ctx, {
      operationId: randomUUID(),
      productId: fixture.productId,
      locationId: fixture.locationId,
      mode: "change",
      quantity: "1",
      reason: "Found one",
    });
    const membership = await system.membership.findUniqueOrThrow({
      where: { companyId_userId: { companyId: fixture.companyId, userId: kim.id } },
      select: { id: true },
    });
    await deactivateMember(fixture.ctx, { membershipId: membership.id });
    await system.user.update({ where: { id: kim.id }, data: { name: "Kim Elsewhere" } });

    const shown = async () => ({
      list: (await listOrderRequests(fixture.ctx, {})).rows.find((row) => row.id === made.id)?.requesterName,
      page: (await getOrderRequest(fixture.ctx, { orderId: made.id })).requester.name,
      movement: (await getProduct(fixture.ctx, { id: fixture.productId })).movements.rows.find(
        (row) => row.reason === "ADJUSTMENT",
      )?.actorName,
      dashboard: (await getDashboard(fixture.ctx, { days: 30 })).oldestPending.find((row) => row.id === made.id)
        ?.requesterName,
    });
    expect(await shown()).toEqual({ list: kimThen, page: kimThen, movement: kimThen, dashboard: kimThen });
    // Back in the company, they are named as they are today.
    await reactivateMember(fixture.ctx, { membershipId: membership.id });
    expect(await shown()).toEqual({
      list: "Kim Elsewhere",
      page: "Kim Elsewhere",
      movement: "Kim Elsewhere",
      dashboard: "Kim Elsewhere",
    });
  });
});
