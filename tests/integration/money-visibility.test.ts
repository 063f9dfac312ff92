// Who sees money (issue 12, item 10; docs/architecture.md §7) on real PostgreSQL: with the company's "staff see cost
// prices and stock values" setting off, every lib read a staff member makes leaves the money out — the product's cost
// price, a restock request's prices, the dashboard's stock value — and with it on, staff get them; managers and
// admins get them either way. Exports and cost edits stay with managers and admins whatever the setting. Each company
// has its own setting: company B's admin changing B's changes nothing in A.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../lib/auth/permissions";
import { getCompanySettings } from "../../lib/companies/get-company-settings";
import { updateCompanySettings } from "../../lib/companies/update-company-settings";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { exportProducts } from "../../lib/products/export-products";
import { getProduct } from "../../lib/products/get-product";
import { importProducts } from "../../lib/products/import-products";
import { listProducts } from "../../lib/products/list-products";
import { updateProduct } from "../../lib/products/update-product";
import { createOrder, orderTeam, type OrderKind, type OrderTeam } from "../factories/orders";
import { superuserClient } from "../helpers/db";

// Figures that appear nowhere else in the fixture, so finding one in a result means the money leaked.
const COST = "7.31";
const SALE = "9.40";
// The fixture's product has 10 on hand at its one location.
const AT_COST = "73.10";
const AT_SALE = "94.00";

/** Whether any of the figures appears in a result. */
const mentions = (result: unknown, ...figures: string[]) => figures.some((f) => JSON.stringify(result).includes(f));

let system: PrismaClient;
let a: OrderTeam;
let b: OrderTeam;

const ROLES: Role[] = ["STAFF", "MANAGER", "ADMIN"];

function ctxOf(team: OrderTeam, role: Role): TenantContext {
  return role === "STAFF" ? team.staff.ctx : role === "MANAGER" ? team.manager.ctx : team.fixture.ctx;
}

async function setStaffSeeMoney(team: OrderTeam, staffSeeMoney: boolean): Promise<void> {
  await system.company.update({ where: { id: team.fixture.companyId }, data: { staffSeeMoney } });
}

/** A request of company A for `quantity` of its product, made by someone of `role` and read back by them. */
async function ownRequest(role: Role, type: OrderKind, quantity: number) {
  const ctx = ctxOf(a, role);
  const lines = [{ productId: a.fixture.productId, quantity }];
  const order = await createOrder(ctx, { type, locationId: a.fixture.locationId, lines });
  return getOrderRequest(ctx, { orderId: order.id });
}

async function productRow(team: OrderTeam) {
  return system.product.findUniqueOrThrow({
    where: { id: team.fixture.productId },
    select: { costPrice: true, salePrice: true, version: true, updatedAt: true },
  });
}

beforeAll(async () => {
  system = superuserClient(4);
  [a, b] = await Promise.all([orderTeam(system, "money-a"), orderTeam(system, "money-b")]);
  for (const team of [a, b]) {
    await system.product.update({
      where: { id: team.fixture.productId },
      data: { costPrice: COST, salePrice: SALE },
    });
  }
});

afterAll(async () => {
  await system.$disconnect();
});

describe.each([false, true])("staff see money: %s", (staffSeeMoney) => {
  beforeAll(() => setStaffSeeMoney(a, staffSeeMoney));

  const seesMoney = (role: Role) => role !== "STAFF" || staffSeeMoney;

  it.each(ROLES)("%s: the product's cost price only where they may see money", async (role) => {
    const detail = await getProduct(ctxOf(a, role), { id: a.fixture.productId });
    expect(detail.product.salePrice).toBe(SALE);
    if (seesMoney(role)) {
      expect(detail.product.costPrice).toBe(COST);
    } else {
      expect(detail.product).not.toHaveProperty("costPrice");
      expect(mentions(detail, COST)).toBe(false);
    }
  });

  it.each(ROLES)("%s: the product list carries no money for anyone", async (role) => {
    const page = await listProducts(ctxOf(a, role), {});
    const row = page.rows.find((r) => r.id === a.fixture.productId);
    expect(row).toBeDefined();
    expect(mentions(page, COST, SALE, AT_COST, AT_SALE)).toBe(false);
    expect(JSON.stringify(page)).not.toMatch(/"\w*(cost|price|value)\w*":/i);
  });

  it.each(ROLES)("%s: the dashboard's stock value only where they may see money", async (role) => {
    const dashboard = await getDashboard(ctxOf(a, role), { days: 30 });
    if (seesMoney(role)) {
      expect(dashboard.stockValue).toEqual({ atCost: AT_COST, atSale: AT_SALE });
    } else {
      expect(dashboard.stockValue).toBeNull();
      expect(mentions(dashboard, AT_COST, AT_SALE)).toBe(false);
    }
    // Everything else on the dashboard stays: the stock's state is not money.
    expect(dashboard.movements.length).toBe(30);
  });

  it.each(ROLES)("%s: a restock's prices (cost prices) only where they may see money", async (role) => {
    const detail = await ownRequest(role, "RESTOCK", 3);
    expect(detail.lines).toHaveLength(1);
    if (seesMoney(role)) {
      expect(detail.lines[0]).toMatchObject({ unitPrice: COST, value: "21.93" });
      expect(detail.totalValue).toBe("21.93");
    } else {
      expect(detail.lines[0]).not.toHaveProperty("unitPrice");
      expect(detail.lines[0]).not.toHaveProperty("value");
      expect(detail).not.toHaveProperty("totalValue");
      expect(mentions(detail, COST, "21.93")).toBe(false);
    }
  });

  it.each(ROLES)("%s: a customer order keeps its sale prices", async (role) => {
    const detail = await ownRequest(role, "CUSTOMER_ORDER", 2);
    expect(detail.lines[0]).toMatchObject({ unitPrice: SALE, value: "18.80" });
    expect(detail.totalValue).toBe("18.80");
  });

  it("staff may neither export the products (costs in every row) nor set a cost, whatever the setting", async () => {
    const before = await productRow(a);
    await expect(exportProducts(a.staff.ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const detail = await getProduct(a.manager.ctx, { id: a.fixture.productId });
    const { id, version, sku, name, unit, salePrice, reorderPoint } = detail.product;
    await expect(
      updateProduct(a.staff.ctx, { id, version, sku, name, unit, salePrice, reorderPoint, costPrice: "0.01" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const csv = `sku,name,cost_price\n${sku},${name},0.01\n`;
    await expect(
      importProducts(a.staff.ctx, { fileName: "costs.csv", content: csv, mode: "commit", operationId: randomUUID() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await productRow(a)).toEqual(before);
  });

  it.each(["MANAGER", "ADMIN"] as const)("%s: the products export carries the cost price", async (role) => {
    const download = await exportProducts(ctxOf(a, role));
    const lines = (await new Response(download.stream).text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain("cost_price");
    const sku = (await getProduct(ctxOf(a, role), { id: a.fixture.productId })).product.sku;
    expect(lines.find((line) => line.startsWith(`${sku},`))).toContain(`,${COST},${SALE},`);
  });
});

describe("each company its own setting", () => {
  it("A shows money to its staff while B hides it, and B's admin changing B's leaves A as it was", async () => {
    await setStaffSeeMoney(a, true);
    await setStaffSeeMoney(b, false);
    const aBefore = await getCompanySettings(a.fixture.ctx);

    expect((await getProduct(a.staff.ctx, { id: a.fixture.productId })).product.costPrice).toBe(COST);
    expect((await getProduct(b.staff.ctx, { id: b.fixture.productId })).product).not.toHaveProperty("costPrice");
    expect((await getDashboard(b.staff.ctx, { days: 30 })).stockValue).toBeNull();

    // B's admin turns it on, then off again, naming A's company wherever the schema would let them: it cannot.
    const form = await getCompanySettings(b.fixture.ctx);
    await expect(
      updateCompanySettings(b.fixture.ctx, { ...form, staffSeeMoney: false, companyId: a.fixture.companyId }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const on = await updateCompanySettings(b.fixture.ctx, { ...form, staffSeeMoney: true });
    expect(on.staffSeeMoney).toBe(true);
    expect((await getProduct(b.staff.ctx, { id: b.fixture.productId })).product.costPrice).toBe(COST);
    expect((await getDashboard(b.staff.ctx, { days: 30 })).stockValue).toEqual({ atCost: AT_COST, atSale: AT_SALE });
    await updateCompanySettings(b.fixture.ctx, { ...on, staffSeeMoney: false });
    expect((await getProduct(b.staff.ctx, { id: b.fixture.productId })).product).not.toHaveProperty("costPrice");

    expect(await getCompanySettings(a.fixture.ctx)).toEqual(aBefore);
    expect((await getProduct(a.staff.ctx, { id: a.fixture.productId })).product.costPrice).toBe(COST);
  });

  it("turning it off is audited like every other setting", async () => {
    await setStaffSeeMoney(b, true);
    const form = await getCompanySettings(b.fixture.ctx);
    await updateCompanySettings(b.fixture.ctx, { ...form, staffSeeMoney: false });
    const audit = await system.auditLog.findFirst({
      where: { companyId: b.fixture.companyId, action: "company.settings_changed" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { before: true, after: true, actorId: true },
    });
    expect(audit).toEqual({
      before: { staffSeeMoney: true },
      after: { staffSeeMoney: false },
      actorId: b.fixture.admin.id,
    });
  });
});
