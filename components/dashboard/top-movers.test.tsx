import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TopMover } from "@/lib/dashboard/get-dashboard";
import { TopMovers } from "./top-movers";

afterEach(cleanup);

const mover = (overrides: Partial<TopMover>): TopMover => ({
  id: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
  sku: "AB-1",
  name: "Alpha bolts",
  unit: "box",
  archived: false,
  unitsOut: 75,
  ...overrides,
});

describe("TopMovers", () => {
  it("ranks the products in the order given, each linking to its page, with the units they sent out", () => {
    render(
      <TopMovers
        days={30}
        movers={[
          mover({}),
          mover({
            id: "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02",
            sku: "DG-1",
            name: "Delta glue",
            unit: "litre",
            archived: true,
            unitsOut: 1_300,
          }),
        ]}
      />,
    );
    const items = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole("link", { name: "Alpha bolts" }).getAttribute("href")).toBe(
      "/products/5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
    );
    expect(items[0]!.textContent).toContain("75 box out");
    expect(items[1]!.textContent).toContain("1,300 litre out");
    expect(within(items[1]!).getByText("Archived")).toBeTruthy();
    expect(screen.getByText(/over the last 30 days; transfers not counted/)).toBeTruthy();
  });

  it("says when nothing went out", () => {
    render(<TopMovers days={90} movers={[]} />);
    expect(screen.getByText("No stock went out in the last 90 days.")).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
  });
});
