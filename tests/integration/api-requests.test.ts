// POST /api/requests on real PostgreSQL (docs/architecture.md "Offline request queue and the first API endpoint"): the
// route handler as Next runs it, with the session resolver stubbed to the caller each test names. Exactly once per
// Idempotency-Key under racing replays, 200 for a replay, problem+json for every refusal, and nothing written by one.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "../../app/api/requests/route";
import { requireTenantForAction, type AppContext } from "../../lib/auth/context";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import { orderTeam, type OrderTeam } from "../factories/orders";
import { findOrderProducts } from "../../lib/orders/find-order-products";
import { superuserClient } from "../helpers/db";

vi.mock("../../lib/auth/context", () => ({ requireTenantForAction: vi.fn() }));

const APP = "http://localhost:3100";

let system: PrismaClient;
let team: OrderTeam;
let other: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(3);
  team = await orderTeam(system, "api");
  other = await createCompanyFixture(system, "api-other");
});

afterAll(async () => {
  await system.$disconnect();
});

const asApp = (ctx: TenantContext, companyName = "Acme"): AppContext =>
  ({
    ...ctx,
    user: { name: "Someone", email: ctx.email, isPlatformAdmin: false },
    company: { name: companyName },
    memberships: [{ companyId: ctx.companyId, companyName, companyStatus: "ACTIVE", role: ctx.role }],
  }) as AppContext;

function signedInAs(ctx: TenantContext) {
  vi.mocked(requireTenantForAction).mockResolvedValue(asApp(ctx));
}

beforeEach(() => {
  vi.mocked(requireTenantForAction).mockReset();
  signedInAs(team.staff.ctx);
});

function body(overrides: Record<string, unknown> = {}) {
  return {
    company: team.fixture.companyId,
    type: "CUSTOMER_ORDER",
    locationId: team.fixture.locationId,
    lines: [{ productId: team.fixture.productId, quantity: 2 }],
    reference: "PO-1",
    ...overrides,
  };
}

function post(
  json: unknown,
  {
    key = randomUUID(),
    origin = APP,
    headers = {},
  }: { key?: string | null; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  return POST(
    new Request(`${APP}/api/requests`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": `test-${randomUUID()}`,
        ...(key !== null && { "idempotency-key": key }),
        ...(origin !== null && { origin }),
        ...headers,
      },
      body: typeof json === "string" ? json : JSON.stringify(json),
    }),
  );
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status: response.status, type: expect.stringMatching(/^urn:stockflow:problem:/) });
  expect(problem.requestId).toBe(response.headers.get("x-request-id"));
  return problem;
}

const ordersWithKey = (key: string) => system.orderRequest.count({ where: { clientRequestId: key } });
const ordersOf = (companyId: string) => system.orderRequest.count({ where: { companyId } });

describe("POST /api/requests", () => {
  it("creates the request exactly once under ten racing identical posts with one key", async () => {
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(body(), { key })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const bodies = await Promise.all(
      responses.map((r) => r.json() as Promise<{ id: string; number: string; url: string }>),
    );
    const ids = new Set(bodies.map((b) => b.id));
    expect(ids.size).toBe(1);
    expect(await ordersWithKey(key)).toBe(1);
    const created = responses.find((r) => r.status === 201)!;
    const [first] = bodies;
    expect(first!.number).toMatch(/^REQ-\d{6}$/);
    expect(first!.url).toBe(`${APP}/requests/${first!.id}`);
    expect(created.headers.get("location")).toBe(first!.url);
    const order = await system.orderRequest.findUniqueOrThrow({
      where: { id: first!.id },
      select: { requesterId: true, reference: true, lines: { select: { productId: true, quantity: true } } },
    });
    expect(order).toEqual({
      requesterId: team.staff.userId,
      reference: "PO-1",
      lines: [{ productId: team.fixture.productId, quantity: 2 }],
    });
  });

  it("answers a replay of the same key and contents with 200 and the same request", async () => {
    const key = randomUUID();
    const first = await post(body(), { key });
    expect(first.status).toBe(201);
    const again = await post(body(), { key });
    expect(again.status).toBe(200);
    expect(again.headers.get("location")).toBeNull();
    expect(await again.json()).toEqual(await first.json());
    expect(await ordersWithKey(key)).toBe(1);
  });

  it("refuses the key with other contents, or from another person, with 409 and changes nothing", async () => {
    const key = randomUUID();
    expect((await post(body(), { key })).status).toBe(201);
    const changed = await post(body({ lines: [{ productId: team.fixture.productId, quantity: 5 }] }), { key });
    expect(changed.status).toBe(409);
    const problem = await problemOf(changed);
    expect(problem.detail).toMatch(/already created from this form, with different contents/);
    // The key is a header, not a body member: no `errors` entry points at it.
    expect(problem).not.toHaveProperty("errors");
    signedInAs(team.staff2.ctx);
    const someoneElse = await post(body(), { key });
    expect(someoneElse.status).toBe(409);
    await problemOf(someoneElse);
    expect(await ordersWithKey(key)).toBe(1);
    const order = await system.orderRequest.findFirstOrThrow({
      where: { clientRequestId: key },
      select: { requesterId: true, lines: { select: { quantity: true } } },
    });
    expect(order).toEqual({ requesterId: team.staff.userId, lines: [{ quantity: 2 }] });
  });

  it("refuses another company's product or location as not found, creating nothing anywhere", async () => {
    const before = [await ordersOf(team.fixture.companyId), await ordersOf(other.companyId)];
    const key = randomUUID();
    const product = await post(body({ lines: [{ productId: other.productId, quantity: 1 }] }), { key });
    expect(product.status).toBe(404);
    expect((await problemOf(product)).detail).toBe("That product was not found.");
    const location = await post(body({ locationId: other.locationId }), { key });
    expect(location.status).toBe(404);
    expect((await problemOf(location)).detail).toBe("That location was not found.");
    expect(await ordersWithKey(key)).toBe(0);
    expect([await ordersOf(team.fixture.companyId), await ordersOf(other.companyId)]).toEqual(before);
  });

  it("refuses a body for another company than the session's with 409, naming both, and creates nothing", async () => {
    vi.mocked(requireTenantForAction).mockResolvedValue({
      ...asApp(team.staff.ctx, "Acme"),
      memberships: [
        { companyId: team.fixture.companyId, companyName: "Acme", companyStatus: "ACTIVE", role: "STAFF" },
        { companyId: other.companyId, companyName: "Globex", companyStatus: "ACTIVE", role: "STAFF" },
      ],
    } as AppContext);
    const key = randomUUID();
    const response = await post(body({ company: other.companyId }), { key });
    expect(response.status).toBe(409);
    expect((await problemOf(response)).detail).toBe(
      "This page was opened for Globex; you are now working in Acme. Reload to continue in Acme, or switch back to Globex.",
    );
    expect(await ordersWithKey(key)).toBe(0);
  });

  it("answers a signed-out caller with 401 problem details, not a sign-in page", async () => {
    vi.mocked(requireTenantForAction).mockRejectedValue(
      new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again."),
    );
    const key = randomUUID();
    const response = await post(body(), { key });
    expect(response.status).toBe(401);
    expect(await problemOf(response)).toMatchObject({
      title: "Signed out",
      type: "urn:stockflow:problem:unauthenticated",
    });
    expect(await ordersWithKey(key)).toBe(0);
  });

  it("never sends a queued request as someone else: another person's session gets 401 and nothing is created", async () => {
    const key = randomUUID();
    const response = await post(body(), { key, headers: { "x-stockflow-requester": team.staff2.userId } });
    expect(response.status).toBe(401);
    expect((await problemOf(response)).detail).toMatch(/saved by another person/);
    expect(await ordersWithKey(key)).toBe(0);
    const own = await post(body(), { key, headers: { "x-stockflow-requester": team.staff.userId } });
    expect(own.status).toBe(201);
  });

  it("refuses another origin with 403 before resolving anyone, and a null origin too", async () => {
    for (const origin of ["https://evil.example", "null", `${APP}.evil.example`]) {
      const key = randomUUID();
      const response = await post(body(), { key, origin });
      expect(response.status, origin).toBe(403);
      expect((await problemOf(response)).type).toBe("urn:stockflow:problem:foreign-origin");
      expect(await ordersWithKey(key)).toBe(0);
    }
    expect(requireTenantForAction).not.toHaveBeenCalled();
  });

  it("answers validation failures with 422 and a message per field", async () => {
    const key = randomUUID();
    const response = await post(
      body({ type: "GIFT", lines: [{ productId: team.fixture.productId, quantity: 0 }], reference: "x".repeat(201) }),
      { key },
    );
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.title).toBe("Check the fields");
    const errors = problem.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(["lines.0.quantity", "reference", "type"]);
    expect(errors.type).toBe("Type: choose a customer order or a restock.");
    for (const message of Object.values(errors)) expect(typeof message).toBe("string");
    const noCompany = await post(body({ company: undefined }), { key });
    expect(noCompany.status).toBe(422);
    expect((await problemOf(noCompany)).errors).toEqual({
      company: "Company: send the id of the company this request is for.",
    });
    const stray = await post(body({ requester: "me" }), { key });
    expect(stray.status).toBe(422);
    expect(await ordersWithKey(key)).toBe(0);
  });

  it("refuses what it cannot read: 415 not JSON, 400 malformed JSON, 428 without a UUID idempotency key", async () => {
    const notJson = await post(body(), { headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(415);
    await problemOf(notJson);
    const malformed = await post("{ not json");
    expect(malformed.status).toBe(400);
    await problemOf(malformed);
    for (const key of [null, "not-a-uuid", ""]) {
      const response = await post(body(), { key });
      expect(response.status, String(key)).toBe(428);
      expect((await problemOf(response)).type).toBe("urn:stockflow:problem:idempotency-key-required");
    }
    expect(await ordersOf(team.fixture.companyId)).toBeGreaterThan(0);
  });

  it("lets a hundred-line request through the 64 KiB body limit of route handlers", async () => {
    const lines = Array.from({ length: 100 }, () => ({ productId: randomUUID(), quantity: 99_999 }));
    const json = JSON.stringify(body({ lines, reference: "R".repeat(200), note: "é".repeat(2000) }));
    expect(Buffer.byteLength(json)).toBeLessThan(64 * 1024);
  });
});

describe("POST /api/requests naming a supplier or customer (the offline queue's replay)", () => {
  it("replays the same key with the same supplier as the same request, once; another supplier under it is a 409", async () => {
    const key = randomUUID();
    const restock = body({ type: "RESTOCK", supplierId: team.fixture.supplierId });
    const [first, second] = [await post(restock, { key }), await post(restock, { key })];
    expect([first.status, second.status]).toEqual([201, 200]);
    const [created, replayed] = [(await first.json()) as { id: string }, (await second.json()) as { id: string }];
    expect(replayed.id).toBe(created.id);
    expect(await ordersWithKey(key)).toBe(1);
    const row = await system.orderRequest.findUniqueOrThrow({
      where: { id: created.id },
      select: { supplierId: true },
    });
    expect(row.supplierId).toBe(team.fixture.supplierId);

    const other = await system.supplier.create({
      data: { companyId: team.fixture.companyId, name: `Other ${randomUUID()}` },
      select: { id: true },
    });
    const changed = await post(body({ type: "RESTOCK", supplierId: other.id }), { key });
    expect(changed.status).toBe(409);
    expect(await ordersWithKey(key)).toBe(1);
  });

  it("answers another company's customer with a 404 naming the field, and creates nothing", async () => {
    const before = await ordersOf(team.fixture.companyId);
    const response = await post(body({ customerId: other.customerId }));
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ errors: { customerId: "That customer was not found." } });
    expect(await ordersOf(team.fixture.companyId)).toBe(before);
  });
});

describe("the offline product cache's fill: products on hand at a location", () => {
  it("lists the active products on hand there, and nothing for another company's location", async () => {
    const [unstocked, archived] = await Promise.all(
      ["Unstocked", "Archived"].map((name) =>
        system.product.create({
          data: {
            companyId: team.fixture.companyId,
            sku: `${name}-${randomUUID().slice(0, 6)}`,
            name,
            costPrice: 1,
            salePrice: 2,
          },
          select: { id: true },
        }),
      ),
    );
    await system.stockLevel.create({
      data: {
        companyId: team.fixture.companyId,
        productId: archived!.id,
        locationId: team.fixture.locationId,
        onHand: 4,
      },
    });
    await system.product.update({ where: { id: archived!.id }, data: { archived: true } });
    const stocked = await findOrderProducts(team.staff.ctx, {
      q: "",
      stocked: true,
      locationId: team.fixture.locationId,
    });
    expect(stocked.map((p) => [p.productId, p.onHand])).toEqual([[team.fixture.productId, 10]]);
    expect(stocked.map((p) => p.productId)).not.toContain(unstocked!.id);
    expect(await findOrderProducts(team.staff.ctx, { q: "", stocked: true, locationId: other.locationId })).toEqual([]);
    expect(await findOrderProducts(team.staff.ctx, { q: "", stocked: true })).toEqual([]);
  });
});
