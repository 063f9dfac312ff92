import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ShortForApproved } from "./short-for-approved";

afterEach(cleanup);

const product = (id: string, name: string, shortBy: number) => ({ id, sku: `SKU-${id.slice(-2)}`, name, shortBy });

describe("ShortForApproved", () => {
  it("counts the short products, lists them by how short they are with links, and leads to all of them", () => {
    render(
      <ShortForApproved
        short={{
          count: 7,
          products: [
            product("5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01", "Alpha bolts", 1200),
            product("5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02", "Delta glue", 3),
          ],
        }}
      />,
    );
    const section = screen.getByRole("region", { name: "Short for approved orders: 7 products" });
    const items = within(section).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "Alpha bolts SKU-01short by 1,200",
      "Delta glue SKU-02short by 3",
    ]);
    expect(within(items[0]!).getByRole("link", { name: "Alpha bolts" }).getAttribute("href")).toBe(
      "/products/5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
    );
    expect(within(section).getByRole("link", { name: "See all 7 in the product list" }).getAttribute("href")).toBe(
      "/products?stock=short",
    );
  });

  it("says one product in the singular", () => {
    render(
      <ShortForApproved
        short={{ count: 1, products: [product("5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01", "Alpha bolts", 2)] }}
      />,
    );
    expect(screen.getByRole("heading", { name: "Short for approved orders: 1 product" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "See it in the product list" })).toBeTruthy();
  });

  it("shows nothing when no product is short", () => {
    const { container } = render(<ShortForApproved short={{ count: 0, products: [] }} />);
    expect(container.textContent).toBe("");
  });
});
