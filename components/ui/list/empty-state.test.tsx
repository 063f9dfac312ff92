import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ButtonLink } from "../button";
import { EmptyState } from "./empty-state";
import { ClearFiltersLink } from "./filter-form";

afterEach(cleanup);

describe("EmptyState", () => {
  it("says what is missing, what to do next, and offers the action", () => {
    render(
      <EmptyState title="No requests yet." action={<ButtonLink href="/requests/new">New request</ButtonLink>}>
        A restock asks for stock to come in.
      </EmptyState>,
    );
    expect(screen.getByText("No requests yet.").className).toContain("font-medium");
    expect(screen.getByText("A restock asks for stock to come in.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "New request" }).getAttribute("href")).toBe("/requests/new");
  });

  it("leads a filtered list back to the whole of it", () => {
    render(
      <EmptyState title="No entries match these filters.">
        Widen the dates or clear a filter. <ClearFiltersLink href="/audit" />
      </EmptyState>,
    );
    expect(screen.getByRole("link", { name: "Clear filters" }).getAttribute("href")).toBe("/audit");
  });

  it("is one plain line when there is nothing more to say", () => {
    const { container } = render(<EmptyState title="No older entries." />);
    expect(container.firstElementChild!.tagName).toBe("P");
    expect(container.textContent).toBe("No older entries.");
  });
});
