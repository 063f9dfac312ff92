import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ProductBadges } from "./product-badges";
import { StockByLocation } from "./stock-by-location";

afterEach(cleanup);

const level = (locationId: string, locationName: string, onHand: number, reserved: number) => ({
  locationId,
  locationName,
  locationArchived: false,
  onHand,
  reserved,
  available: Math.max(0, onHand - reserved),
  low: false,
  shortBy: Math.max(0, reserved - onHand),
});

describe("StockByLocation", () => {
  it("marks the location where approved orders reserve more than is on hand, by how much", () => {
    render(
      <StockByLocation
        locations={[level("l1", "Main", 4, 9), level("l2", "Annex", 10, 2)]}
        total={{ onHand: 14, reserved: 11, available: 3, low: false }}
        unit="each"
      />,
    );
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    const main = rows.find((row) => row.textContent?.startsWith("Main"))!;
    const annex = rows.find((row) => row.textContent?.startsWith("Annex"))!;
    expect(within(main).getByText("Short by 5 for approved orders")).toBeTruthy();
    expect(within(annex).queryByText(/Short by/)).toBeNull();
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
