import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StatTile } from "./stat-tile";

afterEach(cleanup);

describe("StatTile", () => {
  it("makes the figure a link whose name reads as a sentence", () => {
    render(
      <StatTile
        label="Low stock"
        value="3"
        detail="Products at or below their reorder point."
        link={{ href: "/products?stock=low", text: "products are at or below their reorder point" }}
      />,
    );
    const link = screen.getByRole("link", { name: "3 products are at or below their reorder point" });
    expect(link.getAttribute("href")).toBe("/products?stock=low");
    expect(screen.getByText("Low stock")).toBeTruthy();
  });

  it("shows a figure without a link", () => {
    render(<StatTile label="Stock value at cost" value="£238.50" />);
    expect(screen.getByText("£238.50")).toBeTruthy();
    expect(screen.queryByRole("link")).toBeNull();
  });
});
