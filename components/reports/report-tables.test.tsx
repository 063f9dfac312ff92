import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ValuationLine } from "@/lib/reports/report-types";
import { MovementGroupsTable, MovementsTable, type MovementGroupItem, type MovementItem } from "./movements-table";
import { describeUnitTotals } from "./report-format";
import { SlowMoversTable, type SlowMoverItem } from "./slow-movers-table";
import { ValuationTable } from "./valuation-table";

afterEach(cleanup);

const LINES: ValuationLine[] = [
  {
    productId: "p1",
    name: "Bolt",
    sku: "B-1",
    unit: "each",
    archived: false,
    quantity: 6,
    unitCost: "1.00",
    atCurrentCost: true,
    value: "6.00",
  },
  {
    productId: "p2",
    name: "Widget",
    sku: "W-1",
    unit: "each",
    archived: false,
    quantity: 40,
    unitCost: "4.6364",
    atCurrentCost: false,
    value: "185.46",
  },
];

/** The table (md and up) and the cards (phones) are both rendered; CSS shows one. */
const table = () => screen.getByRole("table");
const cards = () => screen.getByRole("list", { name: /./ });

describe("ValuationTable", () => {
  it("shows quantity, unit cost (labelled at current cost where it is) and value, as table and cards", () => {
    render(<ValuationTable lines={LINES} currency="GBP" seesMoney dateLabel="Thu, 15 Jan 2026" />);
    const rows = within(table()).getAllByRole("row");
    expect(rows[0]!.textContent).toBe("ProductQuantityUnit costValue");
    expect(rows[1]!.textContent).toBe("BoltB-16 each£1.00 at current cost£6.00");
    // Four decimals where the average has them.
    expect(rows[2]!.textContent).toBe("WidgetW-140 each£4.6364£185.46");
    const items = within(cards()).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("at current cost");
    expect(within(items[1]!).getByRole("link", { name: "Widget" }).getAttribute("href")).toBe("/products/p2");
  });

  it("leaves the money out for someone who does not see it", () => {
    const lines = LINES.map(({ unitCost: _u, value: _v, ...line }) => line);
    render(<ValuationTable lines={lines} currency="GBP" seesMoney={false} dateLabel="Thu, 15 Jan 2026" />);
    expect(within(table()).getAllByRole("row")[0]!.textContent).toBe("ProductQuantity");
    expect(screen.queryByText(/£/)).toBeNull();
  });
});

describe("MovementsTable and MovementGroupsTable", () => {
  it("lists each movement with its sign and unit", () => {
    const rows: MovementItem[] = [
      {
        id: "m1",
        atLabel: "20 Jan 2026, 10:00",
        productId: "p2",
        productName: "Widget",
        sku: "W-1",
        unit: "each",
        locationName: "South",
        reasonLabel: "Shipped",
        quantity: -20,
        balanceAfter: 10,
        note: null,
        productHref: "/reports/movements?productId=p2",
      },
    ];
    render(<MovementsTable rows={rows} />);
    expect(within(table()).getAllByRole("row")[1]!.textContent).toBe(
      "20 Jan 2026, 10:00WidgetW-1SouthShipped−20 each10",
    );
    expect(within(cards()).getByRole("listitem").textContent).toContain("Shipped · South · 20 Jan 2026, 10:00");
  });

  it("shows a group's units in and out per unit, never added across units", () => {
    const groups: MovementGroupItem[] = [
      {
        id: "ADJUSTMENT",
        label: "Adjustment",
        detail: null,
        units: [
          { unit: "box", unitsIn: 4, unitsOut: 0 },
          { unit: "each", unitsIn: 6, unitsOut: 0 },
        ],
        movementsIn: 2,
        movementsOut: 0,
        href: "/reports/movements?reason=ADJUSTMENT",
      },
    ];
    render(<MovementGroupsTable groupBy="reason" groups={groups} />);
    expect(within(table()).getAllByRole("row")[0]!.textContent).toBe("ReasonInOutMovements inMovements out");
    expect(within(table()).getAllByRole("row")[1]!.textContent).toBe("Adjustment4 box6 each—20");
    expect(within(cards()).getByRole("link", { name: "Adjustment" }).getAttribute("href")).toBe(
      "/reports/movements?reason=ADJUSTMENT",
    );
  });

  it("describes totals per unit in words", () => {
    expect(
      describeUnitTotals([
        { unit: "box", unitsIn: 4, unitsOut: 0 },
        { unit: "each", unitsIn: 46, unitsOut: 20 },
      ]),
    ).toBe("4 box in; 46 each in, 20 each out");
    expect(describeUnitTotals([])).toBe("Nothing moved");
  });
});

describe("SlowMoversTable", () => {
  it("shows on hand, value and when stock last left, as table and cards", () => {
    const products: SlowMoverItem[] = [
      {
        productId: "p3",
        name: "Crate",
        sku: "C-1",
        unit: "box",
        onHand: 4,
        unitCost: "10.00",
        atCurrentCost: true,
        value: "40.00",
        lastOutLabel: "Never",
        lastMovementLabel: "10 Jan 2026",
      },
    ];
    render(<SlowMoversTable products={products} currency="GBP" seesMoney />);
    expect(within(table()).getAllByRole("row")[1]!.textContent).toBe(
      "CrateC-14 box£40.00 at current costNever10 Jan 2026",
    );
    expect(within(cards()).getByRole("listitem").textContent).toContain("Stock last leftNever");
  });
});
