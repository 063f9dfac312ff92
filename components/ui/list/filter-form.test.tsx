import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DayRangeFields, FilterForm } from "./filter-form";

afterEach(cleanup);

function renderForm(filtered: boolean) {
  return render(
    <FilterForm action="/requests" label="Find requests" filtered={filtered} active={filtered ? 2 : 0}>
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

describe("FilterForm on a phone", () => {
  it("keeps the search in view and the filters behind a button that counts them and controls the panel", () => {
    render(
      <FilterForm
        action="/requests"
        label="Find requests"
        filtered
        active={2}
        search={<input type="search" name="q" aria-label="Request number" />}
      >
        <DayRangeFields idPrefix="requests" from="2026-11-01" to="2026-11-30" cellClassName="col-span-2" />
      </FilterForm>,
    );
    const button = screen.getByRole("button", { name: "Filters, 2 set" });
    const panel = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(panel.contains(screen.getByLabelText("From"))).toBe(true);
    expect(panel.contains(screen.getByRole("searchbox", { name: "Request number" }))).toBe(false);
    // Collapsed under md (the class hides it there only); Apply stays outside, so the search applies.
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(panel.className).toContain("max-md:hidden");
    expect(panel.contains(screen.getByRole("button", { name: "Apply" }))).toBe(false);

    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(panel.className).not.toContain("max-md:hidden");
    fireEvent.click(button);
    expect(panel.className).toContain("max-md:hidden");
  });

  it("says nothing is set when no filter is, and opens by itself on a field with an error", () => {
    render(
      <FilterForm action="/audit" label="Filter the audit log" filtered={false} active={0}>
        <input name="from" aria-label="From" aria-invalid="true" />
      </FilterForm>,
    );
    const button = screen.getByRole("button", { name: "Filters" });
    expect(button.getAttribute("aria-expanded")).toBe("true");
  });
});
