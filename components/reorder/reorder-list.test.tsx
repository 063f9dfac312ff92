import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReorderGroup, ReorderRow } from "@/lib/stock/reorder-query";
import { refusingThenRecordingAction, sentFields, submitWith } from "@/tests/helpers/form-actions";
import type { FormAction } from "@/components/ui/form-state";
import type { RestockDraftedView } from "./draft-restock-form";
import { ReorderEmpty } from "./reorder-empty";
import { ReorderList } from "./reorder-list";

afterEach(cleanup);

const ACME = "0193a0c4-7777-7000-8000-0000000000a1";
const MAIN = "0193a0c4-7777-7000-8000-0000000000b1";
const ANNEX = "0193a0c4-7777-7000-8000-0000000000b2";
const ANCHORS = "0193a0c4-7777-7000-8000-0000000000c1";
const BRACKETS = "0193a0c4-7777-7000-8000-0000000000c2";
const CLAMPS = "0193a0c4-7777-7000-8000-0000000000c3";

const acme = { id: ACME, name: "Acme", archived: false };

// Anchors: low in total (4 of point 10), target 50, 6 coming → 40 to order at Acme's 1.20.
const anchors: ReorderRow = {
  productId: ANCHORS,
  sku: "ANC-1",
  name: "Anchors",
  unit: "each",
  packSize: null,
  scope: "total",
  locationId: MAIN,
  locationName: "Main",
  onHand: 4,
  reorderPoint: 10,
  incoming: 6,
  need: 46,
  basis: "target",
  basisText: "up to the target level of 50",
  suggested: 40,
  supplier: { ...acme, supplierSku: "AC-1", leadTimeDays: 5, purchasePrice: "1.20" },
  costPrice: "7.25",
  estimate: { amount: "48.00", at: "purchase" },
};
// Brackets: low at Annex by its own point 25 (24 there), reorder quantity 12 in packs of 5 → 15.
const brackets: ReorderRow = {
  ...anchors,
  productId: BRACKETS,
  sku: "BRK-2",
  name: "Brackets",
  packSize: 5,
  scope: "location",
  locationId: ANNEX,
  locationName: "Annex",
  onHand: 24,
  reorderPoint: 25,
  incoming: 0,
  need: 12,
  basis: "quantity",
  basisText: "the reorder quantity of 12",
  suggested: 15,
  supplier: { ...acme, supplierSku: null, leadTimeDays: null, purchasePrice: null },
  estimate: { amount: "108.75", at: "cost" },
};
// Clamps: no preferred supplier, low in total, nothing on hand.
const clamps: ReorderRow = {
  ...anchors,
  productId: CLAMPS,
  sku: "CLA-3",
  name: "Clamps",
  onHand: 0,
  reorderPoint: 5,
  incoming: 0,
  need: 10,
  basis: "twice",
  basisText: "up to twice the reorder point of 5",
  suggested: 10,
  supplier: null,
  estimate: { amount: "72.50", at: "cost" },
};

const groups: ReorderGroup[] = [
  {
    supplier: acme,
    // Three products in the group; a third one is on a later page.
    products: 3,
    locations: [
      { id: MAIN, name: "Main", isDefault: true, products: 2 },
      { id: ANNEX, name: "Annex", isDefault: false, products: 1 },
    ],
  },
  { supplier: null, products: 1, locations: [{ id: MAIN, name: "Main", isDefault: true, products: 1 }] },
];

const IDS = {
  [`${ACME}:${MAIN}`]: "0193a0c4-7777-4000-8000-000000000001",
  [`${ACME}:${ANNEX}`]: "0193a0c4-7777-4000-8000-000000000002",
  [`none:${MAIN}`]: "0193a0c4-7777-4000-8000-000000000003",
};

function renderList({
  seesMoney = true,
  action = vi.fn(),
}: { seesMoney?: boolean; action?: FormAction<RestockDraftedView> } = {}) {
  const strip = (row: ReorderRow): ReorderRow => {
    if (seesMoney) return row;
    const { costPrice: _cost, estimate: _estimate, ...rest } = row;
    return rest;
  };
  render(
    <ReorderList
      rows={[anchors, brackets, clamps].map(strip)}
      groups={groups}
      seesMoney={seesMoney}
      currency="GBP"
      draft={{ action, clientRequestIds: IDS }}
    />,
  );
}

describe("ReorderList", () => {
  it("heads each supplier group with its size, products without a preferred supplier last", () => {
    renderList();
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
      "Acme — 3 products",
      "No preferred supplier — 1 product",
    ]);
    const acmeGroup = screen.getByRole("region", { name: "Acme — 3 products" });
    const cards = within(within(acmeGroup).getByRole("list", { name: "To reorder from Acme" })).getAllByRole(
      "listitem",
    );
    expect(cards.map((card) => within(card).getByRole("link").textContent)).toEqual(["Anchors", "Brackets"]);
  });

  it("says per row where it is low, the stock against the point, what is coming and what to order, with why", () => {
    renderList();
    const [anchorsCard, bracketsCard] = within(screen.getByRole("list", { name: "To reorder from Acme" })).getAllByRole(
      "listitem",
    );
    const text = (card: HTMLElement) => card.textContent ?? "";
    expect(within(anchorsCard!).getByRole("link", { name: "Anchors" }).getAttribute("href")).toBe(
      `/products/${ANCHORS}`,
    );
    expect(text(anchorsCard!)).toContain("ANC-1");
    expect(text(anchorsCard!)).toContain("Low in total, to Main");
    expect(text(anchorsCard!)).toContain("4 on hand, point 10");
    expect(text(anchorsCard!)).toContain("6 coming");
    expect(text(anchorsCard!)).toContain("40 each");
    expect(text(anchorsCard!)).toContain("Needs 46: up to the target level of 50");
    expect(text(anchorsCard!)).toContain("Part AC-1 · 5 days lead time");
    expect(text(anchorsCard!)).toContain("£48.00 at the supplier's price");

    expect(text(bracketsCard!)).toContain("Low at Annex");
    expect(text(bracketsCard!)).toContain("15 each");
    expect(text(bracketsCard!)).toContain("3 packs of 5");
    expect(text(bracketsCard!)).toContain("£108.75 at cost price");
    expect(text(bracketsCard!)).toContain("None coming");
  });

  it("shows no estimate to whoever may not see money", () => {
    renderList({ seesMoney: false });
    expect(screen.queryByRole("columnheader", { name: "Estimate" })).toBeNull();
    expect(document.body.textContent).not.toContain("£");
  });

  it("offers one Draft restock per location a group receives at, each with its own client request id", async () => {
    const action = vi.fn<FormAction<RestockDraftedView>>(async () => null);
    renderList({ action });
    const acmeGroup = screen.getByRole("region", { name: "Acme — 3 products" });
    expect(
      within(acmeGroup)
        .getAllByRole("button", { name: /^Draft restock/ })
        .map((b) => b.textContent),
    ).toEqual([
      "Draft restock to Main for Acme, 2 products low there",
      "Draft restock to Annex for Acme, 1 product low there",
    ]);
    await submitWith(within(acmeGroup).getByRole("button", { name: /^Draft restock to Annex/ }));
    expect(sentFields(action.mock.calls[0]![1])).toEqual({
      clientRequestId: IDS[`${ACME}:${ANNEX}`],
      supplierId: ACME,
      locationId: ANNEX,
    });
    const noneGroup = screen.getByRole("region", { name: "No preferred supplier — 1 product" });
    await submitWith(within(noneGroup).getByRole("button", { name: /^Draft restock to Main/ }));
    expect(sentFields(action.mock.calls[1]![1])).toEqual({
      clientRequestId: IDS[`none:${MAIN}`],
      supplierId: "none",
      locationId: MAIN,
    });
  });

  it("links to the drafted request, and says so when nothing was left to order", async () => {
    const fake = refusingThenRecordingAction<RestockDraftedView>({
      refusal: {
        code: "CONFLICT",
        message:
          "Nothing to order for Acme at Main: open restock requests already bring what the reorder points call for, or nothing there is low any more. Nothing was created.",
      },
      data: { id: "0193a0c4-7777-7000-8000-0000000000f1", number: "REQ-000012", lines: 2, leftOut: 0, created: true },
    });
    renderList({ action: fake.action });
    const button = () => screen.getByRole("button", { name: /^Draft restock to Main for Acme/ });
    await submitWith(button());
    expect(screen.getByRole("alert").textContent).toMatch(/^Nothing to order for Acme at Main/);
    await submitWith(button());
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("Drafted REQ-000012, a pending restock of 2 products to Main.");
    expect(within(status).getByRole("link", { name: "REQ-000012" }).getAttribute("href")).toBe(
      "/requests/0193a0c4-7777-7000-8000-0000000000f1",
    );
    // The same button again carries the same client request id: the server answers with the same request.
    expect(fake.saved().clientRequestId).toBe(IDS[`${ACME}:${MAIN}`]);
  });
});

describe("ReorderEmpty", () => {
  it("says nothing is to reorder and where reorder points are set", () => {
    render(<ReorderEmpty filtered={false} firstPage canManage />);
    expect(screen.getByText("Nothing to reorder: every product is above its reorder point")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Set reorder points" }).getAttribute("href")).toBe("/products");
  });

  it("offers to clear the filters when they leave nothing, and the way back past the last page", () => {
    render(<ReorderEmpty filtered firstPage canManage />);
    expect(screen.getByText("Nothing to reorder for these filters")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Clear filters" }).getAttribute("href")).toBe("/reorder");
    cleanup();
    render(<ReorderEmpty filtered={false} firstPage={false} canManage />);
    expect(screen.getByRole("link", { name: "Back to the start" }).getAttribute("href")).toBe("/reorder");
  });

  it("tells staff that managers set the points", () => {
    render(<ReorderEmpty filtered={false} firstPage canManage={false} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(document.body.textContent).toContain("which managers set on each product");
  });
});
