// Demo data, so that a first start shows a living system: two companies, each with an admin, a manager and two
// staff, two locations, ~40 products with stock and a month of movements, and requests in every status.
// Every account it creates has the published DEMO_PASSWORD and is flagged users.demo_password, which a server reachable
// from other machines refuses (lib/platform/open-demo.ts). Seeding is once: nothing that exists is changed.
// Deterministic (seeded random), idempotent (skips a company that exists), consistent: for every product ×
// location, on_hand equals the sum of its movements, and reservations match the approved customer orders.
import { createHash } from "node:crypto";
import { hashPassword } from "../lib/auth/passwords";
import { rebuildStockMovementDays } from "../lib/dashboard/stock-movement-days";
import type { Prisma, PrismaClient } from "../lib/db/generated/client";
import { ean13 } from "../lib/products/product-code";

export const DEMO_PASSWORD = "stockflow-demo";

/** A platform administrator with no company: signs in to /platform. */
export const DEMO_PLATFORM_ADMIN = { email: "platform@stockflow.example", name: "Pat Platform" };

interface DemoCompany {
  name: string;
  slug: string;
  timeZone: string;
  currency: string;
  domain: string;
  people: { name: string; local: string; role: "ADMIN" | "MANAGER" | "STAFF" }[];
}

export const DEMO_COMPANIES: DemoCompany[] = [
  {
    name: "Northwind Supplies",
    slug: "northwind",
    timeZone: "Europe/London",
    currency: "GBP",
    domain: "northwind.example",
    people: [
      { name: "Alice Admin", local: "admin", role: "ADMIN" },
      { name: "Morgan Manager", local: "manager", role: "MANAGER" },
      { name: "Sam Staff", local: "staff", role: "STAFF" },
      { name: "Riley Staff", local: "staff2", role: "STAFF" },
    ],
  },
  {
    name: "Acme Hardware",
    slug: "acme",
    timeZone: "America/New_York",
    currency: "USD",
    domain: "acme.example",
    people: [
      { name: "Avery Admin", local: "admin", role: "ADMIN" },
      { name: "Jordan Manager", local: "manager", role: "MANAGER" },
      { name: "Casey Staff", local: "staff", role: "STAFF" },
      { name: "Drew Staff", local: "staff2", role: "STAFF" },
    ],
  },
];

const CATALOGUE: [category: string, unit: string, names: string[]][] = [
  [
    "Fasteners",
    "box",
    ["Wood screws 4×40", "Machine bolts M8", "Wall plugs 6 mm", "Hex nuts M10", "Washers M6", "Drywall screws 3.5×35"],
  ],
  [
    "Tools",
    "each",
    [
      "Claw hammer",
      "Cordless drill 18V",
      "Spirit level 600 mm",
      "Utility knife",
      "Tape measure 5 m",
      "Hacksaw",
      "Screwdriver set",
    ],
  ],
  [
    "Electrical",
    "each",
    ["LED bulb E27", "Extension lead 4-way", "Cable ties 200 mm", "Wall socket double", "Fuse 13A", "Junction box"],
  ],
  ["Paint", "litre", ["Interior white emulsion", "Gloss black", "Wood primer", "Masonry paint grey", "Varnish clear"]],
  [
    "Plumbing",
    "each",
    ["Copper pipe 15 mm", "PTFE tape", "Compression elbow 15 mm", "Basin tap", "Sink trap", "Ball valve 22 mm"],
  ],
  ["Safety", "pair", ["Safety gloves L", "Safety goggles", "Ear defenders", "Knee pads", "Dust masks FFP2"]],
  [
    "Packaging",
    "roll",
    ["Packing tape 50 mm", "Stretch film 500 mm", "Bubble wrap 1 m", "Kraft paper roll", "Cardboard box large"],
  ],
];

/** Small deterministic PRNG (mulberry32), seeded per company. */
function random(seedText: string) {
  let seed = createHash("sha256").update(seedText).digest().readUInt32LE(0);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 24 * 60 * 60 * 1000;

export function demoEmail(company: DemoCompany, local: string): string {
  return `${local}@${company.domain}`;
}

/** Seeds every demo company that does not exist yet, and the demo platform administrator; returns the slugs it created. */
export async function seedDemo(db: PrismaClient, now = new Date()): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const company of DEMO_COMPANIES) {
    const exists = await db.company.findUnique({ where: { slug: company.slug }, select: { id: true } });
    if (exists) continue;
    const companyId = await db.$transaction((tx) => seedCompany(tx, company, passwordHash, now), { timeout: 60_000 });
    // The movements were written around the ledger (with past times), so their dashboard rollup is built from them.
    await rebuildStockMovementDays(db, companyId);
    created.push(company.slug);
  }
  // Created once, never updated: a re-run neither re-grants a revoked platform role nor resets a changed password.
  await db.user.upsert({
    where: { email: DEMO_PLATFORM_ADMIN.email },
    create: { ...DEMO_PLATFORM_ADMIN, passwordHash, demoPassword: true, isPlatformAdmin: true, emailVerifiedAt: now },
    update: {},
    select: { id: true },
  });
  return created;
}

async function seedCompany(
  tx: Prisma.TransactionClient,
  spec: DemoCompany,
  passwordHash: string,
  now: Date,
): Promise<string> {
  const rand = random(spec.slug);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const ago = (days: number) => new Date(now.getTime() - days * DAY - int(0, 8 * 60) * 60 * 1000);

  const company = await tx.company.create({
    data: {
      name: spec.name,
      slug: spec.slug,
      timeZone: spec.timeZone,
      rollupTimeZone: spec.timeZone,
      currency: spec.currency,
      status: "ACTIVE",
    },
    select: { id: true },
  });
  const companyId = company.id;
  await tx.orderRequestCounter.create({ data: { companyId, lastNumber: 0 } });

  const users: Record<string, { id: string; email: string }> = {};
  for (const person of spec.people) {
    const email = demoEmail(spec, person.local);
    const user = await tx.user.upsert({
      where: { email },
      create: { email, name: person.name, passwordHash, demoPassword: true, emailVerifiedAt: now },
      update: {},
      select: { id: true, email: true },
    });
    await tx.membership.create({ data: { companyId, userId: user.id, role: person.role } });
    users[person.local] = user;
  }
  const admin = users.admin!;
  const manager = users.manager!;
  const staff = [users.staff!, users.staff2!];

  // One query at a time: a transaction is one connection.
  const warehouse = await tx.location.create({
    data: { companyId, name: "Main warehouse", code: "WH", isDefault: true },
    select: { id: true },
  });
  const shop = await tx.location.create({
    data: { companyId, name: "Shop floor", code: "SHOP" },
    select: { id: true },
  });
  const locations = [warehouse.id, shop.id];

  const supplierNames = ["Brightline Wholesale", "Fixings Direct", "Coastal Paints"];
  const customerNames = ["Harbour Builders", "Greenway Lettings", "Oak & Stone Interiors"];
  const suppliers: { id: string }[] = [];
  for (const name of supplierNames) {
    suppliers.push(await tx.supplier.create({ data: { companyId, name }, select: { id: true } }));
  }
  const customers: { id: string }[] = [];
  for (const name of customerNames) {
    customers.push(await tx.customer.create({ data: { companyId, name }, select: { id: true } }));
  }

  // Products -------------------------------------------------------------------------------------------------
  const products: { id: string; name: string; cost: number; price: number; reorder: number }[] = [];
  let n = 0;
  for (const [category, unit, names] of CATALOGUE) {
    for (const name of names) {
      n += 1;
      const cost = int(50, 4000) / 100;
      const price = Math.round(cost * (1.3 + rand() * 0.7) * 100) / 100;
      const reorder = int(5, 25);
      const product = await tx.product.create({
        data: {
          companyId,
          sku: `${category.slice(0, 3).toUpperCase()}-${String(n).padStart(4, "0")}`,
          name,
          category,
          unit,
          // A valid EAN-13 in GS1's in-store range (200–299), so a printed label scans.
          barcode: ean13(`200${String(spec.slug.length % 10)}${String(n).padStart(8, "0")}`),
          costPrice: cost,
          salePrice: price,
          reorderPoint: reorder,
          description: `${name} — demo catalogue item.`,
        },
        select: { id: true },
      });
      products.push({ id: product.id, name, cost, price, reorder });
    }
  }

  // Stock: an INITIAL count 30 days ago, then daily receipts, shipments and adjustments, and the fulfilled
  // requests below; applied in time order so that balance_after reads as a true running balance. Random
  // outgoing movements keep 10 units back, which leaves room for the demo customer orders (≤ 3 units each).
  type Event = Omit<Prisma.StockMovementCreateManyInput, "companyId" | "balanceAfter" | "createdAt"> & { at: Date };
  const events: Event[] = [];
  const key = (productId: string, locationId: string) => `${productId}:${locationId}`;
  const lowProduct = (index: number) => index % 9 === 0;

  products.forEach((product, index) => {
    const warehouseQty = lowProduct(index) ? int(1, product.reorder) : int(product.reorder + 10, 120);
    events.push({
      productId: product.id,
      locationId: warehouse.id,
      quantity: warehouseQty,
      reason: "INITIAL",
      at: ago(30),
      unitCost: product.cost,
    });
    if (index % 2 === 0) {
      events.push({
        productId: product.id,
        locationId: shop.id,
        quantity: int(2, 30),
        reason: "INITIAL",
        at: ago(30),
        unitCost: product.cost,
      });
    }
  });
  for (let day = 29; day >= 1; day -= 1) {
    for (let i = 0; i < 6; i += 1) {
      const product = pick(products);
      const locationId = pick(locations);
      const roll = rand();
      const reason = roll < 0.4 ? "RECEIVED" : roll < 0.85 ? "SHIPPED" : "ADJUSTMENT";
      const quantity =
        reason === "RECEIVED" ? int(5, 40) : reason === "SHIPPED" ? -int(1, 15) : rand() < 0.5 ? -1 : int(1, 3);
      events.push({
        productId: product.id,
        locationId,
        quantity,
        reason,
        at: ago(day),
        ...(reason === "ADJUSTMENT" ? { note: "Cycle count correction" } : { unitCost: product.cost }),
      });
    }
  }

  // Requests in every status -------------------------------------------------------------------------------
  const reserved = new Map<string, number>();
  let number = 0;
  const audits: Prisma.AuditLogCreateManyInput[] = [];
  const audit = (
    actor: { id: string; email: string },
    action: string,
    orderId: string,
    at: Date,
    before: string | null,
    after: string,
  ) =>
    audits.push({
      companyId,
      actorId: actor.id,
      action,
      entityType: "order",
      entityId: orderId,
      before: before ? { status: before } : undefined,
      after: { status: after },
      createdAt: at,
    });

  const plans: {
    type: "RESTOCK" | "CUSTOMER_ORDER";
    status: "PENDING" | "APPROVED" | "PARTIALLY_FULFILLED" | "REJECTED" | "FULFILLED" | "CANCELLED";
    days: number;
  }[] = [
    { type: "RESTOCK", status: "FULFILLED", days: 20 },
    { type: "CUSTOMER_ORDER", status: "FULFILLED", days: 15 },
    { type: "RESTOCK", status: "REJECTED", days: 12 },
    { type: "CUSTOMER_ORDER", status: "FULFILLED", days: 9 },
    { type: "CUSTOMER_ORDER", status: "CANCELLED", days: 8 },
    // A delivery that came in part: the rest is still expected (docs/architecture.md §6).
    { type: "RESTOCK", status: "PARTIALLY_FULFILLED", days: 6 },
    { type: "RESTOCK", status: "APPROVED", days: 4 },
    { type: "CUSTOMER_ORDER", status: "APPROVED", days: 3 },
    { type: "RESTOCK", status: "PENDING", days: 2 },
    { type: "CUSTOMER_ORDER", status: "PENDING", days: 1 },
    { type: "CUSTOMER_ORDER", status: "PENDING", days: 0 },
  ];
  for (const [i, plan] of plans.entries()) {
    number += 1;
    const requester = staff[i % 2]!;
    const createdAt = ago(plan.days);
    const decidedAt = new Date(createdAt.getTime() + 2 * 60 * 60 * 1000);
    const locationId = warehouse.id;
    const stocked = products.filter((_, index) => !lowProduct(index));
    const lineProducts = [...new Set([pick(stocked), pick(stocked), pick(stocked)])].slice(0, int(1, 3));
    const lines = lineProducts.map((product) => ({
      product,
      quantity: plan.type === "CUSTOMER_ORDER" ? int(1, 3) : int(10, 40),
    }));
    const status = plan.status;
    const decided = status !== "PENDING" && status !== "CANCELLED";
    const approved = decided && status !== "REJECTED";
    const moved = status === "FULFILLED" || status === "PARTIALLY_FULFILLED";
    // What each line has received or shipped: everything, or (a delivery in part) half of it.
    const fulfilledOf = (quantity: number) =>
      status === "FULFILLED" ? quantity : status === "PARTIALLY_FULFILLED" ? Math.ceil(quantity / 2) : 0;
    const order = await tx.orderRequest.create({
      data: {
        companyId,
        number,
        type: plan.type,
        status,
        version: status === "PENDING" ? 1 : moved ? 3 : 2,
        locationId,
        requesterId: requester.id,
        supplierId: plan.type === "RESTOCK" ? pick(suppliers).id : null,
        customerId: plan.type === "CUSTOMER_ORDER" ? pick(customers).id : null,
        note: plan.type === "RESTOCK" ? "Running low before the weekend." : "Collection on Friday.",
        clientRequestId: crypto.randomUUID(),
        payloadHash: createHash("sha256").update(`${spec.slug}-${number}`).digest("hex"),
        decidedById: decided ? manager.id : null,
        decidedAt: decided ? decidedAt : null,
        decisionNote: status === "REJECTED" ? "Supplier price too high this month." : null,
        fulfilledById: moved ? manager.id : null,
        fulfilledAt: moved ? new Date(decidedAt.getTime() + DAY / 2) : null,
        cancelledById: status === "CANCELLED" ? requester.id : null,
        cancelledAt: status === "CANCELLED" ? decidedAt : null,
        createdAt,
        lines: {
          create: lines.map(({ product, quantity }) => ({
            productId: product.id,
            quantity,
            approvedQuantity: approved ? quantity : null,
            fulfilledQuantity: fulfilledOf(quantity),
            unitPrice: plan.type === "RESTOCK" ? product.cost : product.price,
          })),
        },
      },
      select: { id: true },
    });
    audit(requester, "order.created", order.id, createdAt, null, "PENDING");
    if (decided)
      audit(
        manager,
        status === "REJECTED" ? "order.rejected" : "order.approved",
        order.id,
        decidedAt,
        "PENDING",
        status === "REJECTED" ? "REJECTED" : "APPROVED",
      );
    if (status === "CANCELLED") audit(requester, "order.cancelled", order.id, decidedAt, "PENDING", "CANCELLED");
    if (status === "APPROVED" && plan.type === "CUSTOMER_ORDER") {
      for (const { product, quantity } of lines) {
        const k = key(product.id, locationId);
        reserved.set(k, (reserved.get(k) ?? 0) + quantity);
      }
    }
    if (moved) {
      const at = new Date(decidedAt.getTime() + DAY / 2);
      for (const { product, quantity: requested } of lines) {
        const quantity = fulfilledOf(requested);
        events.push({
          productId: product.id,
          locationId,
          quantity: plan.type === "RESTOCK" ? quantity : -quantity,
          reason: plan.type === "RESTOCK" ? "RECEIVED" : "SHIPPED",
          at,
          orderId: order.id,
          unitCost: product.cost,
        });
      }
      audit(manager, "order.fulfilled", order.id, at, "APPROVED", status);
    }
  }
  await tx.orderRequestCounter.update({ where: { companyId }, data: { lastNumber: number } });

  const levels = new Map<string, number>();
  const costCents = new Map(products.map((p) => [p.id, Math.round(p.cost * 100)]));
  const movements: Prisma.StockMovementCreateManyInput[] = [];
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { at, ...event } of events) {
    const k = key(event.productId, event.locationId);
    const onHand = levels.get(k) ?? 0;
    let quantity = event.quantity;
    if (quantity < 0 && !event.orderId) quantity = -Math.min(-quantity, Math.max(0, onHand - 10));
    if (quantity === 0) continue;
    levels.set(k, onHand + quantity);
    movements.push({
      ...event,
      companyId,
      quantity,
      balanceAfter: onHand + quantity,
      actorId: manager.id,
      createdAt: at,
      // No movement here sets an average and no cost price changes: the value moves by quantity × the cost price
      // (docs/architecture.md §8 "Reports"); the rollup rebuild below sums it per day.
      valueChange: ((quantity * costCents.get(event.productId)!) / 100).toFixed(2),
    });
  }

  await tx.stockMovement.createMany({ data: movements });
  await tx.stockLevel.createMany({
    data: [...levels.entries()].map(([k, onHand]) => {
      const [productId, locationId] = k.split(":") as [string, string];
      return { companyId, productId, locationId, onHand, reserved: reserved.get(k) ?? 0 };
    }),
  });
  audits.push({
    companyId,
    actorId: admin.id,
    action: "company.seeded",
    entityType: "company",
    entityId: companyId,
    after: { products: products.length, movements: movements.length },
    createdAt: now,
  });
  await tx.auditLog.createMany({ data: audits });
  return companyId;
}
