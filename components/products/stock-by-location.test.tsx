import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ProductBadges } from "./product-badges";
import { StockByLocation } from "./stock-by-location";

afterEach(cleanup);

const level = (
  locationId: string,
  locationName: string,
  onHand: number,
  reserved: number,
  reorderPoint: number | null = null,
) => ({
  locationId,
  locationName,
  locationArchived: false,
  onHand,
  reserved,
  available: Math.max(0, onHand - reserved),
  reorderPoint,
  low: reorderPoint !== null && onHand <= reorderPoint,
  shortBy: Math.max(0, reserved - onHand),
});

describe("StockByLocation", () => {
  it("marks the location where approved orders reserve more than is on hand, by how much", () => {
    render(
      <StockByLocation
        locations={[level("l1", "Main", 4, 9), level("l2", "Annex", 10, 2)]}
        total={{ onHand: 14, reserved: 11, available: 3, low: false, reorderPoint: 0 }}
        unit="each"
      />,
    );
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    const main = rows.find((row) => row.textContent?.startsWith("Main"))!;
    const annex = rows.find((row) => row.textContent?.startsWith("Annex"))!;
    expect(within(main).getByText("Short by 5 for approved orders")).toBeTruthy();
    expect(within(annex).queryByText(/Short by/)).toBeNull();
  });

  it("shows each location's own reorder point under its stock, and Low here only by that point", () => {
    // The product's point (60) is about the total: Main's 50 is not low here, Annex's 20 is low by Annex's own 25.
    render(
      <StockByLocation
        locations={[level("l1", "Main", 50, 0), level("l2", "Annex", 20, 0, 25)]}
        total={{ onHand: 70, reserved: 0, available: 70, low: true, reorderPoint: 60 }}
        unit="each"
      />,
    );
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    const row = (name: string) => rows.find((r) => r.textContent?.startsWith(name))!;
    const onHand = (name: string) => within(row(name)).getAllByRole("cell")[0]!.textContent;
    expect(onHand("Main")).toBe("50");
    expect(onHand("Annex")).toBe("20reorder point 25");
    expect(within(row("Main")).queryByText("Low here")).toBeNull();
    expect(within(row("Annex")).getByText("Low here")).toBeTruthy();
    // The total is judged by the product's own point.
    expect(within(row("Total")).getAllByRole("cell")[0]!.textContent).toBe("70 eachreorder point 60");
  });
});

describe("ProductBadges", () => {
  it("says when a product is short for approved orders", () => {
    render(<ProductBadges archived={false} low={false} short />);
    expect(screen.getByText("Short for approved orders")).toBeTruthy();
  });

  it("shows nothing for a product in no particular state", () => {
    const { container } = render(<ProductBadges archived={false} low={false} />);
    expect(container.textContent).toBe("");
  });
});
