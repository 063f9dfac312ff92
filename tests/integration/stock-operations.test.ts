// Stock operations (issue "Inventory", parts 4–6) on real PostgreSQL: adjustments ("set to" and "change by"),
// transfers and stocktakes book the right movements and balances through the ledger; what would go below zero or
// below reserved stock is refused with the ledger's message; every malformed quantity and unknown key is a field
// error that changes nothing; a stocktake books the counted truth even below reserved and lists the approved
// orders it leaves short, and two people counting at once never double-book; company B cannot touch company A's
// stock; staff may not do any of it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { STALE_CURSOR_MESSAGE } from "../../lib/list/keyset-cursor";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { getProductStock } from "../../lib/stock/get-product-stock";
import { listStocktakeProducts } from "../../lib/stock/list-stocktake-products";
import { MAX_STOCKTAKE_COUNTS, STOCK_PAGE_SIZE, textFromParam } from "../../lib/stock/stock-fields";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { searchStockProducts } from "../../lib/stock/search-stock-products";
import { transferStock } from "../../lib/stock/transfer-stock";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import {
  approvedCustomerOrder,
  createTestLocation,
  createTestProduct,
  ledgerBalances,
  receiveStock,
  stockedProduct,
  stockSnapshot,
} from "../factories/stock";
import { addMember, type MemberFixture } from "../factories/users";
import { appRolePool, asCompany, superuserClient } from "../helpers/db";
import { walkKeyset } from "../helpers/keyset-walk";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let manager: MemberFixture;
let staff: MemberFixture;

beforeAll(async () => {
  system = superuserClient(6);
  a = await createCompanyFixture(system, "stock-a");
  b = await createCompanyFixture(system, "stock-b");
  manager = await addMember(system, a.companyId, { role: "MANAGER" });
  staff = await addMember(system, a.companyId, { role: "STAFF" });
});

afterAll(async () => {
  await system.$disconnect();
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

async function onHand(productId: string, locationId: string) {
  return (
    (await system.stockLevel.findFirst({ where: { productId, locationId }, select: { onHand: true } }))?.onHand ?? 0
  );
}

async function movementsOf(productId: string) {
  return system.stockMovement.findMany({
    where: { productId },
    select: {
      locationId: true,
      quantity: true,
      balanceAfter: true,
      reason: true,
      note: true,
      batchId: true,
      actorId: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

async function expectLedgerHolds(productId: string) {
  for (const row of await ledgerBalances(system, productId))
    expect(row.onHand, `on_hand at ${row.locationId}`).toBe(row.movements);
}

describe("adjusting stock", () => {
  it("“set to” books the difference from what is on hand, with the reason as the note", async () => {
    const { product, locations } = await stockedProduct(system, a, [10]);
    const [location] = locations as [{ id: string; name: string }];
    const result = await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      locationId: location.id,
      mode: "set",
      quantity: "7",
      reason: "Three found broken",
    });
    expect(result).toMatchObject({
      product: { id: product.id, name: product.name, sku: product.sku },
      location: { id: location.id, name: location.name },
      mode: "set",
      before: 10,
      after: 7,
      change: -3,
    });
    expect(await onHand(product.id, location.id)).toBe(7);
    const movements = await movementsOf(product.id);
    expect(movements.at(-1)).toMatchObject({
      quantity: -3,
      balanceAfter: 7,
      reason: "ADJUSTMENT",
      note: "Three found broken",
      actorId: manager.userId,
    });
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "stock.adjusted", entityId: product.id },
    });
    expect(audit.after).toMatchObject({
      locationId: location.id,
      mode: "set",
      quantity: 7,
      reason: "Three found broken",
      movementCount: 1,
    });
    await expectLedgerHolds(product.id);
  });

  it("“set to” on a location without a stock row yet books the whole count", async () => {
    const product = await createTestProduct(system, a.companyId);
    const location = await createTestLocation(system, a.companyId);
    const result = await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      locationId: location.id,
      mode: "set",
      quantity: 4,
      reason: "Found on a pallet",
    });
    expect(result).toMatchObject({ before: 0, after: 4, change: 4 });
    await expectLedgerHolds(product.id);
  });

  it("“change by” adds and removes", async () => {
    const { product, locations } = await stockedProduct(system, a, [10]);
    const locationId = locations[0]!.id;
    await expect(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: product.id,
        locationId,
        mode: "change",
        quantity: "5",
        reason: "Returned",
      }),
    ).resolves.toMatchObject({
      before: 10,
      after: 15,
      change: 5,
    });
    await expect(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: product.id,
        locationId,
        mode: "change",
        quantity: "-4",
        reason: "Damaged",
      }),
    ).resolves.toMatchObject({
      before: 15,
      after: 11,
      change: -4,
    });
    expect((await movementsOf(product.id)).map((m) => [m.reason, m.quantity, m.balanceAfter])).toEqual([
      ["RECEIVED", 10, 10],
      ["ADJUSTMENT", 5, 15],
      ["ADJUSTMENT", -4, 11],
    ]);
  });

  it("a “set to” equal to what is on hand is “nothing to change”, and changes nothing", async () => {
    const { product, locations } = await stockedProduct(system, a, [6]);
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const error = await refusal(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: product.id,
        locationId: locations[0]!.id,
        mode: "set",
        quantity: "6",
        reason: "Recount",
      }),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      message: "Nothing to change.",
      fieldErrors: { quantity: [`${product.name} at ${locations[0]!.name} is already 6: nothing to change.`] },
    });
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
  });

  it("refuses to go below zero or below what approved orders reserved, naming the product and what is available", async () => {
    const { product, locations } = await stockedProduct(system, a, [10]);
    const location = locations[0]!;
    const input = { productId: product.id, locationId: location.id, reason: "Shrinkage" };

    const belowZero = await refusal(
      adjustStock(manager.ctx, { operationId: randomUUID(), ...input, mode: "change", quantity: "-11" }),
    );
    expect(belowZero).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      message: `Not enough ${product.name} (${product.sku}) at ${location.name}: 10 available, 11 needed.`,
    });

    await approvedCustomerOrder(system, a, { productId: product.id, locationId: location.id, quantity: 6 });
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const belowReserved = await refusal(
      adjustStock(manager.ctx, { operationId: randomUUID(), ...input, mode: "set", quantity: "5" }),
    );
    expect(belowReserved).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      message: `Not enough ${product.name} (${product.sku}) at ${location.name}: 4 available (10 on hand, 6 reserved for approved orders), 5 needed.`,
    });
    const changeBelowReserved = await refusal(
      adjustStock(manager.ctx, { operationId: randomUUID(), ...input, mode: "change", quantity: "-5" }),
    );
    expect(changeBelowReserved.message).toContain("4 available (10 on hand, 6 reserved for approved orders), 5 needed");
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);

    // Down to exactly the reserved quantity is allowed.
    await expect(
      adjustStock(manager.ctx, { operationId: randomUUID(), ...input, mode: "set", quantity: "6" }),
    ).resolves.toMatchObject({
      after: 6,
    });
  });

  it("two “set to” at once book against each other: the result is the last count, the ledger holds", async () => {
    const { product, locations } = await stockedProduct(system, a, [20]);
    const locationId = locations[0]!.id;
    const results = await Promise.all(
      [3, 3, 3, 3].map((quantity) =>
        adjustStock(manager.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          locationId,
          mode: "set",
          quantity,
          reason: "Counted",
        }).catch((e: unknown) => e),
      ),
    );
    // One books −17; the others find 3 already there.
    expect(results.filter((r) => !(r instanceof AppError))).toHaveLength(1);
    expect(results.filter((r) => r instanceof AppError && r.code === "VALIDATION")).toHaveLength(3);
    expect(await onHand(product.id, locationId)).toBe(3);
    await expectLedgerHolds(product.id);
  });
});

describe("bad input", () => {
  const QUANTITIES: [label: string, value: unknown][] = [
    ["−1 where a count must be 0 or more", "-1"],
    ["a decimal", "1.5"],
    ["a decimal number", 1.5],
    ["an exponent", "1e3"],
    ["2^31", String(2 ** 31)],
    ["2^31 as a number", 2 ** 31],
    ["NaN", "NaN"],
    ["NaN as a number", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["letters", "12abc"],
    ["hexadecimal", "0x10"],
    ["blank", ""],
    ["nothing", undefined],
    ["an object", { value: 1 }],
  ];

  it.each(QUANTITIES)(
    "adjust “set to” with %s is a field error on quantity; nothing changes",
    async (_label, quantity) => {
      const { product, locations } = await stockedProduct(system, a, [5]);
      const before = await stockSnapshot(system, a.companyId, [product.id]);
      const error = await refusal(
        adjustStock(manager.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          locationId: locations[0]!.id,
          mode: "set",
          quantity,
          reason: "Counted",
        }),
      );
      expect(error.code).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(["quantity"]);
      expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
    },
  );

  it("every malformed field of every operation is a field error, and nothing changes", async () => {
    const { product, locations } = await stockedProduct(system, a, [5, 5]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const adjust = { productId: product.id, locationId: from.id, mode: "change", quantity: "1", reason: "Counted" };
    const transfer = { productId: product.id, fromLocationId: from.id, toLocationId: to.id, quantity: "1" };
    const stocktake = { locationId: from.id, counts: [{ productId: product.id, counted: "4" }] };
    const before = await stockSnapshot(system, a.companyId, [product.id]);

    const cases: [string, () => Promise<unknown>, string][] = [
      [
        "change by 0",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, quantity: "0" }),
        "quantity",
      ],
      [
        "change by 1.5",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, quantity: "1.5" }),
        "quantity",
      ],
      [
        "change by 1e3",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, quantity: "1e3" }),
        "quantity",
      ],
      [
        "change by 2^31",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, quantity: String(2 ** 31) }),
        "quantity",
      ],
      [
        "change by −2^31",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, quantity: String(-(2 ** 31)) }),
        "quantity",
      ],
      [
        "change by NaN",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, quantity: Number.NaN }),
        "quantity",
      ],
      [
        "an unknown mode",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, mode: "add" }),
        "mode",
      ],
      ["no reason", () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, reason: "" }), "reason"],
      [
        "a two-letter reason",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, reason: " ok " }),
        "reason",
      ],
      [
        "a 10,000-character reason",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, reason: "x".repeat(10_000) }),
        "reason",
      ],
      [
        "a reason with control characters",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, reason: "bad\u0000byte" }),
        "reason",
      ],
      [
        "a malformed product id",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, productId: "42" }),
        "productId",
      ],
      [
        "adjust with a companyId",
        () => adjustStock(manager.ctx, { operationId: randomUUID(), ...adjust, companyId: b.companyId }),
        "_form",
      ],
      [
        "transfer −1",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: "-1" }),
        "quantity",
      ],
      [
        "transfer 0",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: "0" }),
        "quantity",
      ],
      [
        "transfer 1.5",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: 1.5 }),
        "quantity",
      ],
      [
        "transfer 1e3",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: "1e3" }),
        "quantity",
      ],
      [
        "transfer 2^31",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: 2 ** 31 }),
        "quantity",
      ],
      [
        "transfer NaN",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: "NaN" }),
        "quantity",
      ],
      [
        "a 10,000-character transfer note",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, note: "x".repeat(10_000) }),
        "note",
      ],
      [
        "transfer with a companyId",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, companyId: b.companyId }),
        "_form",
      ],
      [
        "transfer with a reason code",
        () => transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, reason: "INITIAL" }),
        "_form",
      ],
      [
        "count −1",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: "-1" }],
          }),
        "counts.0.counted",
      ],
      [
        "count 1.5",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: "1.5" }],
          }),
        "counts.0.counted",
      ],
      [
        "count 1e3",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: "1e3" }],
          }),
        "counts.0.counted",
      ],
      [
        "count 2^31",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: 2 ** 31 }],
          }),
        "counts.0.counted",
      ],
      [
        "count NaN",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: Number.NaN }],
          }),
        "counts.0.counted",
      ],
      [
        "count blank",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: "" }],
          }),
        "counts.0.counted",
      ],
      [
        "no counts",
        () => recordStocktake(manager.ctx, { operationId: randomUUID(), ...stocktake, counts: [] }),
        "counts",
      ],
      [
        "the same product twice",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [...stocktake.counts, ...stocktake.counts],
          }),
        "counts.1.productId",
      ],
      [
        "a count with an onHand key",
        () =>
          recordStocktake(manager.ctx, {
            operationId: randomUUID(),
            ...stocktake,
            counts: [{ productId: product.id, counted: "4", onHand: 4 }],
          }),
        "counts.0",
      ],
      [
        "a stocktake with a companyId",
        () => recordStocktake(manager.ctx, { operationId: randomUUID(), ...stocktake, companyId: b.companyId }),
        "_form",
      ],
      [
        "a 10,000-character stocktake note",
        () => recordStocktake(manager.ctx, { operationId: randomUUID(), ...stocktake, note: "x".repeat(10_000) }),
        "note",
      ],
    ];
    for (const [label, attempt, field] of cases) {
      const error = await refusal(attempt());
      expect(error.code, label).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {}), label).toContain(field);
    }
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
  });

  it("a stocktake of more than 2,000 counts is refused with a clear error", async () => {
    const location = await createTestLocation(system, a.companyId);
    const counts = Array.from({ length: MAX_STOCKTAKE_COUNTS + 1 }, () => ({
      productId: crypto.randomUUID(),
      counted: "1",
    }));
    const error = await refusal(
      recordStocktake(manager.ctx, { operationId: randomUUID(), locationId: location.id, counts }),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { counts: ["One stocktake takes at most 2,000 counts: record the rest as another stocktake."] },
    });
  });
});

describe("transferring stock", () => {
  it("books both legs in one batch for the same product, with the note", async () => {
    const { product, locations } = await stockedProduct(system, a, [10, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const result = await transferStock(manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      fromLocationId: from.id,
      toLocationId: to.id,
      quantity: "4",
      note: "For the weekend",
    });
    expect(result).toEqual({
      product: { id: product.id, sku: product.sku, name: product.name, unit: "each" },
      from: { id: from.id, name: from.name, onHand: 6 },
      to: { id: to.id, name: to.name, onHand: 4 },
      quantity: 4,
    });
    const legs = (await movementsOf(product.id)).filter((m) => m.reason.startsWith("TRANSFER"));
    expect(legs).toHaveLength(2);
    expect(legs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          locationId: from.id,
          quantity: -4,
          balanceAfter: 6,
          reason: "TRANSFER_OUT",
          note: "For the weekend",
        }),
        expect.objectContaining({
          locationId: to.id,
          quantity: 4,
          balanceAfter: 4,
          reason: "TRANSFER_IN",
          note: "For the weekend",
        }),
      ]),
    );
    expect(legs[0]!.batchId).toBeTruthy();
    expect(legs[0]!.batchId).toBe(legs[1]!.batchId);
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "stock.transferred", entityId: product.id },
    });
    expect(audit.after).toMatchObject({
      fromLocationId: from.id,
      toLocationId: to.id,
      quantity: 4,
      batchId: legs[0]!.batchId,
      movementCount: 2,
    });
    await expectLedgerHolds(product.id);
  });

  it("is refused when the source is short (reserved stock included), from = to, or either side is archived; nothing changes", async () => {
    const { product, locations } = await stockedProduct(system, a, [5, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const archived = await createTestLocation(system, a.companyId, { archived: true });
    await approvedCustomerOrder(system, a, { productId: product.id, locationId: from.id, quantity: 2 });
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const transfer = { productId: product.id, fromLocationId: from.id, toLocationId: to.id };

    const short = await refusal(transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: "4" }));
    expect(short).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      message: `Not enough ${product.name} (${product.sku}) at ${from.name}: 3 available (5 on hand, 2 reserved for approved orders), 4 needed.`,
    });
    const same = await refusal(
      transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, toLocationId: from.id, quantity: "1" }),
    );
    expect(same).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { toLocationId: ["Choose a location other than the one the stock comes from."] },
    });
    const intoArchived = await refusal(
      transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, toLocationId: archived.id, quantity: "1" }),
    );
    expect(intoArchived).toMatchObject({
      code: "VALIDATION",
      message: `${archived.name} is archived: restore it before moving stock there.`,
    });
    const fromArchived = await refusal(
      transferStock(manager.ctx, {
        operationId: randomUUID(),
        ...transfer,
        fromLocationId: archived.id,
        quantity: "1",
      }),
    );
    expect(fromArchived).toMatchObject({ code: "VALIDATION" });

    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
    await expect(
      transferStock(manager.ctx, { operationId: randomUUID(), ...transfer, quantity: "3" }),
    ).resolves.toMatchObject({
      from: { onHand: 2 },
      to: { onHand: 3 },
    });
  });
});

describe("stocktakes", () => {
  it("books the differences as STOCKTAKE movements in one batch; confirmed counts book nothing", async () => {
    const location = await createTestLocation(system, a.companyId);
    const [up, down, same, fresh, zeroed] = await Promise.all(
      Array.from({ length: 5 }, () => createTestProduct(system, a.companyId)),
    );
    await receiveStock(a, up!.id, location.id, 4);
    await receiveStock(a, down!.id, location.id, 9);
    await receiveStock(a, same!.id, location.id, 7);
    await receiveStock(a, zeroed!.id, location.id, 2);

    const result = await recordStocktake(manager.ctx, {
      operationId: randomUUID(),
      locationId: location.id,
      counts: [
        { productId: up!.id, counted: "6" },
        { productId: down!.id, counted: "1" },
        { productId: same!.id, counted: "7" },
        { productId: fresh!.id, counted: "3" },
        { productId: zeroed!.id, counted: "0" },
      ],
    });
    expect(result.location).toEqual({ id: location.id, name: location.name });
    expect(result).toMatchObject({ changed: 4, unchanged: 1, uncoveredOrders: [] });
    const line = (id: string) => result.lines.find((l) => l.productId === id);
    expect(line(up!.id)).toMatchObject({ before: 4, counted: 6, difference: 2 });
    expect(line(down!.id)).toMatchObject({ before: 9, counted: 1, difference: -8 });
    expect(line(same!.id)).toMatchObject({ before: 7, counted: 7, difference: 0 });
    expect(line(fresh!.id)).toMatchObject({ before: 0, counted: 3, difference: 3 });
    expect(line(zeroed!.id)).toMatchObject({ before: 2, counted: 0, difference: -2 });

    const booked = await system.stockMovement.findMany({
      where: { locationId: location.id, reason: "STOCKTAKE" },
      select: { productId: true, quantity: true, balanceAfter: true, batchId: true, note: true },
    });
    expect(booked.map((m) => [m.productId, m.quantity, m.balanceAfter]).sort()).toEqual(
      [
        [up!.id, 2, 6],
        [down!.id, -8, 1],
        [fresh!.id, 3, 3],
        [zeroed!.id, -2, 0],
      ].sort(),
    );
    expect(new Set(booked.map((m) => m.batchId)).size).toBe(1);
    expect(booked.every((m) => m.note === "Stocktake")).toBe(true);
    for (const product of [up, down, same, fresh, zeroed]) await expectLedgerHolds(product!.id);
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "stock.stocktake", entityId: location.id },
    });
    expect(audit.after).toMatchObject({ counted: 5, changed: 4, movementCount: 4 });
  });

  it("a stocktake that confirms everything books no movement but is audited", async () => {
    const { product, locations } = await stockedProduct(system, a, [8]);
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const result = await recordStocktake(manager.ctx, {
      operationId: randomUUID(),
      locationId: locations[0]!.id,
      counts: [{ productId: product.id, counted: 8 }],
    });
    expect(result).toMatchObject({ changed: 0, unchanged: 1, lines: [{ before: 8, counted: 8, difference: 0 }] });
    const after = await stockSnapshot(system, a.companyId, [product.id]);
    expect(after.levels).toEqual(before.levels);
    expect(after.movements).toBe(before.movements);
    expect(after.audit).toBe(before.audit + 1);
  });

  it("books a count below the reserved quantity and lists the approved orders it leaves short", async () => {
    const { product, locations } = await stockedProduct(system, a, [10]);
    const location = locations[0]!;
    const covered = await createTestProduct(system, a.companyId);
    await receiveStock(a, covered.id, location.id, 10);
    const first = await approvedCustomerOrder(system, a, {
      productId: product.id,
      locationId: location.id,
      quantity: 4,
    });
    const second = await approvedCustomerOrder(system, a, {
      productId: product.id,
      locationId: location.id,
      quantity: 3,
    });
    await approvedCustomerOrder(system, a, { productId: covered.id, locationId: location.id, quantity: 2 });
    // Elsewhere, or not approved, or a restock: not this stocktake's business.
    const elsewhere = await createTestLocation(system, a.companyId);
    await approvedCustomerOrder(system, a, { productId: product.id, locationId: elsewhere.id, quantity: 1 });
    await system.orderRequest.create({
      data: {
        companyId: a.companyId,
        number: 900_000 + Math.floor(Math.random() * 99_999),
        type: "CUSTOMER_ORDER",
        status: "PENDING",
        locationId: location.id,
        requesterId: a.admin.id,
        clientRequestId: crypto.randomUUID(),
        payloadHash: "0".repeat(64),
        lines: { create: [{ productId: product.id, quantity: 5, unitPrice: 1 }] },
      },
    });

    const result = await recordStocktake(manager.ctx, {
      operationId: randomUUID(),
      locationId: location.id,
      counts: [
        { productId: product.id, counted: "5" },
        { productId: covered.id, counted: "9" },
      ],
    });
    expect(
      await system.stockLevel.findFirst({
        where: { productId: product.id, locationId: location.id },
        select: { onHand: true, reserved: true },
      }),
    ).toEqual({
      onHand: 5,
      reserved: 7,
    });
    expect(result.uncoveredOrders).toEqual([
      {
        orderId: first.id,
        number: first.number,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity: 4,
        onHand: 5,
        reserved: 7,
      },
      {
        orderId: second.id,
        number: second.number,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity: 3,
        onHand: 5,
        reserved: 7,
      },
    ]);
    await expectLedgerHolds(product.id);
  });

  it("two people counting the same product at once never double-book", async () => {
    // Both count 6 where 10 were: one books −4, the other finds 6 and books nothing.
    const { product, locations } = await stockedProduct(system, a, [10]);
    const locationId = locations[0]!.id;
    const same = await Promise.all(
      Array.from({ length: 4 }, () =>
        recordStocktake(manager.ctx, {
          operationId: randomUUID(),
          locationId,
          counts: [{ productId: product.id, counted: 6 }],
        }),
      ),
    );
    expect(await onHand(product.id, locationId)).toBe(6);
    expect(same.map((r) => r.changed).sort()).toEqual([0, 0, 0, 1]);
    expect((await movementsOf(product.id)).filter((m) => m.reason === "STOCKTAKE").map((m) => m.quantity)).toEqual([
      -4,
    ]);

    // Different counts: each books against what the one before it left (a chain from 6, never two differences
    // from the same starting point), and whichever committed last is the truth.
    const counts = [2, 9, 4, 13];
    await Promise.all(
      counts.map((counted) =>
        recordStocktake(manager.ctx, {
          operationId: randomUUID(),
          locationId,
          counts: [{ productId: product.id, counted }],
        }),
      ),
    );
    const remaining = (await movementsOf(product.id)).filter((m) => m.reason === "STOCKTAKE").slice(1);
    expect(remaining).toHaveLength(counts.length);
    let current = 6;
    while (remaining.length > 0) {
      const next = remaining.findIndex((m) => m.balanceAfter - m.quantity === current);
      expect(next, `a stocktake booked against ${current}`).toBeGreaterThanOrEqual(0);
      current = remaining.splice(next, 1)[0]!.balanceAfter;
    }
    expect(counts).toContain(current);
    expect(await onHand(product.id, locationId)).toBe(current);
    await expectLedgerHolds(product.id);
  });

  it("is refused at an archived location", async () => {
    const product = await createTestProduct(system, a.companyId);
    const location = await createTestLocation(system, a.companyId, { archived: true });
    const error = await refusal(
      recordStocktake(manager.ctx, {
        operationId: randomUUID(),
        locationId: location.id,
        counts: [{ productId: product.id, counted: 1 }],
      }),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      message: `${location.name} is archived: restore it before moving stock there.`,
    });
    expect(await system.stockLevel.count({ where: { productId: product.id } })).toBe(0);
  });

  it("lists a location's products 50 at a time, and finds others by name, SKU or barcode", async () => {
    const fixture = await createCompanyFixture(system, "stocktake-list");
    const location = await createTestLocation(system, fixture.companyId, { name: "Aisle 9" });
    const products = [];
    for (let i = 0; i < STOCK_PAGE_SIZE + 3; i++) {
      products.push(await createTestProduct(system, fixture.companyId, { name: `Bolt ${String(i).padStart(3, "0")}` }));
    }
    for (const product of products) await receiveStock(fixture, product.id, location.id, 1);
    const barcode = `BC-${uniqueSuffix()}`;
    const elsewhere = await createTestProduct(system, fixture.companyId, { name: "Hinge 100%", barcode });

    const first = await listStocktakeProducts(fixture.ctx, { locationId: location.id });
    expect(first).toMatchObject({ total: STOCK_PAGE_SIZE + 3, previousCursor: null });
    expect(first.products).toHaveLength(STOCK_PAGE_SIZE);
    expect(first.products[0]).toMatchObject({ name: "Bolt 000", onHand: 1, reserved: 0 });
    const second = await listStocktakeProducts(fixture.ctx, { locationId: location.id, after: first.nextCursor! });
    expect(second.products.map((p) => p.name)).toEqual(["Bolt 050", "Bolt 051", "Bolt 052"]);
    expect(second.nextCursor).toBeNull();

    // Not stocked here, found by barcode, or by name whatever the case.
    const byBarcode = await listStocktakeProducts(fixture.ctx, { locationId: location.id, search: barcode });
    expect(byBarcode.products).toEqual([expect.objectContaining({ productId: elsewhere.id, onHand: 0 })]);
    const byName = await listStocktakeProducts(fixture.ctx, { locationId: location.id, search: "HINGE" });
    expect(byName.products.map((p) => p.productId)).toEqual([elsewhere.id]);
    const bySku = await listStocktakeProducts(fixture.ctx, {
      locationId: location.id,
      search: products[7]!.sku.toLowerCase(),
    });
    expect(bySku.products.map((p) => p.productId)).toEqual([products[7]!.id]);
    // "%" is matched literally, not as a wildcard.
    expect(
      (await listStocktakeProducts(fixture.ctx, { locationId: location.id, search: "100%" })).products,
    ).toHaveLength(1);
    expect((await listStocktakeProducts(fixture.ctx, { locationId: location.id, search: "%" })).products).toHaveLength(
      1,
    );

    const picked = await searchStockProducts(fixture.ctx, { search: "bolt 05" });
    expect(picked.products.map((p) => [p.name, p.onHand])).toEqual([
      ["Bolt 050", 1],
      ["Bolt 051", 1],
      ["Bolt 052", 1],
    ]);
    const stock = await getProductStock(fixture.ctx, { productId: products[0]!.id });
    expect(stock.locations).toEqual([
      { id: fixture.locationId, name: "Main", isDefault: true, onHand: 0, reserved: 0, available: 0 },
      { id: location.id, name: "Aisle 9", isDefault: false, onHand: 1, reserved: 0, available: 1 },
    ]);
  });
});

describe("the stock pages' product lists, in keyset pages", () => {
  /**
   * Eleven products of one company named for a tag, by words whose order is plain in any collation. Two pairs
   * share a name but for its letter case ("TAG Anvil", "tag anvil"; "TAG Bolt" twice), which their SKUs order.
   */
  async function catalogue(fixture: CompanyFixture, locationId: string) {
    const tag = `keyset${uniqueSuffix()}`;
    const words = ["drill", "anvil", "clamp", "bolt", "anvil", "gear", "funnel", "bolt", "hammer", "eye", "ink"];
    const made: { id: string; sku: string; name: string }[] = [];
    for (const [i, word] of words.entries()) {
      // Odd ones in capitals; SKUs run K, J, I, … so their order is not the order of making.
      const name = i % 2 ? `${tag.toUpperCase()} ${word[0]!.toUpperCase()}${word.slice(1)}` : `${tag} ${word}`;
      made.push(await product(fixture, locationId, name, `${tag}-${String.fromCharCode(75 - i)}`.toUpperCase()));
    }
    const byName = (x: (typeof made)[number], y: (typeof made)[number]) => {
      const [p, q] = [x.name.toLowerCase(), y.name.toLowerCase()];
      return p < q ? -1 : p > q ? 1 : x.sku < y.sku ? -1 : 1;
    };
    return { tag, expected: made.sort(byName).map((p) => p.id) };
  }

  /** A product with one unit at the location. */
  async function product(fixture: CompanyFixture, locationId: string, name: string, sku: string) {
    const made = await system.product.create({
      data: { companyId: fixture.companyId, sku, name, costPrice: "1.00" },
      select: { id: true, sku: true, name: true },
    });
    await receiveStock(fixture, made.id, locationId, 1);
    return made;
  }

  it("the stocktake and the picker list each product once, by name regardless of case then SKU, both ways", async () => {
    const fixture = await createCompanyFixture(system, "keyset-stock");
    const location = await createTestLocation(system, fixture.companyId);
    const { tag, expected } = await catalogue(fixture, location.id);
    const stocktake = (input: Record<string, unknown>) => async (cursor: { after?: string; before?: string }) => {
      const page = await listStocktakeProducts(fixture.ctx, { ...input, ...cursor, locationId: location.id, limit: 4 });
      expect(page.total).toBe(expected.length);
      return { ...page, rows: page.products.map((p) => p.productId) };
    };
    const picker = async (cursor: { after?: string; before?: string }) => {
      const page = await searchStockProducts(fixture.ctx, { ...cursor, search: tag, limit: 4 });
      return { ...page, rows: page.products.map((p) => p.productId) };
    };
    // The location's products (no search), the products matching a search there, and the picker's matches.
    for (const read of [stocktake({}), stocktake({ search: tag.toUpperCase() }), picker]) {
      const { forward, backward } = await walkKeyset(read, 4);
      expect(forward.map((rows) => rows.length)).toEqual([4, 4, 3]);
      expect(forward.flat()).toEqual(expected);
      expect(backward.flat()).toEqual(expected);
    }
  });

  it("a product added before the cursor while paging shifts no page; one list's cursor is not the other's", async () => {
    const fixture = await createCompanyFixture(system, "keyset-insert");
    const location = await createTestLocation(system, fixture.companyId);
    const { tag, expected } = await catalogue(fixture, location.id);
    const firstCount = await listStocktakeProducts(fixture.ctx, { locationId: location.id, limit: 4 });
    const firstPick = await searchStockProducts(fixture.ctx, { search: tag, limit: 4 });

    // "aardvark" sorts before every product of the first pages: OFFSET would repeat each first page's last row.
    await product(fixture, location.id, `${tag} aardvark`, `${tag}-Z`.toUpperCase());
    const count = await listStocktakeProducts(fixture.ctx, {
      locationId: location.id,
      after: firstCount.nextCursor!,
      limit: 4,
    });
    expect(count.products.map((p) => p.productId)).toEqual(expected.slice(4, 8));
    const pick = await searchStockProducts(fixture.ctx, { search: tag, after: firstPick.nextCursor!, limit: 4 });
    expect(pick.products.map((p) => p.productId)).toEqual(expected.slice(4, 8));

    await expect(
      listStocktakeProducts(fixture.ctx, { locationId: location.id, after: firstPick.nextCursor! }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { after: [STALE_CURSOR_MESSAGE] } });
    await expect(
      searchStockProducts(fixture.ctx, { search: tag, before: firstCount.nextCursor! }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { before: [STALE_CURSOR_MESSAGE] } });
  });
});

describe("input as the pages and forms send it", () => {
  it("upper-case ids work like the database's lower-case ones, in every operation", async () => {
    const { product, locations } = await stockedProduct(system, a, [10, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const upper = (id: string) => id.toUpperCase();
    await expect(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: upper(product.id),
        locationId: upper(from.id),
        mode: "change",
        quantity: "2",
        reason: "Found two",
      }),
    ).resolves.toMatchObject({ product: { id: product.id }, location: { id: from.id }, before: 10, after: 12 });
    await expect(
      transferStock(manager.ctx, {
        operationId: randomUUID(),
        productId: upper(product.id),
        fromLocationId: upper(from.id),
        toLocationId: upper(to.id),
        quantity: "5",
      }),
    ).resolves.toBeDefined();
    await expect(
      recordStocktake(manager.ctx, {
        operationId: randomUUID(),
        locationId: upper(to.id),
        counts: [{ productId: upper(product.id), counted: "4" }],
      }),
    ).resolves.toMatchObject({ changed: 1 });
    expect([await onHand(product.id, from.id), await onHand(product.id, to.id)]).toEqual([7, 4]);
    await expectLedgerHolds(product.id);
    expect((await getProductStock(manager.ctx, { productId: upper(product.id) })).product.id).toBe(product.id);
  });

  it("a search with control characters (?q=%00) is no search, never a database error", async () => {
    const { product, locations } = await stockedProduct(system, a, [1]);
    expect(textFromParam("\0")).toBe("");
    expect(textFromParam(["\u0000bolt\u0007", "x"])).toBe("bolt");
    expect(await searchStockProducts(manager.ctx, { search: "\0" })).toMatchObject({ products: [] });
    expect(
      (await searchStockProducts(manager.ctx, { search: `${product.sku}\0` })).products.map((p) => p.productId),
    ).toEqual([product.id]);
    const listed = await listStocktakeProducts(manager.ctx, { locationId: locations[0]!.id, search: "\0" });
    expect(listed.products.map((p) => p.productId)).toContain(product.id);
  });

  it("getProductStock takes only a product id: other keys are a field error, a malformed id NOT_FOUND", async () => {
    const { product } = await stockedProduct(system, a, [1]);
    expect(
      await refusal(getProductStock(manager.ctx, { productId: product.id, companyId: b.companyId })),
    ).toMatchObject({ code: "VALIDATION" });
    expect(await refusal(getProductStock(manager.ctx, "nope"))).toMatchObject({ code: "VALIDATION" });
    expect(await refusal(getProductStock(manager.ctx, { productId: "not-a-uuid" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("isolation and permissions", () => {
  it("company B using company A's product or location ids gets NOT_FOUND and changes nothing", async () => {
    const { product, locations } = await stockedProduct(system, a, [5, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const before = await stockSnapshot(system, a.companyId, [product.id, b.productId]);
    const attempts: (() => Promise<unknown>)[] = [
      () =>
        adjustStock(b.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          locationId: from.id,
          mode: "set",
          quantity: "1",
          reason: "Mine now",
        }),
      () =>
        adjustStock(b.ctx, {
          operationId: randomUUID(),
          productId: b.productId,
          locationId: from.id,
          mode: "change",
          quantity: "1",
          reason: "Mine now",
        }),
      () =>
        adjustStock(b.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          locationId: b.locationId,
          mode: "set",
          quantity: "3",
          reason: "Mine now",
        }),
      () =>
        transferStock(b.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          fromLocationId: from.id,
          toLocationId: to.id,
          quantity: "1",
        }),
      () =>
        transferStock(b.ctx, {
          operationId: randomUUID(),
          productId: b.productId,
          fromLocationId: b.locationId,
          toLocationId: to.id,
          quantity: "1",
        }),
      () =>
        transferStock(b.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          fromLocationId: from.id,
          toLocationId: b.locationId,
          quantity: "1",
        }),
      () =>
        recordStocktake(b.ctx, {
          operationId: randomUUID(),
          locationId: from.id,
          counts: [{ productId: product.id, counted: 0 }],
        }),
      () =>
        recordStocktake(b.ctx, {
          operationId: randomUUID(),
          locationId: b.locationId,
          counts: [{ productId: product.id, counted: 3 }],
        }),
      () =>
        recordStocktake(b.ctx, {
          operationId: randomUUID(),
          locationId: from.id,
          counts: [{ productId: b.productId, counted: 3 }],
        }),
      () => listStocktakeProducts(b.ctx, { locationId: from.id }),
      () => getProductStock(b.ctx, { productId: product.id }),
    ];
    for (const attempt of attempts) expect(await refusal(attempt())).toMatchObject({ code: "NOT_FOUND" });
    expect(await stockSnapshot(system, a.companyId, [product.id, b.productId])).toEqual(before);
    expect(await system.stockLevel.count({ where: { companyId: b.companyId, productId: product.id } })).toBe(0);
    expect(await system.stockMovement.count({ where: { companyId: b.companyId, productId: b.productId } })).toBe(1);
  });

  it("staff get FORBIDDEN for adjust, transfer and stocktake, and nothing changes", async () => {
    const { product, locations } = await stockedProduct(system, a, [5, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const attempts: (() => Promise<unknown>)[] = [
      () =>
        adjustStock(staff.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          locationId: from.id,
          mode: "change",
          quantity: "-1",
          reason: "Took one",
        }),
      () =>
        transferStock(staff.ctx, {
          operationId: randomUUID(),
          productId: product.id,
          fromLocationId: from.id,
          toLocationId: to.id,
          quantity: "1",
        }),
      () =>
        recordStocktake(staff.ctx, {
          operationId: randomUUID(),
          locationId: from.id,
          counts: [{ productId: product.id, counted: 2 }],
        }),
      () => listStocktakeProducts(staff.ctx, { locationId: from.id }),
    ];
    for (const attempt of attempts) expect(await refusal(attempt())).toMatchObject({ code: "FORBIDDEN" });
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
    // Looking is allowed.
    await expect(getProductStock(staff.ctx, { productId: product.id })).resolves.toMatchObject({
      product: { id: product.id },
    });
  });
});

describe("exactly once: the client operation id", () => {
  const changeBy3 = (productId: string, locationId: string, operationId: string) => ({
    operationId,
    productId,
    locationId,
    mode: "change",
    quantity: "3",
    reason: "Found in returns",
  });

  it("a double-submitted “change by” moves stock once, and both submits get the same result", async () => {
    const { product, locations } = await stockedProduct(system, a, [40]);
    const location = locations[0]!;
    const input = changeBy3(product.id, location.id, randomUUID());
    const [first, second] = await Promise.all([adjustStock(manager.ctx, input), adjustStock(manager.ctx, input)]);
    expect(first).toEqual(second);
    expect(first).toMatchObject({ mode: "change", before: 40, after: 43, change: 3 });
    expect(await onHand(product.id, location.id)).toBe(43);
    expect((await movementsOf(product.id)).map((m) => m.quantity)).toEqual([40, 3]);
    expect(await system.auditLog.count({ where: { companyId: a.companyId, entityId: product.id } })).toBe(2);
    await expectLedgerHolds(product.id);
  });

  it("a replay after other changes returns the original result and moves nothing", async () => {
    const { product, locations } = await stockedProduct(system, a, [10, 10]);
    const [main, van] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const adjust = changeBy3(product.id, main.id, randomUUID());
    const transfer = {
      operationId: randomUUID(),
      productId: product.id,
      fromLocationId: main.id,
      toLocationId: van.id,
      quantity: "4",
      note: null,
    };
    const stocktake = {
      operationId: randomUUID(),
      locationId: van.id,
      counts: [{ productId: product.id, counted: "20" }],
      note: "Counted twice",
    };
    const adjusted = await adjustStock(manager.ctx, adjust);
    const transferred = await transferStock(manager.ctx, transfer);
    const counted = await recordStocktake(manager.ctx, stocktake);
    // main 10 + 3 − 4 = 9; van 10 + 4 = 14, counted 20.
    expect([await onHand(product.id, main.id), await onHand(product.id, van.id)]).toEqual([9, 20]);
    const movements = (await movementsOf(product.id)).length;

    expect(await adjustStock(manager.ctx, adjust)).toEqual(adjusted);
    expect(await transferStock(manager.ctx, transfer)).toEqual(transferred);
    expect(await recordStocktake(manager.ctx, stocktake)).toEqual(counted);
    expect(adjusted).toMatchObject({ before: 10, after: 13 });
    expect(counted.lines).toMatchObject([{ before: 14, counted: 20, difference: 6 }]);
    expect([await onHand(product.id, main.id), await onHand(product.id, van.id)]).toEqual([9, 20]);
    expect((await movementsOf(product.id)).length).toBe(movements);
  });

  it("two identical transfers and stocktakes racing move stock once", async () => {
    const { product, locations } = await stockedProduct(system, a, [10, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const transfer = {
      operationId: randomUUID(),
      productId: product.id,
      fromLocationId: from.id,
      toLocationId: to.id,
      quantity: "6",
    };
    const [t1, t2] = await Promise.all([transferStock(manager.ctx, transfer), transferStock(manager.ctx, transfer)]);
    expect(t1).toEqual(t2);
    expect([await onHand(product.id, from.id), await onHand(product.id, to.id)]).toEqual([4, 6]);

    const stocktake = { operationId: randomUUID(), locationId: to.id, counts: [{ productId: product.id, counted: 1 }] };
    const [s1, s2] = await Promise.all([
      recordStocktake(manager.ctx, stocktake),
      recordStocktake(manager.ctx, stocktake),
    ]);
    expect(s1).toEqual(s2);
    expect(s1).toMatchObject({ changed: 1, lines: [{ before: 6, counted: 1, difference: -5 }] });
    // The opening stock, one transfer's two legs (one statement: their order is not defined) and one count.
    const quantities = (await movementsOf(product.id)).map((m) => m.quantity);
    expect(quantities.sort((x, y) => x - y)).toEqual([-6, -5, 6, 10]);
    await expectLedgerHolds(product.id);
  });

  it("the same id with other contents, or for another kind of operation, is a CONFLICT and changes nothing", async () => {
    const { product, locations } = await stockedProduct(system, a, [10, 0]);
    const [main, van] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const operationId = randomUUID();
    await adjustStock(manager.ctx, changeBy3(product.id, main.id, operationId));
    const before = await stockSnapshot(system, a.companyId, [product.id]);

    const changed = await refusal(
      adjustStock(manager.ctx, { ...changeBy3(product.id, main.id, operationId), quantity: "5" }),
    );
    expect(changed.code).toBe("CONFLICT");
    expect(changed.message).toMatch(/already saved, with different values/);
    // Named as the id's problem: the form takes a new id for what comes next (components/ui/operation-id.ts).
    expect(changed.fieldErrors).toEqual({ operationId: [changed.message] });
    const otherMode = await refusal(
      adjustStock(manager.ctx, { ...changeBy3(product.id, main.id, operationId), mode: "set" }),
    );
    expect(otherMode.code).toBe("CONFLICT");
    const otherKind = await refusal(
      transferStock(manager.ctx, {
        operationId,
        productId: product.id,
        fromLocationId: main.id,
        toLocationId: van.id,
        quantity: "3",
      }),
    );
    expect(otherKind.code).toBe("CONFLICT");
    // Someone else in the company with the same id learns nothing of the operation.
    const colleague = await addMember(system, a.companyId, { role: "MANAGER" });
    const theirs = await refusal(adjustStock(colleague.ctx, changeBy3(product.id, main.id, operationId)));
    expect(theirs).toMatchObject({ code: "CONFLICT", message: expect.not.stringMatching(/13|Found in returns/) });
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
  });

  it("a refused operation claims nothing: the corrected submit with the same id is booked", async () => {
    const { product, locations } = await stockedProduct(system, a, [2]);
    const location = locations[0]!;
    const operationId = randomUUID();
    const tooMany = await refusal(
      adjustStock(manager.ctx, { ...changeBy3(product.id, location.id, operationId), quantity: "-5" }),
    );
    expect(tooMany.code).toBe("INSUFFICIENT_STOCK");
    const short = await refusal(
      adjustStock(manager.ctx, { ...changeBy3(product.id, location.id, operationId), reason: "" }),
    );
    expect(short.code).toBe("VALIDATION");
    expect(await system.stockOperation.count({ where: { companyId: a.companyId, operationId } })).toBe(0);

    const booked = await adjustStock(manager.ctx, {
      ...changeBy3(product.id, location.id, operationId),
      quantity: "-2",
    });
    expect(booked).toMatchObject({ before: 2, after: 0, change: -2 });
    expect(await system.stockOperation.findFirst({ where: { companyId: a.companyId, operationId } })).toMatchObject({
      kind: "ADJUSTMENT",
      createdBy: manager.userId,
      result: { before: 2, after: 0, change: -2 },
    });
  });

  it("a missing or malformed operation id is a field error, and nothing changes", async () => {
    const { product, locations } = await stockedProduct(system, a, [5, 0]);
    const [from, to] = locations as [{ id: string; name: string }, { id: string; name: string }];
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const { operationId: _none, ...adjust } = changeBy3(product.id, from.id, randomUUID());
    const attempts: (() => Promise<unknown>)[] = [
      () => adjustStock(manager.ctx, adjust),
      () => adjustStock(manager.ctx, { ...adjust, operationId: "not-a-uuid" }),
      () => adjustStock(manager.ctx, { ...adjust, operationId: 42 }),
      () =>
        transferStock(manager.ctx, {
          productId: product.id,
          fromLocationId: from.id,
          toLocationId: to.id,
          quantity: "1",
        }),
      () => recordStocktake(manager.ctx, { locationId: from.id, counts: [{ productId: product.id, counted: 4 }] }),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(["operationId"]);
    }
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
  });

  it("company B sending company A's operation id does its own operation and never sees A's result", async () => {
    const { product, locations } = await stockedProduct(system, a, [10]);
    const operationId = randomUUID();
    const mine = await adjustStock(manager.ctx, changeBy3(product.id, locations[0]!.id, operationId));
    const bBefore = await onHand(b.productId, b.locationId);

    const theirs = await adjustStock(b.ctx, {
      operationId,
      productId: b.productId,
      locationId: b.locationId,
      mode: "change",
      quantity: "7",
      reason: "Delivery counted",
    });
    expect(theirs).toMatchObject({ product: { id: b.productId }, before: bBefore, after: bBefore + 7, change: 7 });
    expect(theirs.movementId).not.toBe(mine.movementId);
    expect(await onHand(b.productId, b.locationId)).toBe(bBefore + 7);
    expect(await onHand(product.id, locations[0]!.id)).toBe(13);
    // Each company's claim is its own row.
    expect(
      await system.stockOperation.findMany({
        where: { operationId },
        select: { companyId: true },
        orderBy: { companyId: "asc" },
      }),
    ).toEqual(
      [{ companyId: a.companyId }, { companyId: b.companyId }].sort((x, y) => (x.companyId < y.companyId ? -1 : 1)),
    );
  });

  it("the database lets the app role write only a claimed operation's result, never rewrite or delete a claim", async () => {
    const { product, locations } = await stockedProduct(system, a, [10]);
    const operationId = randomUUID();
    await adjustStock(manager.ctx, changeBy3(product.id, locations[0]!.id, operationId));
    const app = appRolePool(1);
    const client = await app.connect();
    try {
      for (const sql of [
        "UPDATE stock_operations SET payload_hash = repeat('0', 64) WHERE operation_id = $1",
        "UPDATE stock_operations SET created_by = created_by WHERE operation_id = $1",
        "DELETE FROM stock_operations WHERE operation_id = $1",
      ]) {
        await expect(
          asCompany(client, a.companyId, () => client.query(sql, [operationId])),
          sql,
        ).rejects.toMatchObject({
          code: "42501",
        });
      }
    } finally {
      client.release();
      await app.end();
    }
    expect(await system.stockOperation.count({ where: { companyId: a.companyId, operationId } })).toBe(1);
  });
});
