import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { MovementDay } from "@/lib/dashboard/get-dashboard";
import { MovementChart } from "./movement-chart";

afterEach(cleanup);

/** 30 quiet days ending 24 Nov 2026, busy on 20 Nov (12 in, 5 out) and on the last day (3 out). */
function month(): MovementDay[] {
  return Array.from({ length: 30 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 9, 26 + i)).toISOString().slice(0, 10);
    if (day === "2026-11-20") return { day, movementsIn: 12, movementsOut: 5 };
    if (day === "2026-11-24") return { day, movementsIn: 0, movementsOut: 1_203 };
    return { day, movementsIn: 0, movementsOut: 0 };
  });
}

describe("MovementChart", () => {
  it("gives the same numbers as a table, one row per day, for screen readers", () => {
    render(<MovementChart movements={month()} days={30} timeZone="Europe/London" />);
    const table = screen.getByRole("table", { name: "Stock movements in and out per day, last 30 days" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(31);
    expect(
      within(rows[0]!)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Day", "In", "Out"]);
    expect(rows[1]!.textContent).toBe("Mon, 26 Oct 202600");
    const busy = within(table).getByRole("rowheader", { name: "Fri, 20 Nov 2026" }).closest("tr")!;
    expect(
      within(busy)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["12", "5"]);
    const last = within(table).getByRole("rowheader", { name: "Tue, 24 Nov 2026" }).closest("tr")!;
    expect(
      within(last)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["0", "1,203"]);
  });

  it("says what is counted, over which days, in which time zone, and the totals", () => {
    render(<MovementChart movements={month()} days={30} timeZone="Europe/London" />);
    const figure = screen.getByRole("figure");
    const caption = figure.querySelector("figcaption")!.textContent!;
    expect(caption).toContain("last 30 days, Mon, 26 Oct 2026 to Tue, 24 Nov 2026");
    expect(caption).toContain("Days are in Europe/London");
    expect(caption).toContain("Transfers between locations are not counted");
    // Counts of movements: units of different products are never added up.
    expect(caption).toContain("one per product and location");
    expect(figure.textContent).not.toMatch(/\bunits?\b/);
    expect(figure.textContent).toContain("In: 12 movements");
    expect(figure.textContent).toContain("Out: 1,208 movements");
  });

  it("draws the bars out of the accessibility tree, with nothing focusable in it", async () => {
    render(<MovementChart movements={month()} days={30} timeZone="UTC" />);
    // In the browser only, once recharts has loaded: a box of the same size until then.
    await waitFor(() => expect(screen.getByRole("figure").querySelector("svg.recharts-surface")).not.toBeNull());
    const chart = screen.getByRole("figure").querySelector('[aria-hidden="true"]')!;
    expect(chart.querySelectorAll("[tabindex]:not([tabindex='-1'])")).toHaveLength(0);
    expect(chart.textContent).toContain("In");
    expect(chart.textContent).toContain("Out");
  });

  it("offers 30 and 90 days as links, marking the one shown", () => {
    render(<MovementChart movements={month()} days={30} timeZone="UTC" />);
    const periods = screen.getByRole("navigation", { name: "Chart period" });
    const thirty = within(periods).getByRole("link", { name: "30 days" });
    const ninety = within(periods).getByRole("link", { name: "90 days" });
    expect(thirty.getAttribute("href")).toBe("/dashboard");
    expect(thirty.getAttribute("aria-current")).toBe("page");
    expect(ninety.getAttribute("href")).toBe("/dashboard?days=90");
    expect(ninety.getAttribute("aria-current")).toBeNull();
  });
});
