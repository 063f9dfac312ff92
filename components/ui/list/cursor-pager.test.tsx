import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { orderListHref, type OrderListQuery } from "@/lib/orders/order-list-params";
import { productListHref, type ProductListQuery } from "@/lib/products/product-list-params";
import { CursorPager } from "./cursor-pager";

afterEach(cleanup);

const params = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);

describe("CursorPager", () => {
  it("keeps the filters in the older and back-to-newest links, changing only the cursor", () => {
    const query: OrderListQuery = { status: "PENDING", from: "2026-11-01", q: "REQ-12", after: "CURRENT" };
    render(
      <CursorPager
        label="Request pages"
        href={({ after }) => orderListHref({ ...query, after })}
        firstPage={false}
        nextCursor="NEXT"
        labels={{ first: "Back to newest", next: "Older requests" }}
      />,
    );
    const nav = screen.getByRole("navigation", { name: "Request pages" });
    const older = within(nav).getByRole("link", { name: "Older requests" }).getAttribute("href")!;
    expect(params(older)).toEqual({ status: "PENDING", from: "2026-11-01", q: "REQ-12", after: "NEXT" });
    const newest = within(nav).getByRole("link", { name: "Back to newest" }).getAttribute("href")!;
    expect(params(newest)).toEqual({ status: "PENDING", from: "2026-11-01", q: "REQ-12" });
  });

  it("pages both ways with a sort kept, and never sends after and before together", () => {
    const query: ProductListQuery = { q: "screw", sort: "onHand", after: "CURRENT" };
    render(
      <CursorPager
        label="Product pages"
        href={(cursor) => productListHref({ ...query, ...cursor })}
        firstPage={false}
        nextCursor="NEXT"
        previousCursor="PREVIOUS"
        labels={{ first: "First page", next: "Next", previous: "Previous" }}
      />,
    );
    const links = within(screen.getByRole("navigation", { name: "Product pages" })).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["Previous", "First page", "Next"]);
    expect(params(links[0]!.getAttribute("href")!)).toEqual({ q: "screw", sort: "onHand", before: "PREVIOUS" });
    expect(params(links[1]!.getAttribute("href")!)).toEqual({ q: "screw", sort: "onHand" });
    expect(params(links[2]!.getAttribute("href")!)).toEqual({ q: "screw", sort: "onHand", after: "NEXT" });
  });

  it("offers no way back on the first page, and nothing at all when the list fits one page", () => {
    const props = { label: "Pages", href: () => "/x", labels: { first: "Back to newest", next: "Older" } };
    const { rerender } = render(<CursorPager {...props} firstPage nextCursor="NEXT" />);
    expect(screen.queryByRole("link", { name: "Back to newest" })).toBeNull();
    expect(screen.getByRole("link", { name: "Older" })).toBeTruthy();
    rerender(<CursorPager {...props} firstPage nextCursor={null} />);
    expect(screen.queryByRole("navigation")).toBeNull();
  });
});
