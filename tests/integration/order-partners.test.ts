// Requests that name a supplier or customer from the directory (issue 15, item 2) on real PostgreSQL: a restock from a
// supplier, a customer order for a customer, picked from the company's active entries beside the free-text reference;
// the wrong kind, an archived entry and another company's entry refused beside the picker with nothing written; the
// partner part of what makes a create exactly once; edits that change or drop it, audited by name; the request page
// and list naming it; and the list filtered by it, as a directory entry's page lists its requests.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { createOrderRequest } from "../../lib/orders/create-order-request";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { listOrderRequests } from "../../lib/orders/list-order-requests";
import { updateOrderRequest } from "../../lib/orders/update-order-request";
import { listPartnerOptions } from "../../lib/partners/partner-picker";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { orderAudit, orderInput, orderTeam, type OrderTeam } from "../factories/orders";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let team: OrderTeam;
let other: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(4);
  team = await orderTeam(system, "partner");
  other = await createCompanyFixture(system, "partner-other");
});

afterAll(async () => {
  await system.$disconnect();
});

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function supplier(fixture: CompanyFixture, name = "Supplier", archived = false) {
  return system.supplier.create({
    data: { companyId: fixture.companyId, name: `${name} ${uniqueSuffix()}`, archivedAt: archived ? new Date() : null },
    select: { id: true, name: true },
  });
}

async function customer(fixture: CompanyFixture, name = "Customer", archived = false) {
  return system.customer.create({
    data: { companyId: fixture.companyId, name: `${name} ${uniqueSuffix()}`, archivedAt: archived ? new Date() : null },
    select: { id: true, name: true },
  });
}

const restock = (extra: Record<string, unknown> = {}, clientRequestId = randomUUID()) => ({
  ...orderInput(
    {
      type: "RESTOCK",
      locationId: team.fixture.locationId,
      lines: [{ productId: team.fixture.productId, quantity: 5 }],
      reference: "PO-5",
    },
    clientRequestId,
  ),
  ...extra,
});

const customerOrder = (extra: Record<string, unknown> = {}) => ({
  ...orderInput({
    type: "CUSTOMER_ORDER",
    locationId: team.fixture.locationId,
    lines: [{ productId: team.fixture.productId, quantity: 1 }],
  }),
  ...extra,
});

const requestsOf = (companyId: string) => system.orderRequest.count({ where: { companyId } });

describe("a request naming a supplier or customer", () => {
  it("a restock from a supplier keeps it beside the reference; the page, the list and the audit name it", async () => {
    const acme = await supplier(team.fixture, "Acme");
    const made = await createOrderRequest(team.staff.ctx, restock({ supplierId: acme.id.toUpperCase() }));
    const row = await system.orderRequest.findUniqueOrThrow({
      where: { id: made.id },
      select: { supplierId: true, customerId: true, reference: true },
    });
    expect(row).toEqual({ supplierId: acme.id, customerId: null, reference: "PO-5" });

    const detail = await getOrderRequest(team.staff.ctx, { orderId: made.id });
    expect(detail.partner).toEqual({ kind: "supplier", id: acme.id, name: acme.name, archived: false });
    const list = await listOrderRequests(team.manager.ctx, { supplierId: acme.id });
    expect(list.rows.map((r) => [r.id, r.partner])).toEqual([
      [made.id, { kind: "supplier", id: acme.id, name: acme.name }],
    ]);
    const [created] = await orderAudit(system, made.id);
    expect(created!.after).toMatchObject({ supplierId: acme.id, supplierName: acme.name, reference: "PO-5" });
  });

  it("a customer order for a customer; a request without either names none", async () => {
    const bob = await customer(team.fixture, "Bob");
    const forBob = await createOrderRequest(team.staff.ctx, customerOrder({ customerId: bob.id }));
    expect((await getOrderRequest(team.staff.ctx, { orderId: forBob.id })).partner).toEqual({
      kind: "customer",
      id: bob.id,
      name: bob.name,
      archived: false,
    });
    const plain = await createOrderRequest(team.staff.ctx, customerOrder({ supplierId: "", customerId: null }));
    expect((await getOrderRequest(team.staff.ctx, { orderId: plain.id })).partner).toBeNull();
  });

  it("the wrong kind for the type is a field error, and nothing is created", async () => {
    const acme = await supplier(team.fixture);
    const bob = await customer(team.fixture);
    const count = await requestsOf(team.fixture.companyId);
    const supplierOnOrder = await failure(createOrderRequest(team.staff.ctx, customerOrder({ supplierId: acme.id })));
    expect(supplierOnOrder.code).toBe("VALIDATION");
    expect(Object.keys(supplierOnOrder.fieldErrors ?? {})).toEqual(["supplierId"]);
    const customerOnRestock = await failure(createOrderRequest(team.staff.ctx, restock({ customerId: bob.id })));
    expect(Object.keys(customerOnRestock.fieldErrors ?? {})).toEqual(["customerId"]);
    expect(await requestsOf(team.fixture.companyId)).toBe(count);
  });

  it("an archived entry is refused beside the picker, and is no choice in the picker", async () => {
    const gone = await supplier(team.fixture, "Gone", true);
    const count = await requestsOf(team.fixture.companyId);
    const refused = await failure(createOrderRequest(team.staff.ctx, restock({ supplierId: gone.id })));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors?.supplierId?.[0]).toBe(`${gone.name} is archived: choose another supplier, or none.`);
    expect(await requestsOf(team.fixture.companyId)).toBe(count);
    const options = await listPartnerOptions(team.staff.ctx, { kind: "supplier" });
    expect(options.options.map((option) => option.id)).not.toContain(gone.id);
    expect(options.options.map((option) => option.id)).toContain(team.fixture.supplierId);
  });

  it("is part of the request for exactly-once creation: the same id and partner again is the same request", async () => {
    const [acme, bolt] = [await supplier(team.fixture, "Acme"), await supplier(team.fixture, "Bolt")];
    const key = randomUUID();
    const first = await createOrderRequest(team.staff.ctx, restock({ supplierId: acme.id }, key));
    const again = await createOrderRequest(team.staff.ctx, restock({ supplierId: acme.id }, key));
    expect(again).toEqual({ id: first.id, number: first.number, created: false });
    for (const changed of [{ supplierId: bolt.id }, { supplierId: null }]) {
      const refused = await failure(createOrderRequest(team.staff.ctx, restock(changed, key)));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.fieldErrors?.clientRequestId).toBeDefined();
    }
    expect(await system.orderRequest.count({ where: { clientRequestId: key } })).toBe(1);
  });

  it("a request naming none hashes as before partners existed, so an older queued request replays as itself", async () => {
    const key = randomUUID();
    const made = await createOrderRequest(team.staff.ctx, restock({}, key));
    // The previous release's canonical form: type, location, lines by product, reference, note.
    const before = createHash("sha256")
      .update(JSON.stringify(["RESTOCK", team.fixture.locationId, [[team.fixture.productId, 5]], "PO-5", null]))
      .digest("hex");
    const row = await system.orderRequest.findUniqueOrThrow({ where: { id: made.id }, select: { payloadHash: true } });
    expect(row.payloadHash).toBe(before);
    // The form now sends the empty picker; an older queue sends no such field: the same request either way.
    const replayed = await createOrderRequest(team.staff.ctx, restock({ supplierId: "", customerId: "" }, key));
    expect(replayed).toEqual({ id: made.id, number: made.number, created: false });
  });

  it("an edit changes or drops it, audited by name; an archived one is refused there too", async () => {
    const [acme, bolt] = [await supplier(team.fixture, "Acme"), await supplier(team.fixture, "Bolt")];
    const made = await createOrderRequest(team.staff.ctx, restock({ supplierId: acme.id }));
    const draft = {
      orderId: made.id,
      type: "RESTOCK",
      locationId: team.fixture.locationId,
      lines: [{ productId: team.fixture.productId, quantity: 5 }],
      reference: "PO-5",
    };
    const moved = await updateOrderRequest(team.staff.ctx, { ...draft, version: 1, supplierId: bolt.id });
    const edits = (await orderAudit(system, made.id)).filter((entry) => entry.action === "order.edited");
    expect(edits[0]!.before).toMatchObject({ supplierId: acme.id, supplierName: acme.name });
    expect(edits[0]!.after).toMatchObject({ supplierId: bolt.id, supplierName: bolt.name });

    await system.supplier.update({ where: { id: bolt.id }, data: { archivedAt: new Date() } });
    expect((await getOrderRequest(team.staff.ctx, { orderId: made.id })).partner).toMatchObject({ archived: true });
    const kept = await failure(
      updateOrderRequest(team.staff.ctx, { ...draft, version: moved.version, supplierId: bolt.id }),
    );
    expect(kept.fieldErrors?.supplierId?.[0]).toMatch(/is archived/);

    await updateOrderRequest(team.staff.ctx, { ...draft, version: moved.version, supplierId: "" });
    const row = await system.orderRequest.findUniqueOrThrow({ where: { id: made.id }, select: { supplierId: true } });
    expect(row.supplierId).toBeNull();
  });

  it("the list filtered by a supplier or customer: only theirs, staff still only their own, the name said", async () => {
    const acme = await supplier(team.fixture, "Acme");
    const bob = await customer(team.fixture, "Bob");
    const mine = await createOrderRequest(team.staff.ctx, restock({ supplierId: acme.id }));
    const theirs = await createOrderRequest(team.staff2.ctx, restock({ supplierId: acme.id }));
    await createOrderRequest(team.staff.ctx, restock());
    const forBob = await createOrderRequest(team.manager.ctx, customerOrder({ customerId: bob.id }));

    const all = await listOrderRequests(team.manager.ctx, { supplierId: acme.id });
    expect(all.rows.map((r) => r.id)).toEqual([theirs.id, mine.id]);
    expect(all.partnerFilter).toEqual({ kind: "supplier", id: acme.id, name: acme.name });
    const own = await listOrderRequests(team.staff.ctx, { supplierId: acme.id });
    expect(own.rows.map((r) => r.id)).toEqual([mine.id]);
    const bobs = await listOrderRequests(team.manager.ctx, { customerId: bob.id });
    expect(bobs.rows.map((r) => r.id)).toEqual([forBob.id]);
    // Paged like the whole list.
    const first = await listOrderRequests(team.manager.ctx, { supplierId: acme.id, limit: 1 });
    const next = await listOrderRequests(team.manager.ctx, { supplierId: acme.id, limit: 1, after: first.nextCursor });
    expect([...first.rows, ...next.rows].map((r) => r.id)).toEqual([theirs.id, mine.id]);
    expect(next.nextCursor).toBeNull();
  });
});

describe("two companies", () => {
  it("another company's supplier or customer is NOT_FOUND beside the picker, and nothing is created", async () => {
    const theirSupplier = await supplier(other, "Theirs");
    const theirCustomer = await customer(other, "Theirs");
    const count = await requestsOf(team.fixture.companyId);
    const bySupplier = await failure(createOrderRequest(team.staff.ctx, restock({ supplierId: theirSupplier.id })));
    expect(bySupplier.code).toBe("NOT_FOUND");
    expect(bySupplier.fieldErrors).toEqual({ supplierId: ["That supplier was not found."] });
    const byCustomer = await failure(
      createOrderRequest(team.staff.ctx, customerOrder({ customerId: theirCustomer.id })),
    );
    expect(byCustomer.code).toBe("NOT_FOUND");
    expect(byCustomer.fieldErrors).toEqual({ customerId: ["That customer was not found."] });
    const made = await createOrderRequest(team.staff.ctx, restock());
    const edit = await failure(
      updateOrderRequest(team.staff.ctx, {
        orderId: made.id,
        version: 1,
        type: "RESTOCK",
        locationId: team.fixture.locationId,
        lines: [{ productId: team.fixture.productId, quantity: 5 }],
        supplierId: theirSupplier.id,
      }),
    );
    expect(edit.code).toBe("NOT_FOUND");
    expect(await requestsOf(team.fixture.companyId)).toBe(count + 1);
    const row = await system.orderRequest.findUniqueOrThrow({
      where: { id: made.id },
      select: { supplierId: true, version: true },
    });
    expect(row).toEqual({ supplierId: null, version: 1 });
  });

  it("a list filtered by another company's supplier is empty and names no one", async () => {
    const acme = await supplier(team.fixture, "Acme");
    await createOrderRequest(team.staff.ctx, restock({ supplierId: acme.id }));
    const seen = await listOrderRequests(other.ctx, { supplierId: acme.id });
    expect(seen.rows).toEqual([]);
    expect(seen.partnerFilter).toBeNull();
    const options = await listPartnerOptions(other.ctx, { kind: "supplier" });
    expect(options.options.map((option) => option.id)).not.toContain(acme.id);
  });
});
