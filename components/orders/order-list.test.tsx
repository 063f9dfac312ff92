import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { summarizeProducts } from "./labels";
import { OrderList, type OrderListItem } from "./order-list";

afterEach(cleanup);

const base: OrderListItem = {
  id: "0193a7c2-1111-7000-8000-000000000001",
  number: 42,
  type: "RESTOCK",
  status: "PENDING",
  requesterName: "Casey Staff",
  locationName: "Main warehouse",
  lineCount: 4,
  // Claw hammer and Spirit level 6 each in all, Wood screws and Wall plugs 3 box: never "9 units".
  unitTotals: [
    { unit: "each", quantity: 6 },
    { unit: "box", quantity: 3 },
  ],
  productNames: ["Claw hammer", "Wood screws"],
  partner: null,
  reference: "PO-4471",
  createdLabel: "7 Dec 2026, 09:12",
  createdIso: "2026-12-07T09:12:00.000Z",
};

describe("summarizeProducts", () => {
  it("names up to two products and counts the rest", () => {
    expect(summarizeProducts(["Claw hammer"], 1)).toBe("Claw hammer");
    expect(summarizeProducts(["Claw hammer", "Wood screws"], 2)).toBe("Claw hammer and Wood screws");
    expect(summarizeProducts(["Claw hammer", "Wood screws"], 3)).toBe("Claw hammer, Wood screws and 1 more");
    expect(summarizeProducts(["Claw hammer", "Wood screws"], 1204)).toBe("Claw hammer, Wood screws and 1,202 more");
  });
});

describe("OrderList", () => {
  it("says what each request is for, with its reference, on the card and in the table", () => {
    render(
      <OrderList
        showRequester={false}
        orders={[
          base,
          {
            ...base,
            id: "0193a7c2-1111-7000-8000-000000000002",
            number: 43,
            lineCount: 1,
            unitTotals: [{ unit: "each", quantity: 1200 }],
            productNames: ["Spirit level"],
            reference: null,
          },
        ]}
      />,
    );
    const cards = within(screen.getByRole("list", { name: "Requests" })).getAllByRole("listitem");
    expect(cards[0]!.textContent).toContain("Claw hammer, Wood screws and 2 more");
    expect(cards[0]!.textContent).toContain("Ref. PO-4471");
    expect(cards[1]!.textContent).toContain("Spirit level");
    expect(cards[1]!.textContent).not.toContain("Ref.");

    const table = screen.getByRole("table", { hidden: true });
    const rows = within(table).getAllByRole("row", { hidden: true });
    const headers = within(rows[0]!)
      .getAllByRole("columnheader", { hidden: true })
      .map((cell) => cell.textContent);
    const products = headers.indexOf("Products");
    expect(products).toBeGreaterThan(0);
    const cellsOf = (row: HTMLElement) => [...row.querySelectorAll("td, th")];
    expect(cellsOf(rows[1]!)[products]!.textContent).toBe("Claw hammer, Wood screws and 2 moreRef. PO-4471");
    expect(cellsOf(rows[2]!)[products]!.textContent).toBe("Spirit level");
  });

  it("names the supplier or customer from the directory: linked in the table, said on the card", () => {
    const acme = { kind: "supplier" as const, id: "0193a7c2-2222-7000-8000-000000000001", name: "Acme Supplies" };
    const bob = { kind: "customer" as const, id: "0193a7c2-2222-7000-8000-000000000002", name: "Bob's Bikes" };
    render(
      <OrderList
        showRequester={false}
        orders={[
          { ...base, partner: acme },
          { ...base, id: "0193a7c2-1111-7000-8000-000000000002", type: "CUSTOMER_ORDER", partner: bob },
        ]}
      />,
    );
    const cards = within(screen.getByRole("list", { name: "Requests" })).getAllByRole("listitem");
    expect(cards[0]!.textContent).toContain("From Acme Supplies");
    expect(cards[1]!.textContent).toContain("For Bob's Bikes");
    const table = screen.getByRole("table", { hidden: true });
    expect(within(table).getByRole("link", { name: "Acme Supplies", hidden: true }).getAttribute("href")).toBe(
      `/suppliers/${acme.id}`,
    );
    expect(within(table).getByRole("link", { name: "Bob's Bikes", hidden: true }).getAttribute("href")).toBe(
      `/customers/${bob.id}`,
    );
  });

  it("gives each request's quantities per unit, one per line in the table and in a sentence on the card", () => {
    render(
      <OrderList
        showRequester={false}
        orders={[
          base,
          {
            ...base,
            id: "0193a7c2-1111-7000-8000-000000000002",
            number: 43,
            lineCount: 1,
            unitTotals: [{ unit: "pair", quantity: 1200 }],
            productNames: ["Safety gloves L"],
          },
        ]}
      />,
    );
    const cards = within(screen.getByRole("list", { name: "Requests" })).getAllByRole("listitem");
    expect(cards[0]!.textContent).toContain("4 items · 6 each and 3 box");
    expect(cards[1]!.textContent).toContain("1 item · 1,200 pair");

    const table = screen.getByRole("table", { hidden: true });
    const rows = within(table).getAllByRole("row", { hidden: true });
    const headers = within(rows[0]!)
      .getAllByRole("columnheader", { hidden: true })
      .map((cell) => cell.textContent);
    expect(headers).not.toContain("Units");
    const quantity = headers.indexOf("Quantity");
    expect(quantity).toBeGreaterThan(0);
    const partsOf = (row: HTMLElement) =>
      [...row.querySelectorAll("td, th")[quantity]!.children].map((part) => part.textContent);
    expect(partsOf(rows[1]!)).toEqual(["6 each", "3 box"]);
    expect(partsOf(rows[2]!)).toEqual(["1,200 pair"]);
    expect(within(rows[1]!).getByRole("cell", { name: "4", hidden: true })).toBeTruthy();
  });
});
