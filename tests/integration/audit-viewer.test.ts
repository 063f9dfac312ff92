// The audit trail viewer (issue 7, part 4) on real PostgreSQL: an admin lists the entries of the actions this test
// performs, filtered by actor, action, entity and whole days in the company's time zone; keyset pages neither repeat
// nor skip an entry, also among entries of the same instant; managers and staff are refused; another company's
// admin sees none of it (RLS holds even when the SQL names the wrong company); a refused authorization through the
// action and route wrappers writes an "auth.forbidden" row (and a failure to write it changes nothing); the CSV
// export streams the filtered entries with formula cells guarded.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as auditExportRoute } from "../../app/(app)/audit/export.csv/route";
import { tenantAction } from "../../lib/action";
import { auditEntriesSql } from "../../lib/audit/audit-list-query";
import { exportAuditEntries } from "../../lib/audit/export-audit-entries";
import { listAuditEntries, type AuditList } from "../../lib/audit/list-audit-entries";
import type { AppContext } from "../../lib/auth/context";
import { requireTenantForAction } from "../../lib/auth/context";
import type { TenantContext } from "../../lib/context";
import { parseCsv } from "../../lib/csv/parse-csv";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { COMPANY_FIELD } from "../../lib/form-company";
import { createLocation } from "../../lib/locations/create-location";
import { renameLocation } from "../../lib/locations/rename-location";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { createOrder } from "../factories/orders";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserClient } from "../helpers/db";

vi.mock("../../lib/auth/context", () => ({ requireTenantForAction: vi.fn() }));

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let otherAdmin: MemberFixture;
let manager: MemberFixture;
let staff: MemberFixture;
let backRoom: { id: string; name: string };
let yard: { id: string };

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "audit-a");
  b = await createCompanyFixture(system, "audit-b");
  otherAdmin = await addMember(system, a.companyId, { role: "ADMIN" });
  manager = await addMember(system, a.companyId, { role: "MANAGER" });
  staff = await addMember(system, a.companyId, { role: "STAFF" });

  // What the log should hold: two admins' changes to locations and stock.
  const name = `Back room ${uniqueSuffix()}`;
  const created = await createLocation(a.ctx, { name, code: "BR" });
  backRoom = { id: created.id, name: `${name} (east)` };
  await renameLocation(a.ctx, { locationId: created.id, name: backRoom.name });
  await adjustStock(a.ctx, {
    operationId: randomUUID(),
    productId: a.productId,
    locationId: a.locationId,
    mode: "change",
    quantity: 5,
    reason: "Found in the back",
  });
  yard = await createLocation(otherAdmin.ctx, { name: `Yard ${uniqueSuffix()}` });
});

afterAll(async () => {
  await system.$disconnect();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

const actions = (list: AuditList) => list.entries.map((entry) => entry.action);

/** Today as a date input sends it, in a time zone. */
const dayIn = (timeZone: string, at = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);

const asApp = (ctx: TenantContext) =>
  ({
    ...ctx,
    user: { name: "x", email: ctx.email, isPlatformAdmin: false },
    company: { name: "x" },
    memberships: [],
    sessionId: "00000000-0000-4000-8000-000000000000",
  }) as AppContext;

describe("listing the audit log", () => {
  it("shows an admin every entry of the company, newest first, with who, what and the change", async () => {
    const list = await listAuditEntries(a.ctx, {});
    // The fixture's own entry is the oldest; ours follow in the order they happened.
    expect(actions(list)).toEqual([
      "location.created",
      "stock.adjusted",
      "location.renamed",
      "location.created",
      "company.created",
    ]);
    const renamed = list.entries[2]!;
    expect(renamed).toMatchObject({
      actor: { id: a.admin.id, name: expect.stringContaining("Admin"), email: a.admin.email },
      entityType: "location",
      entityId: backRoom.id,
      entityLabel: backRoom.name,
      before: { name: backRoom.name.replace(" (east)", "") },
      after: { name: backRoom.name },
    });
    const adjusted = list.entries[1]!;
    expect(adjusted).toMatchObject({ entityType: "product", entityId: a.productId });
    expect(adjusted.entityLabel).toMatch(/^Widget .+ \(SKU-.+\)$/);
    expect(adjusted.after).toMatchObject({
      mode: "change",
      quantity: 5,
      reason: "Found in the back",
      locationId: a.locationId,
      locationName: "Main",
    });
    // The names of that moment: the product was not renamed; the location was created under its first name.
    expect(adjusted.recordedLabel).toBe(adjusted.entityLabel);
    expect(renamed.recordedLabel).toBe(backRoom.name);
    expect(list.entries[3]).toMatchObject({
      entityId: backRoom.id,
      recordedLabel: backRoom.name.replace(" (east)", ""),
      entityLabel: backRoom.name,
    });
    // Today's names of the locations the entries' data name, for the entries that recorded none.
    expect(list.locationNames).toEqual({ [a.locationId]: "Main" });
    expect(list.entries.every((entry, i, all) => i === 0 || all[i - 1]!.at >= entry.at)).toBe(true);
    expect(list.nextCursor).toBeNull();
    expect(list.timeZone).toBe("UTC");
  });

  it("offers the company's members, and the actions and entity types its log holds", async () => {
    const { options } = await listAuditEntries(a.ctx, {});
    expect(options.actions).toEqual(["company.created", "location.created", "location.renamed", "stock.adjusted"]);
    expect(options.entityTypes).toEqual(["company", "location", "product"]);
    expect(options.actors.map((actor) => actor.id).sort()).toEqual(
      [a.admin.id, otherAdmin.userId, manager.userId, staff.userId].sort(),
    );
  });

  it("filters by actor", async () => {
    const list = await listAuditEntries(a.ctx, { actorId: otherAdmin.userId });
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]).toMatchObject({
      action: "location.created",
      entityId: yard.id,
      actor: { id: otherAdmin.userId, name: otherAdmin.name },
    });
    expect(await listAuditEntries(a.ctx, { actorId: staff.userId.toUpperCase() })).toMatchObject({ entries: [] });
  });

  it("filters by action", async () => {
    const list = await listAuditEntries(a.ctx, { action: "location.created" });
    expect(list.entries.map((entry) => entry.entityId)).toEqual([yard.id, backRoom.id]);
    expect(await listAuditEntries(a.ctx, { action: "order.approved" })).toMatchObject({ entries: [] });
  });

  it("filters by entity type and id, whatever the id's case", async () => {
    const list = await listAuditEntries(a.ctx, { entityType: "location", entityId: backRoom.id.toUpperCase() });
    expect(actions(list)).toEqual(["location.renamed", "location.created"]);
    expect(actions(await listAuditEntries(a.ctx, { entityType: "product" }))).toEqual(["stock.adjusted"]);
    expect(await listAuditEntries(a.ctx, { entityType: "order", entityId: backRoom.id })).toMatchObject({
      entries: [],
    });
  });

  it("filters by whole days in the company's time zone", async () => {
    const today = dayIn("UTC");
    const yesterday = dayIn("UTC", new Date(Date.now() - 86_400_000));
    const tomorrow = dayIn("UTC", new Date(Date.now() + 86_400_000));
    expect(await listAuditEntries(a.ctx, { from: today, to: today })).toMatchObject({
      entries: expect.arrayContaining([expect.objectContaining({ entityId: backRoom.id })]),
    });
    expect((await listAuditEntries(a.ctx, { to: yesterday })).entries).toEqual([]);
    expect((await listAuditEntries(a.ctx, { from: tomorrow })).entries).toEqual([]);

    // 10:30 UTC on 1 March is already 2 March on Kiritimati (UTC+14): the day is the company's, not the server's.
    const fixture = await createCompanyFixture(system, "audit-tz");
    await system.company.update({ where: { id: fixture.companyId }, data: { timeZone: "Pacific/Kiritimati" } });
    const entry = await system.auditLog.create({
      data: {
        companyId: fixture.companyId,
        actorId: fixture.admin.id,
        actorEmail: fixture.admin.email,
        action: "location.renamed",
        entityType: "location",
        entityId: fixture.locationId,
        createdAt: new Date("2026-03-01T10:30:00.000Z"),
      },
      select: { id: true },
    });
    const ids = async (input: Record<string, string>) =>
      (await listAuditEntries(fixture.ctx, input)).entries.map((e) => e.id);
    expect(await ids({ from: "2026-03-02", to: "2026-03-02" })).toEqual([entry.id]);
    expect(await ids({ to: "2026-03-01" })).toEqual([]);
    expect(await ids({ from: "2026-03-03" })).not.toContain(entry.id);
  });

  it("refuses filters that are not filters, and keys that are not its own", async () => {
    await expect(listAuditEntries(a.ctx, { action: "DROP TABLE" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(listAuditEntries(a.ctx, { from: "2026-03-02", to: "2026-03-01" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(listAuditEntries(a.ctx, { after: "not-a-cursor" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(listAuditEntries(a.ctx, { companyId: b.companyId })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("paging", () => {
  it("walks keyset pages newest first without repeating or skipping, also among entries of one instant", async () => {
    const fixture = await createCompanyFixture(system, "audit-pages");
    // Seven entries written at the same instant (one transaction's now()), and six a second apart.
    const instant = new Date("2026-05-05T12:00:00.000Z");
    const written: string[] = [];
    for (let i = 0; i < 13; i++) {
      const row = await system.auditLog.create({
        data: {
          companyId: fixture.companyId,
          actorId: fixture.admin.id,
          action: "product.updated",
          entityType: "product",
          entityId: fixture.productId,
          createdAt: i < 7 ? instant : new Date(instant.getTime() + (i - 6) * 1000),
        },
        select: { id: true },
      });
      written.push(row.id);
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEntries(fixture.ctx, {
        action: "product.updated",
        limit: 3,
        ...(after && { after }),
      });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((entry) => entry.id));
      after = page.nextCursor ?? undefined;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...written].sort());
    // Newest first; among equal times, the later id (uuid v7: written later) first.
    const rows = await system.auditLog.findMany({
      where: { companyId: fixture.companyId, action: "product.updated" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(rows.map((row) => row.id));
  });
});

describe("who may see the log", () => {
  it("refuses managers and staff, in the list and the export", async () => {
    for (const member of [manager, staff]) {
      expect((await failure(listAuditEntries(member.ctx, {}))).code).toBe("FORBIDDEN");
      expect((await failure(exportAuditEntries(member.ctx, {}))).code).toBe("FORBIDDEN");
    }
  });

  it("never shows a company another's entries, even by the other's ids", async () => {
    const listB = await listAuditEntries(b.ctx, {});
    expect(listB.entries.length).toBeGreaterThan(0);
    expect(listB.entries.every((entry) => entry.entityId !== backRoom.id && entry.actor.id !== a.admin.id)).toBe(true);
    expect((await listAuditEntries(b.ctx, { entityType: "location", entityId: backRoom.id })).entries).toEqual([]);
    expect((await listAuditEntries(b.ctx, { actorId: a.admin.id })).entries).toEqual([]);
    expect(listB.options.actions).not.toContain("location.renamed");
    expect(listB.options.actors.map((actor) => actor.id)).toEqual([b.admin.id]);
  });

  it("keeps the entries apart by row-level security alone, when the SQL names the wrong company", async () => {
    const rows = await withTenantTx(b.ctx, (tx) =>
      tx.$queryRaw<unknown[]>(auditEntriesSql(a.companyId, {}, "UTC", undefined, 50)),
    );
    expect(rows).toEqual([]);
  });
});

describe("refused authorizations", () => {
  /** A form rendered for the caller's company, as tenant forms send it. */
  const formFor = (ctx: TenantContext) => {
    const form = new FormData();
    form.set(COMPANY_FIELD, ctx.companyId);
    return form;
  };
  const forbiddenRows = (companyId: string, actorId: string) =>
    system.auditLog.findMany({
      where: { companyId, actorId, action: "auth.forbidden" },
      select: { entityType: true, entityId: true, after: true, requestId: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });

  it("audits a member's refused action, in its own transaction, and shows it in the log", async () => {
    vi.mocked(requireTenantForAction).mockResolvedValue(asApp(staff.ctx));
    const result = await tenantAction(formFor(staff.ctx), (ctx) =>
      createLocation(ctx, { name: `Refused ${uniqueSuffix()}` }),
    );
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const message = (result as { message: string }).message;

    expect(await forbiddenRows(a.companyId, staff.userId)).toEqual([
      {
        entityType: "authorization",
        entityId: null,
        after: { message, role: "STAFF" },
        requestId: staff.ctx.request!.requestId,
      },
    ]);
    const list = await listAuditEntries(a.ctx, { action: "auth.forbidden", actorId: staff.userId });
    expect(list.entries).toHaveLength(1);
    expect(list.options.actions).toContain("auth.forbidden");
  });

  it("audits a refused route with its path, and answers with the request id for support", async () => {
    vi.mocked(requireTenantForAction).mockResolvedValue(asApp(manager.ctx));
    const requestId = randomUUID();
    const response = await auditExportRoute(
      new Request("http://localhost/audit/export.csv?action=location.created", {
        headers: { "x-request-id": requestId },
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(await response.text()).toBe(`Only admins can see the audit log.\nReference: ${requestId}\n`);
    expect(await forbiddenRows(a.companyId, manager.userId)).toEqual([
      {
        entityType: "authorization",
        entityId: null,
        after: { path: "/audit/export.csv", message: "Only admins can see the audit log.", role: "MANAGER" },
        requestId: manager.ctx.request!.requestId,
      },
    ]);
  });

  it("still refuses when the row cannot be written, and writes nothing for other failures", async () => {
    // A member of a company that does not exist: the audit insert fails, the answer stays the refusal.
    const ghost = { ...staff.ctx, companyId: randomUUID() };
    vi.mocked(requireTenantForAction).mockResolvedValue(asApp(ghost));
    expect(await tenantAction(formFor(ghost), () => Promise.reject(AppError.forbidden("No.")))).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "No.",
    });

    vi.mocked(requireTenantForAction).mockResolvedValue(asApp(otherAdmin.ctx));
    const result = await tenantAction(formFor(otherAdmin.ctx), (ctx) =>
      renameLocation(ctx, { locationId: randomUUID(), name: "Nowhere" }),
    );
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await forbiddenRows(a.companyId, otherAdmin.userId)).toEqual([]);
  });
});

describe("what an entry's entity was called", () => {
  // A company of its own: these rows would be in the way of the log the other tests read.
  let c: CompanyFixture;
  beforeAll(async () => {
    c = await createCompanyFixture(system, "audit-label");
  });

  const insertEntry = (companyId: string, entityType: string, entityId: string) =>
    system.$queryRaw<{ entity_label: string | null }[]>`
      INSERT INTO audit_logs (id, company_id, action, entity_type, entity_id, entity_label)
      VALUES (gen_random_uuid(), ${companyId}::uuid, 'test.labelled', ${entityType}, ${entityId}, 'Forged by the writer')
      RETURNING entity_label`;

  it("is what the database held when the row was written, whatever the writer passed", async () => {
    const product = await system.product.findUniqueOrThrow({ where: { id: c.productId } });
    const order = await createOrder(c.ctx, {
      locationId: c.locationId,
      lines: [{ productId: c.productId, quantity: 1 }],
    });
    expect(await insertEntry(c.companyId, "product", c.productId)).toEqual([
      { entity_label: `${product.name} (${product.sku})` },
    ]);
    expect(await insertEntry(c.companyId, "location", c.locationId)).toEqual([{ entity_label: "Main" }]);
    expect(await insertEntry(c.companyId, "order", order.id)).toEqual([
      { entity_label: `REQ-${String(order.number).padStart(6, "0")}` },
    ]);
    // Not an entity with a name, or no id of one: no label.
    expect(await insertEntry(c.companyId, "membership", randomUUID())).toEqual([{ entity_label: null }]);
    expect(await insertEntry(c.companyId, "product", "not-a-uuid")).toEqual([{ entity_label: null }]);
  });

  it("never names another company's entity, even for a writer that bypasses row-level security", async () => {
    expect(await insertEntry(b.companyId, "product", c.productId)).toEqual([{ entity_label: null }]);
    expect(await insertEntry(b.companyId, "location", c.locationId)).toEqual([{ entity_label: null }]);
  });

  it("is today's name, marked as such, for an entry that recorded none", async () => {
    // An entry written before its entity had a name here (as every entry before the label was recorded).
    const productId = randomUUID();
    expect(await insertEntry(c.companyId, "product", productId)).toEqual([{ entity_label: null }]);
    await system.product.create({
      data: { id: productId, companyId: c.companyId, sku: "LATE-1", name: "Named later" },
    });
    const filter = { entityType: "product", entityId: productId };
    const list = await listAuditEntries(c.ctx, filter);
    expect(list.entries.map(({ recordedLabel, entityLabel }) => ({ recordedLabel, entityLabel }))).toEqual([
      { recordedLabel: null, entityLabel: "Named later (LATE-1)" },
    ]);
    const parsed = parseCsv(await new Response((await exportAuditEntries(c.ctx, filter)).stream).text());
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.rows.map((row) => [row.cells[8], row.cells[15]])).toEqual([["Named later (LATE-1)", "current name"]]);
  });
});

describe("CSV export", () => {
  it("streams the filtered entries, newest first, across pages, with formula cells guarded", async () => {
    const fixture = await createCompanyFixture(system, "audit-csv");
    await system.user.update({ where: { id: fixture.admin.id }, data: { name: "=2+3" } });
    const first = await createLocation(fixture.ctx, { name: "@SUM(1)" });
    const second = await createLocation(fixture.ctx, { name: "Plain" });
    await renameLocation(fixture.ctx, { locationId: second.id, name: "Plain, renamed" });
    const third = await createLocation(fixture.ctx, { name: "+Cmd" });

    const download = await exportAuditEntries(fixture.ctx, { action: "location.created" }, { pageSize: 2 });
    expect(download.fileName).toMatch(new RegExp(`^audit-log-${fixture.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const text = await new Response(download.stream).text();
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.header.cells).toEqual([
      "time_utc",
      "actor_id",
      "actor",
      "actor_email",
      "actor_note",
      "action",
      "entity_type",
      "entity_id",
      "entity",
      "changes",
      "before",
      "after",
      "ip",
      "user_agent",
      "request_id",
      "entity_note",
      "summary",
    ]);
    const rows = parsed.rows.map((row) => row.cells);
    expect(rows.map((cells) => cells[7])).toEqual([third.id, second.id, first.id]);
    expect(rows.every((cells) => cells[5] === "location.created" && cells[2] === "'=2+3")).toBe(true);
    expect(rows.every((cells) => cells[3] === fixture.admin.email && cells[4] === "")).toBe(true);
    // Each location as it was called when created ("Plain" was renamed since), with nothing to mark.
    expect(rows.map((cells) => cells[8])).toEqual(["'+Cmd", "Plain", "'@SUM(1)"]);
    expect(rows.map((cells) => cells[15])).toEqual(["", "", ""]);
    expect(rows.map((cells) => cells[16])).toEqual([
      "'=2+3 created location +Cmd",
      "'=2+3 created location Plain",
      "'=2+3 created location @SUM(1)",
    ]);
    expect(rows[1]![9]).toBe("code: empty; name: Plain");
    expect(JSON.parse(rows[1]![11]!)).toEqual({ name: "Plain", code: null });
    expect(rows[0]![0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(text).not.toContain(backRoom.id);
  });

  it("is served to admins at /audit/export.csv with the filters of the URL", async () => {
    vi.mocked(requireTenantForAction).mockResolvedValue(asApp(a.ctx));
    const response = await auditExportRoute(
      new Request(`http://localhost/audit/export.csv?entityType=location&entityId=${backRoom.id}&after=ignored`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-audit-a-.+\.csv"$/);
    const parsed = parseCsv(await response.text());
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.rows.map((row) => row.cells[5])).toEqual(["location.renamed", "location.created"]);
  });
});
