import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OrderDetailLine } from "@/lib/orders/get-order-request";
import type { OrderStatus } from "@/lib/orders/order-state-machine";
import { OrderLines } from "./order-lines";

afterEach(cleanup);

const line = (overrides: Partial<OrderDetailLine>): OrderDetailLine => ({
  productId: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
  sku: "BW-1",
  name: "Blue widget",
  unit: "each",
  packSize: null,
  archived: false,
  quantity: 5,
  // Pending: nothing approved, fulfilled or still to come yet.
  approvedQuantity: null,
  fulfilledQuantity: 0,
  outstanding: 0,
  fulfilNow: 0,
  unitPrice: "2.50",
  value: "12.50",
  onHand: 10,
  reserved: 7,
  available: 3,
  shortForApproved: null,
  ...overrides,
});

const LINES = [
  line({}),
  line({ productId: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02", sku: "RW-1", name: "Red widget", available: 40 }),
];

function renderLines(props: { showStock: boolean; checkShortage: boolean }) {
  return render(
    <OrderLines lines={LINES} status="PENDING" currency="GBP" locationName="Main" totalValue="25.00" {...props} />,
  );
}

describe("OrderLines", () => {
  it("marks the lines a pending customer order's location cannot cover, before anyone approves", () => {
    renderLines({ showStock: true, checkShortage: true });
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    const blue = rows.find((row) => row.textContent?.includes("Blue widget"))!;
    const red = rows.find((row) => row.textContent?.includes("Red widget"))!;
    expect(within(blue).getByText("Only 3 available")).toBeTruthy();
    expect(within(red).queryByText(/available$/)).toBeNull();
    expect(screen.getByText(/1 product is short at Main/)).toBeTruthy();
  });

  it("shows no shortage when not asked to check, and no stock columns for a closed request", () => {
    renderLines({ showStock: false, checkShortage: false });
    expect(screen.queryByText(/Only \d+ available/)).toBeNull();
    expect(screen.queryByRole("columnheader", { name: "Available" })).toBeNull();
  });

  it("links each product, and shows line values and the totals", () => {
    renderLines({ showStock: true, checkShortage: false });
    const table = screen.getByRole("table");
    expect(within(table).getByRole("link", { name: "Blue widget" }).getAttribute("href")).toBe(
      "/products/5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
    );
    expect(within(table).getAllByText("£12.50")).toHaveLength(2);
    expect(within(table).getByText("£25.00")).toBeTruthy();
    // Both widgets are counted "each": 5 + 5.
    expect(within(table).getByText("10 each")).toBeTruthy();
  });

  it("totals the quantities per unit, never adding one unit to another, in the table and on the cards", () => {
    // Blue widget 5 each, Safety gloves 3 pair, Red widget 2 each, Wood screws 4 box.
    const lines = [
      line({}),
      line({
        productId: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c03",
        sku: "SG-L",
        name: "Safety gloves",
        unit: "pair",
        quantity: 3,
      }),
      line({ productId: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02", sku: "RW-1", name: "Red widget", quantity: 2 }),
      line({
        productId: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c04",
        sku: "WS-4",
        name: "Wood screws",
        unit: "box",
        quantity: 4,
      }),
    ];
    render(
      <OrderLines
        lines={lines}
        status="PENDING"
        currency="GBP"
        locationName="Main"
        totalValue="35.00"
        showStock={false}
        checkShortage={false}
      />,
    );
    const footer = screen.getByRole("table").querySelector("tfoot")!;
    const total = within(footer).getByRole("rowheader", { name: "Total (4 items)" });
    const quantities = total.nextElementSibling!;
    expect([...quantities.children].map((part) => part.textContent)).toEqual(["7 each", "3 pair", "4 box"]);
    expect(footer.textContent).not.toMatch(/\b14\b|units?\b/);
    const cards = screen.getByRole("list", { name: "Products on this request" });
    expect(cards.textContent).toContain("Total (4 items): 7 each, 3 pair and 4 box");
  });

  it("says under an approved order's line that its location is short for approved orders, and why it cannot ship", () => {
    const text = "Short for approved orders at Main: only 4 on hand, 6 needed: this order cannot ship yet.";
    render(
      <OrderLines
        lines={[
          line({
            quantity: 6,
            approvedQuantity: 6,
            outstanding: 6,
            fulfilNow: 4,
            onHand: 4,
            reserved: 9,
            available: 0,
            shortForApproved: { text, canShip: false },
          }),
          line({
            productId: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02",
            name: "Red widget",
            quantity: 2,
            approvedQuantity: 2,
            outstanding: 2,
            fulfilNow: 2,
            onHand: 3,
            reserved: 5,
            available: 0,
            shortForApproved: {
              text: "Short for approved orders at Main: this order's 2 can still ship.",
              canShip: true,
            },
          }),
        ]}
        status="APPROVED"
        currency="GBP"
        locationName="Main"
        totalValue="20.00"
        showStock
        checkShortage={false}
      />,
    );
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    const blue = rows.find((row) => row.textContent?.includes("Blue widget"))!;
    const red = rows.find((row) => row.textContent?.includes("Red widget"))!;
    expect(within(blue).getByText(text)).toBeTruthy();
    expect(within(red).getByText(/can still ship/)).toBeTruthy();
    // Only the line that cannot ship holds the fulfilment up.
    expect(
      screen.getByText(/1 product is short for approved orders at Main: .* fulfilling this request is refused/),
    ).toBeTruthy();
  });

  it("says nothing about approved orders when no line is short for them", () => {
    renderLines({ showStock: true, checkShortage: false });
    expect(screen.queryByText(/short for approved orders/i)).toBeNull();
  });

  it("shows no price column, line price or total value when the viewer may not see the request's money", () => {
    const unpriced = LINES.map(({ unitPrice: _unit, value: _value, ...rest }) => rest);
    render(
      <OrderLines
        lines={unpriced}
        status="PENDING"
        currency="GBP"
        locationName="Main"
        showStock
        checkShortage={false}
      />,
    );
    const table = screen.getByRole("table");
    expect(within(table).queryByRole("columnheader", { name: "Unit price" })).toBeNull();
    expect(within(table).queryByRole("columnheader", { name: "Value" })).toBeNull();
    expect(within(table).getByRole("columnheader", { name: "Available" })).toBeTruthy();
    expect(within(table).getByText("10 each")).toBeTruthy();
    const cards = screen.getByRole("list", { name: "Products on this request" });
    expect(document.body.textContent).not.toMatch(/£|×/);
    expect(cards.textContent).toContain("Total (2 items): 10 each");
  });

  describe("once approved", () => {
    // A customer order for 10 Blue widgets (each) and 3 Safety gloves (pair). The manager approved 6 of the 10
    // widgets and all 3 gloves; 4 widgets and the 3 gloves have shipped, so 2 widgets are still to come.
    const GLOVES = "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c03";
    const partlyShipped = [
      line({ quantity: 10, approvedQuantity: 6, fulfilledQuantity: 4, outstanding: 2, fulfilNow: 2 }),
      line({
        productId: GLOVES,
        sku: "SG-L",
        name: "Safety gloves",
        unit: "pair",
        quantity: 3,
        approvedQuantity: 3,
        fulfilledQuantity: 3,
        outstanding: 0,
        fulfilNow: 0,
      }),
    ];
    const renderApproved = (status: OrderStatus, lines = partlyShipped) =>
      render(
        <OrderLines
          lines={lines}
          status={status}
          currency="GBP"
          locationName="Main"
          totalValue="40.00"
          showStock={status === "PARTIALLY_FULFILLED"}
          checkShortage={false}
        />,
      );
    const cellsOf = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent);

    it("shows per line what was requested, approved (a lowered line marked), fulfilled and is still to come, in its unit", () => {
      renderApproved("PARTIALLY_FULFILLED");
      const table = screen.getByRole("table");
      const headers = within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent);
      expect(headers.slice(0, 5)).toEqual(["Product", "Requested", "Approved", "Fulfilled", "Still to come"]);
      const rows = within(table).getAllByRole("row");
      const widget = rows.find((row) => row.textContent?.includes("Blue widget"))!;
      const gloves = rows.find((row) => row.textContent?.includes("Safety gloves"))!;
      // The SKU is said under the product's name.
      expect(cellsOf(widget).slice(0, 5)).toEqual([
        "Blue widgetBW-1",
        "10 each",
        "6 eachLowered from 10",
        "4 each",
        "2 each",
      ]);
      expect(cellsOf(gloves).slice(1, 5)).toEqual(["3 pair", "3 pair", "3 pair", "0 pair"]);
      expect(within(gloves).queryByText(/Lowered/)).toBeNull();
    });

    it("totals each quantity column per unit, never adding widgets to gloves", () => {
      renderApproved("PARTIALLY_FULFILLED");
      const footer = screen.getByRole("table").querySelector("tfoot")!;
      const cells = [...footer.querySelectorAll("td")].map((cell) =>
        [...cell.children].map((part) => part.textContent),
      );
      // Requested 10 each and 3 pair; approved 6 each and 3 pair; fulfilled 4 each and 3 pair; 2 each still to come.
      expect(cells.slice(0, 4)).toEqual([
        ["10 each", "3 pair"],
        ["6 each", "3 pair"],
        ["4 each", "3 pair"],
        ["2 each"],
      ]);
      // 10 + 3, 6 + 3, 4 + 3: never a total across units.
      expect(footer.textContent).not.toMatch(/\b(13|9|7)\b/);
    });

    it("says the same on a phone's cards", () => {
      renderApproved("PARTIALLY_FULFILLED");
      const cards = screen.getByRole("list", { name: "Products on this request" });
      const widget = within(cards).getAllByRole("listitem")[0]!;
      expect(widget.textContent).toContain("Requested 10 each × £2.50");
      const terms = within(widget)
        .getAllByRole("term")
        .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
      expect(terms).toEqual([
        ["Approved", "6 eachLowered from 10"],
        ["Fulfilled", "4 each"],
        ["Still to come", "2 each"],
      ]);
      expect(cards.textContent).toContain("Still to come: 2 each");
      expect(cards.textContent).toContain("Approved: 6 each and 3 pair");
    });

    it("on a closed backorder says what is not coming, and on a fulfilled request nothing is still to come", () => {
      renderApproved("CLOSED");
      expect(screen.getByRole("columnheader", { name: "Not coming" })).toBeTruthy();
      expect(screen.queryByRole("columnheader", { name: "Still to come" })).toBeNull();
      expect(screen.getByRole("list", { name: "Products on this request" }).textContent).toContain(
        "Not coming: 2 each",
      );
      cleanup();

      // Everything approved has shipped: 6 widgets and 3 gloves.
      const shipped = partlyShipped.map((each) => ({
        ...each,
        fulfilledQuantity: each.approvedQuantity!,
        outstanding: 0,
      }));
      renderApproved("FULFILLED", shipped);
      const headers = screen.getAllByRole("columnheader").map((header) => header.textContent);
      expect(headers).toEqual(["Product", "Requested", "Approved", "Fulfilled", "Unit price", "Value"]);
    });

    it("shows only the quantity before anyone approves", () => {
      renderLines({ showStock: true, checkShortage: false });
      expect(screen.getByRole("columnheader", { name: "Quantity" })).toBeTruthy();
      expect(screen.queryByRole("columnheader", { name: "Approved" })).toBeNull();
    });
  });
});
