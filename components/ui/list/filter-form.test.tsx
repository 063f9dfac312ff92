import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DayRangeFields, FilterForm } from "./filter-form";

afterEach(cleanup);

function renderForm(filtered: boolean) {
  return render(
    <FilterForm action="/requests" label="Find requests" filtered={filtered}>
      <DayRangeFields idPrefix="requests" from="2026-11-01" to="2026-11-30" cellClassName="col-span-2" />
    </FilterForm>,
  );
}

describe("FilterForm", () => {
  it("is a GET search landmark with labelled day fields that keep their values, To not before From", () => {
    renderForm(true);
    const form = screen.getByRole("search", { name: "Find requests" }) as HTMLFormElement;
    expect(form.method).toBe("get");
    expect(form.getAttribute("action")).toBe("/requests");
    const from = screen.getByLabelText("From") as HTMLInputElement;
    const to = screen.getByLabelText("To") as HTMLInputElement;
    expect([from.name, from.type, from.value]).toEqual(["from", "date", "2026-11-01"]);
    expect([to.name, to.value, to.min]).toEqual(["to", "2026-11-30", "2026-11-01"]);
    // Applying starts at the first page: the form carries no cursor.
    expect(form.querySelector("[name=after], [name=before]")).toBeNull();
    expect(screen.getByRole("button", { name: "Apply" }).getAttribute("type")).toBe("submit");
    expect(screen.getByRole("link", { name: "Clear filters" }).getAttribute("href")).toBe("/requests");
  });

  it("offers Clear filters only while something is filtered", () => {
    renderForm(false);
    expect(screen.queryByRole("link", { name: "Clear filters" })).toBeNull();
  });
});
