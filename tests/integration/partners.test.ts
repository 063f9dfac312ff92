// The supplier and customer directory (issue 15, item 2) on real PostgreSQL: adding, editing, archiving and restoring
// with their audit rows; names unique per company and kind in any letter case; a stale edit refused naming who
// changed it and when; bad input refused field by field with nothing changed; the list's search, filter and keyset
// pages; a partner's page totals; CSV export and import (preview, commit, exactly once, a round trip); and company B
// never reading or changing company A's partners. Staff may look but not change.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "../../lib/auth/context";
import { requireTenantForAction } from "../../lib/auth/context";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { listOrderRequests } from "../../lib/orders/list-order-requests";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import { archivePartner } from "../../lib/partners/archive-partner";
import { createPartner } from "../../lib/partners/create-partner";
import { exportPartners } from "../../lib/partners/export-partners";
import { getPartner } from "../../lib/partners/get-partner";
import { getPartnerSummary } from "../../lib/partners/get-partner-summary";
import { importPartners } from "../../lib/partners/import-partners";
import { listPartners } from "../../lib/partners/list-partners";
import type { PartnerKind } from "../../lib/partners/partner-kinds";
import { restorePartner } from "../../lib/partners/restore-partner";
import { updatePartner } from "../../lib/partners/update-partner";
import { GET as supplierExportRoute } from "../../app/(app)/suppliers/export.csv/route";
import { uniqueSuffix } from "../factories/company";
import { approvedOrder, createOrder, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { addMember } from "../factories/users";
import { walkKeyset } from "../helpers/keyset-walk";
import { superuserClient } from "../helpers/db";

vi.mock("../../lib/auth/context", () => ({ requireTenantForAction: vi.fn() }));

let system: PrismaClient;
let a: OrderTeam;
let b: OrderTeam;

beforeAll(async () => {
  system = superuserClient(6);
  [a, b] = await Promise.all([orderTeam(system, "partners-a"), orderTeam(system, "partners-b")]);
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

/** A partner row as the database holds it (no scoping). */
async function row(kind: PartnerKind, id: string) {
  const select = {
    name: true,
    contactName: true,
    email: true,
    phone: true,
    notes: true,
    archivedAt: true,
    version: true,
  } as const;
  return kind === "supplier"
    ? system.supplier.findUniqueOrThrow({ where: { id }, select })
    : system.customer.findUniqueOrThrow({ where: { id }, select });
}

/** Everything a refused call could have changed in a company's directory. */
async function directory(companyId: string) {
  const [suppliers, customers, audits] = await Promise.all([
    system.supplier.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    system.customer.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    system.auditLog.count({ where: { companyId } }),
  ]);
  return { suppliers, customers, audits };
}

async function auditOf(companyId: string, entityType: string, entityId: string) {
  return system.auditLog.findMany({
    where: { companyId, entityType, entityId },
    select: { action: true, actorId: true, entityLabel: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

const importFile = (
  ctx: TenantContext,
  kind: PartnerKind,
  content: string,
  mode: "preview" | "commit",
  operationId = randomUUID(),
) => importPartners(ctx, { kind, fileName: `${kind}s.csv`, content, mode, operationId });

describe("keeping the directory", () => {
  it.each(["supplier", "customer"] as const)(
    "a %s is added, edited, archived and restored by a manager, each with its audit row",
    async (kind) => {
      const ctx = a.manager.ctx;
      const name = `Acme ${kind} ${uniqueSuffix()}`;
      const created = await createPartner(ctx, {
        kind,
        name: `  ${name}  `,
        contactName: "Jo Bloggs",
        email: "  Orders@ACME.test ",
        phone: "+44 20 7946 0000",
        notes: "Deliveries before noon.\nRing twice.",
      });
      // Typed with spaces and capitals: stored trimmed, the address lower-cased.
      expect(created).toMatchObject({
        kind,
        name,
        contactName: "Jo Bloggs",
        email: "orders@acme.test",
        phone: "+44 20 7946 0000",
        notes: "Deliveries before noon.\nRing twice.",
        archived: false,
        version: 1,
      });

      const edited = await updatePartner(ctx, {
        kind,
        id: created.id,
        version: 1,
        name: `${name} Ltd`,
        contactName: "",
        email: "sales@acme.test",
        phone: "",
        notes: "",
      });
      expect(edited).toMatchObject({ name: `${name} Ltd`, contactName: null, email: "sales@acme.test", version: 2 });
      expect(edited.phone).toBeNull();
      expect(edited.notes).toBeNull();

      const archived = await archivePartner(ctx, { kind, id: created.id, version: 2 });
      expect(archived).toMatchObject({ archived: true, version: 3 });
      expect((await row(kind, created.id)).archivedAt).toBeInstanceOf(Date);
      const restored = await restorePartner(ctx, { kind, id: created.id, version: 3 });
      expect(restored).toMatchObject({ archived: false, version: 4 });
      expect((await row(kind, created.id)).archivedAt).toBeNull();

      const audit = await auditOf(a.fixture.companyId, kind, created.id);
      expect(audit.map((entry) => entry.action)).toEqual([
        `${kind}.created`,
        `${kind}.updated`,
        `${kind}.archived`,
        `${kind}.restored`,
      ]);
      expect(audit.every((entry) => entry.actorId === a.manager.userId)).toBe(true);
      // The audit log names the partner as it was called at the time (the entity_label trigger).
      expect(audit.map((entry) => entry.entityLabel)).toEqual([name, `${name} Ltd`, `${name} Ltd`, `${name} Ltd`]);
      expect(audit[1]).toMatchObject({
        before: { name, contactName: "Jo Bloggs", email: "orders@acme.test", version: 1 },
        after: { name: `${name} Ltd`, contactName: null, email: "sales@acme.test", version: 2 },
      });
    },
  );

  it("an edit that changes nothing writes nothing", async () => {
    const ctx = a.manager.ctx;
    const created = await createPartner(ctx, { kind: "supplier", name: `Same ${uniqueSuffix()}`, phone: "123" });
    const before = await directory(a.fixture.companyId);
    const same = await updatePartner(ctx, {
      kind: "supplier",
      id: created.id,
      version: 1,
      name: created.name,
      contactName: "",
      email: "",
      phone: " 123 ",
      notes: "",
    });
    expect(same.version).toBe(1);
    expect(await directory(a.fixture.companyId)).toEqual(before);
  });

  it("a name another partner of the kind has in any letter case is a field error on the name, and changes nothing", async () => {
    const ctx = a.manager.ctx;
    const suffix = uniqueSuffix();
    const held = await createPartner(ctx, { kind: "supplier", name: `Brightside Tools ${suffix}` });
    const other = await createPartner(ctx, { kind: "supplier", name: `Other ${suffix}` });
    const before = await directory(a.fixture.companyId);

    const added = await failure(
      createPartner(ctx, { kind: "supplier", name: `BRIGHTSIDE tools ${suffix}`, email: "x@brightside.test" }),
    );
    expect(added.code).toBe("VALIDATION");
    expect(added.fieldErrors).toEqual({
      name: [
        `Another supplier is already called “Brightside Tools ${suffix}” (letter case does not make another name).`,
      ],
    });
    const renamed = await failure(
      updatePartner(ctx, { kind: "supplier", id: other.id, version: 1, name: `brightside tools ${suffix}` }),
    );
    expect(renamed.fieldErrors?.name).toEqual([
      `Another supplier is already called “Brightside Tools ${suffix}” (letter case does not make another name).`,
    ]);
    expect(await directory(a.fixture.companyId)).toEqual(before);

    // Archived, it keeps its name: the message says where it is.
    await archivePartner(ctx, { kind: "supplier", id: held.id, version: 1 });
    const again = await failure(createPartner(ctx, { kind: "supplier", name: `Brightside Tools ${suffix}` }));
    expect(again.fieldErrors?.name).toEqual([
      `Another supplier is already called “Brightside Tools ${suffix}”. It is archived: restore it from the archived suppliers instead.`,
    ]);

    // The same name is free among customers, and in another company.
    await expect(createPartner(ctx, { kind: "customer", name: `Brightside Tools ${suffix}` })).resolves.toMatchObject({
      kind: "customer",
    });
    await expect(
      createPartner(b.manager.ctx, { kind: "supplier", name: `Brightside Tools ${suffix}` }),
    ).resolves.toMatchObject({ kind: "supplier" });
  });

  it("two people adding the same name at once get one partner and one field error", async () => {
    const name = `Race ${uniqueSuffix()}`;
    const results = await Promise.allSettled([
      createPartner(a.manager.ctx, { kind: "customer", name }),
      createPartner(a.manager2.ctx, { kind: "customer", name: name.toUpperCase() }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "VALIDATION", fieldErrors: { name: [expect.any(String)] } });
    const names = await system.customer.findMany({
      where: { companyId: a.fixture.companyId, nameKey: name.toLowerCase() },
      select: { id: true },
    });
    expect(names).toHaveLength(1);
  });

  it("bad input is refused field by field, and nothing changes", async () => {
    const ctx = a.manager.ctx;
    const before = await directory(a.fixture.companyId);
    const refused = await failure(
      createPartner(ctx, {
        kind: "supplier",
        name: "   ",
        contactName: "x".repeat(121),
        email: "not an address",
        phone: "0161\n4960000",
        notes: "y".repeat(2001),
      }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(["contactName", "email", "name", "notes", "phone"]);
    expect(refused.fieldErrors).toMatchObject({
      name: ["Enter the name."],
      email: ["Enter a valid email address."],
      phone: ["Use a single line without control characters."],
    });
    const longName = await failure(createPartner(ctx, { kind: "customer", name: "n".repeat(121) }));
    expect(longName.fieldErrors).toEqual({ name: ["Use at most 120 characters."] });
    const unknownKind = await failure(createPartner(ctx, { kind: "vendor", name: "Acme" }));
    expect(Object.keys(unknownKind.fieldErrors ?? {})).toEqual(["kind"]);
    const extra = await failure(createPartner(ctx, { kind: "supplier", name: "Acme", companyId: b.fixture.companyId }));
    expect(extra.code).toBe("VALIDATION");
    expect(await directory(a.fixture.companyId)).toEqual(before);
  });

  it("an edit or archive at a stale version is a CONFLICT naming who changed it and when, and writes nothing", async () => {
    const created = await createPartner(a.manager.ctx, { kind: "customer", name: `Stale ${uniqueSuffix()}` });
    await updatePartner(a.manager2.ctx, {
      kind: "customer",
      id: created.id,
      version: 1,
      name: created.name,
      phone: "0161 496 0000",
    });
    const before = await row("customer", created.id);

    const edit = await failure(
      updatePartner(a.manager.ctx, { kind: "customer", id: created.id, version: 1, name: `${created.name} (new)` }),
    );
    expect(edit.code).toBe("CONFLICT");
    expect(edit.message).toMatch(
      new RegExp(
        `^${a.manager2.name} \\(${a.manager2.email.replace(".", "\\.")}\\) changed this customer on .+, after you opened it\\. Reload the page`,
      ),
    );
    const archive = await failure(archivePartner(a.manager.ctx, { kind: "customer", id: created.id, version: 1 }));
    expect(archive.code).toBe("CONFLICT");
    expect(archive.message).toContain(`${a.manager2.name} (${a.manager2.email}) changed this customer on`);
    // The person's own change from another tab is named as theirs.
    const own = await failure(
      updatePartner(a.manager2.ctx, { kind: "customer", id: created.id, version: 1, name: created.name }),
    );
    expect(own.message).toMatch(/^You \(in another tab or window\) changed this customer on/);
    // Restoring what is not archived is stale too: the person saw another state.
    const restore = await failure(restorePartner(a.manager.ctx, { kind: "customer", id: created.id, version: 2 }));
    expect(restore.code).toBe("CONFLICT");
    expect(await row("customer", created.id)).toEqual(before);
  });

  it("staff may look the directory up but not change it", async () => {
    const supplierId = a.fixture.supplierId;
    await expect(getPartner(a.staff.ctx, { kind: "supplier", id: supplierId })).resolves.toMatchObject({
      id: supplierId,
    });
    await expect(listPartners(a.staff.ctx, { kind: "supplier" })).resolves.toMatchObject({ kind: "supplier" });
    const before = await directory(a.fixture.companyId);
    for (const refused of [
      () => createPartner(a.staff.ctx, { kind: "supplier", name: `Staff ${uniqueSuffix()}` }),
      () => updatePartner(a.staff.ctx, { kind: "supplier", id: supplierId, version: 1, name: "Renamed" }),
      () => archivePartner(a.staff.ctx, { kind: "supplier", id: supplierId, version: 1 }),
      () => importFile(a.staff.ctx, "supplier", csv("name", "Staff import"), "commit"),
      () => exportPartners(a.staff.ctx, { kind: "supplier" }),
    ]) {
      expect((await failure(refused())).code).toBe("FORBIDDEN");
    }
    expect(await directory(a.fixture.companyId)).toEqual(before);
  });
});

describe("the directory list", () => {
  let team: OrderTeam;
  let ids: Record<string, string>;

  beforeAll(async () => {
    team = await orderTeam(system, "partners-list");
    const ctx = team.manager.ctx;
    ids = {};
    for (const [name, extra] of [
      ["delta Fasteners", { contactName: "Dee Hart", email: "dee@delta.test" }],
      ["Alpha Supplies", { contactName: "Al Moss" }],
      ["bravo Metals", { email: "orders@bravo.test" }],
      ["Charlie & Sons", { contactName: "Charlie" }],
      ["Echo 100% Plastics", {}],
    ] as const) {
      ids[name] = (await createPartner(ctx, { kind: "supplier", name, ...extra })).id;
    }
    await archivePartner(ctx, { kind: "supplier", id: ids["Charlie & Sons"]!, version: 1 });
    await createPartner(ctx, { kind: "customer", name: "Alpha Café" });
  });

  const names = async (input: Record<string, unknown>, ctx: TenantContext = team.manager.ctx) =>
    (await listPartners(ctx, { kind: "supplier", ...input })).rows.map((r) => r.name);

  it("lists active partners of the kind by name regardless of letter case, archived ones on request", async () => {
    // The fixture's own supplier ("Supplier …") is there too.
    const supplierName = (await row("supplier", team.fixture.supplierId)).name;
    expect(await names({})).toEqual([
      "Alpha Supplies",
      "bravo Metals",
      "delta Fasteners",
      "Echo 100% Plastics",
      supplierName,
    ]);
    expect(await names({ status: "archived" })).toEqual(["Charlie & Sons"]);
    expect(await names({ status: "all" })).toEqual([
      "Alpha Supplies",
      "bravo Metals",
      "Charlie & Sons",
      "delta Fasteners",
      "Echo 100% Plastics",
      supplierName,
    ]);
    const customers = await listPartners(team.manager.ctx, { kind: "customer" });
    expect(customers.rows.map((r) => r.name)).toContain("Alpha Café");
    expect(customers.rows.map((r) => r.name)).not.toContain("Alpha Supplies");
  });

  it("searches the name, the contact and the email; a % or _ is only itself", async () => {
    expect(await names({ q: "ALPHA" })).toEqual(["Alpha Supplies"]);
    expect(await names({ q: "dee hart" })).toEqual(["delta Fasteners"]);
    expect(await names({ q: "bravo.test" })).toEqual(["bravo Metals"]);
    expect(await names({ q: "charlie" })).toEqual([]);
    expect(await names({ q: "charlie", status: "all" })).toEqual(["Charlie & Sons"]);
    expect(await names({ q: "100%" })).toEqual(["Echo 100% Plastics"]);
    expect(await names({ q: "%" })).toEqual(["Echo 100% Plastics"]);
    expect(await names({ q: "_" })).toEqual([]);
  });

  it("pages by keyset both ways, every partner once, in order", async () => {
    const read = (cursor: { after?: string; before?: string }) =>
      listPartners(team.manager.ctx, { kind: "supplier", status: "all", limit: 2, ...cursor });
    const { forward, backward } = await walkKeyset(read, 2);
    const all = await names({ status: "all" });
    expect(forward.flat().map((r) => r.name)).toEqual(all);
    expect(backward.flat().map((r) => r.name)).toEqual(all);
    expect(forward).toHaveLength(3);
    // A customers cursor is not a suppliers one.
    const customerPage = await listPartners(team.manager.ctx, { kind: "customer", limit: 1 });
    const foreign = await failure(
      listPartners(team.manager.ctx, { kind: "supplier", after: customerPage.nextCursor ?? "x" }),
    );
    expect(foreign.fieldErrors?.after).toEqual(["That page link is out of date: start from the first page."]);
  });

  it("counts each partner's open requests: everyone's for managers, their own for staff", async () => {
    const product = await pricedProduct(system, team.fixture, { stock: { [team.fixture.locationId]: 50 } });
    const linkTo = async (orderId: string, supplierId: string) =>
      system.orderRequest.update({ where: { id: orderId }, data: { supplierId } });
    const draft = {
      type: "RESTOCK" as const,
      locationId: team.fixture.locationId,
      lines: [{ productId: product.id, quantity: 2 }],
    };
    const alpha = ids["Alpha Supplies"]!;
    await linkTo((await createOrder(team.staff.ctx, draft)).id, alpha);
    await linkTo((await createOrder(team.staff2.ctx, draft)).id, alpha);
    await linkTo((await approvedOrder(team.manager.ctx, team.manager2.ctx, draft)).id, alpha);
    const rejected = await createOrder(team.staff.ctx, draft);
    await linkTo(rejected.id, alpha);
    await rejectOrderRequest(team.manager.ctx, { orderId: rejected.id, version: 1, note: "Not now" });

    const open = async (ctx: TenantContext) =>
      (await listPartners(ctx, { kind: "supplier", q: "Alpha" })).rows.map((r) => [r.name, r.openRequests]);
    expect(await open(team.manager.ctx)).toEqual([["Alpha Supplies", 3]]);
    expect(await open(team.staff.ctx)).toEqual([["Alpha Supplies", 1]]);
  });
});

describe("a partner's page: its requests and totals", () => {
  let team: OrderTeam;

  beforeAll(async () => {
    team = await orderTeam(system, "partners-page");
  });

  it("counts requests by status and what fulfilments moved, per unit and at the lines' prices", async () => {
    const { fixture, manager, staff } = team;
    const where = fixture.locationId;
    const gloves = await pricedProduct(system, fixture, {
      name: "Gloves",
      unit: "pair",
      costPrice: "2.50",
      salePrice: "4.00",
      stock: { [where]: 100 },
    });
    const bolts = await pricedProduct(system, fixture, {
      name: "Bolts",
      unit: "box",
      costPrice: "10.00",
      salePrice: "15.00",
      stock: { [where]: 100 },
    });
    const supplier = await createPartner(manager.ctx, { kind: "supplier", name: `Totals ${uniqueSuffix()}` });
    const link = (orderId: string) =>
      system.orderRequest.update({ where: { id: orderId }, data: { supplierId: supplier.id } });

    // Fulfilled whole: 6 pair of gloves and 2 boxes of bolts at cost: 6 × 2.50 + 2 × 10.00 = 35.00.
    const whole = await approvedOrder(staff.ctx, manager.ctx, {
      type: "RESTOCK",
      locationId: where,
      lines: [
        { productId: gloves.id, quantity: 6 },
        { productId: bolts.id, quantity: 2 },
      ],
    });
    await link(whole.id);
    await fulfilOrderRequest(manager.ctx, { orderId: whole.id, version: whole.version });
    // Partly fulfilled: 3 of 10 pair arrived so far, 3 × 2.50 = 7.50.
    const part = await approvedOrder(manager.ctx, team.manager2.ctx, {
      type: "RESTOCK",
      locationId: where,
      lines: [{ productId: gloves.id, quantity: 10 }],
    });
    await link(part.id);
    await fulfilOrderRequest(manager.ctx, {
      orderId: part.id,
      version: part.version,
      quantities: { [gloves.id]: 3 },
    });
    // Pending: counted, moved nothing.
    const pending = await createOrder(staff.ctx, {
      type: "RESTOCK",
      locationId: where,
      lines: [{ productId: bolts.id, quantity: 5 }],
    });
    await link(pending.id);

    const summary = await getPartnerSummary(manager.ctx, { kind: "supplier", id: supplier.id });
    expect(summary.partner).toMatchObject({ id: supplier.id, name: supplier.name, kind: "supplier" });
    expect(summary.totals).toEqual({
      requests: 3,
      byStatus: [
        { status: "PENDING", count: 1 },
        { status: "PARTIALLY_FULFILLED", count: 1 },
        { status: "FULFILLED", count: 1 },
      ],
      fulfilled: [
        {
          type: "RESTOCK",
          // Bolts first: the units in the order their first products come by name.
          units: [
            { unit: "box", quantity: 2 },
            { unit: "pair", quantity: 9 },
          ],
          value: "42.50",
        },
      ],
      ownOnly: false,
    });

    // Staff see their own requests only, and a restock's value is a cost: hidden unless the company shows money.
    await system.company.update({ where: { id: fixture.companyId }, data: { staffSeeMoney: false } });
    const asStaff = await getPartnerSummary(staff.ctx, { kind: "supplier", id: supplier.id });
    expect(asStaff.totals).toEqual({
      requests: 2,
      byStatus: [
        { status: "PENDING", count: 1 },
        { status: "FULFILLED", count: 1 },
      ],
      fulfilled: [
        {
          type: "RESTOCK",
          units: [
            { unit: "box", quantity: 2 },
            { unit: "pair", quantity: 6 },
          ],
          value: null,
        },
      ],
      ownOnly: true,
    });
    await system.company.update({ where: { id: fixture.companyId }, data: { staffSeeMoney: true } });
    const shown = await getPartnerSummary(staff.ctx, { kind: "supplier", id: supplier.id });
    expect(shown.totals.fulfilled[0]?.value).toBe("35.00");

    // The request list filtered by the partner, newest first.
    const listed = await listOrderRequests(manager.ctx, { supplierId: supplier.id });
    expect(listed.rows.map((r) => r.id)).toEqual([pending.id, part.id, whole.id]);
    const paged = await listOrderRequests(manager.ctx, { supplierId: supplier.id, limit: 2 });
    const older = await listOrderRequests(manager.ctx, { supplierId: supplier.id, after: paged.nextCursor! });
    expect([...paged.rows, ...older.rows].map((r) => r.id)).toEqual([pending.id, part.id, whole.id]);
    expect((await listOrderRequests(staff.ctx, { supplierId: supplier.id })).rows.map((r) => r.id)).toEqual([
      pending.id,
      whole.id,
    ]);
  });

  it("a customer's shipped value is at sale prices, which staff always see", async () => {
    const { fixture, manager, staff } = team;
    await system.company.update({ where: { id: fixture.companyId }, data: { staffSeeMoney: false } });
    const tea = await pricedProduct(system, fixture, {
      name: "Tea",
      unit: "kg",
      costPrice: "3.00",
      salePrice: "8.25",
      stock: { [fixture.locationId]: 40 },
    });
    const customer = await createPartner(manager.ctx, { kind: "customer", name: `Café ${uniqueSuffix()}` });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      type: "CUSTOMER_ORDER",
      locationId: fixture.locationId,
      lines: [{ productId: tea.id, quantity: 4 }],
    });
    await system.orderRequest.update({ where: { id: order.id }, data: { customerId: customer.id } });
    await fulfilOrderRequest(manager.ctx, { orderId: order.id, version: order.version });

    const summary = await getPartnerSummary(staff.ctx, { kind: "customer", id: customer.id });
    // 4 kg at 8.25.
    expect(summary.totals.fulfilled).toEqual([
      { type: "CUSTOMER_ORDER", units: [{ unit: "kg", quantity: 4 }], value: "33.00" },
    ]);
    expect(summary.totals.byStatus).toEqual([{ status: "FULFILLED", count: 1 }]);
    // A partner no request names.
    const quiet = await createPartner(manager.ctx, { kind: "customer", name: `Quiet ${uniqueSuffix()}` });
    expect((await getPartnerSummary(manager.ctx, { kind: "customer", id: quiet.id })).totals).toEqual({
      requests: 0,
      byStatus: [],
      fulfilled: [],
      ownOnly: false,
    });
  });
});

describe("CSV export and import", () => {
  it("previews, then imports: new names added, known names (any letter case) changed, the rest unchanged", async () => {
    const team = await orderTeam(system, "partners-csv");
    const ctx = team.manager.ctx;
    const known = await createPartner(ctx, {
      kind: "customer",
      name: "Bistro Nord",
      contactName: "Ines",
      email: "ines@bistro.test",
      phone: "0161 496 0000",
    });
    const same = await createPartner(ctx, { kind: "customer", name: "Corner Shop", phone: "0161 496 0001" });
    const before = await directory(team.fixture.companyId);
    const file = csv(
      "Name,email,contact_name,archived",
      "bistro NORD,orders@bistro.test,Ines,",
      "Corner Shop,,,no",
      "Deli Sud,deli@sud.test,Marc,",
      "Old Mill,,,yes",
    );
    const preview = await importFile(ctx, "customer", file, "preview");
    expect(preview).toMatchObject({
      kind: "customer",
      committed: false,
      rowCount: 4,
      creates: [
        { line: 4, name: "Deli Sud" },
        { line: 5, name: "Old Mill" },
      ],
      updates: [
        {
          line: 2,
          name: "Bistro Nord",
          partnerId: known.id,
          changes: [{ column: "email", from: "ines@bistro.test", to: "orders@bistro.test" }],
        },
      ],
      // Corner Shop: its blank email and contact clear what it does not have, "no" keeps it active, and the file has
      // no phone column, so its phone stays.
      unchanged: 1,
      errors: [],
    });
    expect(await directory(team.fixture.companyId)).toEqual(before);

    const operationId = randomUUID();
    const committed = await importFile(ctx, "customer", file, "commit", operationId);
    expect(committed).toMatchObject({ committed: true, unchanged: 1 });
    expect(committed.creates).toHaveLength(2);
    expect(await row("customer", known.id)).toMatchObject({
      name: "Bistro Nord",
      email: "orders@bistro.test",
      phone: "0161 496 0000",
      version: 2,
    });
    expect(await row("customer", same.id)).toMatchObject({ phone: "0161 496 0001", version: 1 });
    const added = await listPartners(ctx, { kind: "customer", status: "all", q: "Old Mill" });
    expect(added.rows).toEqual([expect.objectContaining({ name: "Old Mill", archived: true })]);
    const audit = await system.auditLog.findMany({
      where: { companyId: team.fixture.companyId, action: "customer.imported" },
      select: { after: true },
    });
    expect(audit).toEqual([{ after: { fileName: "customers.csv", rows: 4, created: 2, updated: 1, unchanged: 1 } }]);

    // The same commit again (a retry after a lost answer): the first report, nothing written twice.
    const afterFirst = await directory(team.fixture.companyId);
    expect(await importFile(ctx, "customer", file, "commit", operationId)).toEqual(committed);
    expect(await directory(team.fixture.companyId)).toEqual(afterFirst);
  });

  it("names every problem by line and column, and imports nothing while there is one", async () => {
    const team = await orderTeam(system, "partners-csv-bad");
    const ctx = team.manager.ctx;
    const before = await directory(team.fixture.companyId);
    const file = csv(
      "name,email,archived,phone",
      "Good One,good@one.test,,",
      ",nobody@x.test,,",
      "Bad Mail,not-an-address,,",
      "Maybe,,perhaps,",
      "good one,,,",
      "Too,many,cells,here,x",
    );
    const preview = await importFile(ctx, "supplier", file, "preview");
    expect(preview.errors).toEqual([
      { line: 3, column: "name", message: "Enter the name." },
      { line: 4, column: "email", message: "Enter a valid email address." },
      { line: 5, column: "archived", message: "Write yes or no, or leave it blank to keep it as it is." },
      {
        line: 6,
        column: "name",
        message: `"good one" is also on line 2 as "Good One" (letter case does not make another name): each name once per file.`,
      },
      {
        line: 7,
        column: null,
        message:
          "This line has 5 values but the header has 4 columns. Put a value that contains a comma in double quotes.",
      },
    ]);
    const refused = await failure(importFile(ctx, "supplier", file, "commit"));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.message).toBe(
      "Nothing was imported: line 3, name: Enter the name. (and 4 more problems) Check the file again.",
    );
    const unknownColumn = await importFile(ctx, "supplier", csv("name,fax", "Acme,123"), "preview");
    expect(unknownColumn.errors).toEqual([
      {
        line: 1,
        column: "fax",
        message:
          'Unknown column "fax". The columns are: name, contact_name, email, phone, notes, archived (in any order).',
      },
    ]);
    expect(await directory(team.fixture.companyId)).toEqual(before);
  });

  it("two names the database folds alike are a row error, where JavaScript folds them apart (İ, a final Σ)", async () => {
    // PostgreSQL's lower() (name_key) makes "İ" an "i" and every "Σ" a "σ"; JavaScript's toLowerCase makes "İ" an "i"
    // with a combining dot and a word's last "Σ" a final "ς". Stored as two new partners they would collide on the
    // unique index at the write.
    const team = await orderTeam(system, "partners-csv-fold");
    const ctx = team.manager.ctx;
    const before = await directory(team.fixture.companyId);
    const file = csv("name", "İstanbul Freight", "istanbul freight", "ΟΔΟΣ", "οδοσ");
    const preview = await importFile(ctx, "supplier", file, "preview");
    expect(preview.errors).toEqual([
      {
        line: 3,
        column: "name",
        message: `"istanbul freight" is also on line 2 as "İstanbul Freight" (letter case does not make another name): each name once per file.`,
      },
      {
        line: 5,
        column: "name",
        message: `"οδοσ" is also on line 4 as "ΟΔΟΣ" (letter case does not make another name): each name once per file.`,
      },
    ]);
    const refused = await failure(importFile(ctx, "supplier", file, "commit"));
    expect(refused.code).toBe("VALIDATION");
    expect(await directory(team.fixture.companyId)).toEqual(before);
  });

  it("an exported directory imports back as it was, into another company too", async () => {
    const team = await orderTeam(system, "partners-trip");
    const ctx = team.manager.ctx;
    // Values a spreadsheet could mistake for formulas, commas, quotes and line breaks.
    await createPartner(ctx, {
      kind: "supplier",
      name: 'Hart, Sons & "Co"',
      contactName: "=Dee Hart",
      email: "dee@hart.test",
      phone: "+44 20 7946 0000",
      notes: "Gate code 1234,\nback entrance",
    });
    const archived = await createPartner(ctx, { kind: "supplier", name: "@Old Works", phone: "-" });
    await archivePartner(ctx, { kind: "supplier", id: archived.id, version: 1 });
    await createPartner(ctx, { kind: "customer", name: "Not a supplier" });

    const exported = await readText((await exportPartners(ctx, { kind: "supplier", pageSize: 1 })).stream);
    const lines = exported.split("\r\n");
    expect(lines[0]).toBe("\uFEFFname,contact_name,email,phone,notes,archived");
    expect(exported).not.toContain("Not a supplier");
    // Formula-looking cells are guarded with a quote mark (the import drops it again).
    expect(exported).toContain(`"Hart, Sons & ""Co""",'=Dee Hart,dee@hart.test,'+44 20 7946 0000,`);
    expect(exported).toContain("'@Old Works,,,'-,,yes");

    // Back into the same company: everything matches what is there.
    const again = await importFile(ctx, "supplier", exported, "preview");
    expect(again).toMatchObject({ creates: [], updates: [], errors: [] });
    expect(again.unchanged).toBe(again.rowCount);

    // Into a fresh company: the same directory.
    const other = await orderTeam(system, "partners-trip-b");
    await importFile(other.manager.ctx, "supplier", exported, "commit");
    const reexported = await readText((await exportPartners(other.manager.ctx, { kind: "supplier" })).stream);
    // Each company has a supplier of its own fixture besides: the other company's is the one difference.
    const otherOwn = (await row("supplier", other.fixture.supplierId)).name;
    expect(reexported.split("\r\n").filter((line) => !line.startsWith(`${otherOwn},`))).toEqual(lines);
  });

  it("the export route streams the caller's company only, and refuses staff with a 403", async () => {
    const mocked = vi.mocked(requireTenantForAction);
    const member = await addMember(system, a.fixture.companyId, { role: "MANAGER" });
    const name = `Routed ${uniqueSuffix()}`;
    await createPartner(member.ctx, { kind: "supplier", name });
    mocked.mockResolvedValueOnce(member.ctx as unknown as AppContext);
    const response = await supplierExportRoute(new Request("http://app.test/suppliers/export.csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="suppliers-partners-a-/);
    const body = await response.text();
    expect(body).toContain(name);
    expect(body).not.toContain((await row("supplier", b.fixture.supplierId)).name);
    mocked.mockResolvedValueOnce(a.staff.ctx as unknown as AppContext);
    expect((await supplierExportRoute(new Request("http://app.test/suppliers/export.csv"))).status).toBe(403);
  });
});

describe("two companies", () => {
  it("company B acting on company A's partner ids gets NOT_FOUND and changes nothing", async () => {
    const manager = b.manager.ctx;
    const before = await directory(a.fixture.companyId);
    for (const kind of ["supplier", "customer"] as const) {
      const id = kind === "supplier" ? a.fixture.supplierId : a.fixture.customerId;
      const { name } = await row(kind, id);
      for (const refused of [
        () => getPartner(manager, { kind, id }),
        () => getPartnerSummary(manager, { kind, id }),
        () => updatePartner(manager, { kind, id, version: 1, name: "Taken over" }),
        () => archivePartner(manager, { kind, id, version: 1 }),
        () => restorePartner(manager, { kind, id, version: 1 }),
      ]) {
        const error = await failure(refused());
        expect(error.code).toBe("NOT_FOUND");
        expect(error.message).toBe(`That ${kind} was not found.`);
      }
      // Neither listed, searched, exported nor matched by an import in B.
      expect((await listPartners(manager, { kind, q: name, status: "all" })).rows).toEqual([]);
      expect(await readText((await exportPartners(manager, { kind })).stream)).not.toContain(name);
      const imported = await importFile(manager, kind, csv("name,phone", `${name},999`), "preview");
      expect(imported.creates).toEqual([{ line: 2, name }]);
      // Its requests are not B's either.
      const listedKey = kind === "supplier" ? "supplierId" : "customerId";
      expect((await listOrderRequests(manager, { [listedKey]: id })).rows).toEqual([]);
    }
    // A malformed id is as unknown as another company's.
    expect((await failure(getPartner(manager, { kind: "supplier", id: "not-an-id" }))).code).toBe("NOT_FOUND");
    expect(await directory(a.fixture.companyId)).toEqual(before);
  });
});
