import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LocationList, type LocationListItem } from "./location-list";

afterEach(cleanup);

const MAIN: LocationListItem = {
  id: "0193a7c2-2222-7000-8000-000000000001",
  name: "Main warehouse",
  code: "MW",
  isDefault: true,
  archived: false,
  productCount: 3,
};

describe("LocationList", () => {
  it("says how many products each location holds, never their quantities added up", () => {
    render(
      <LocationList
        canStocktake
        locations={[
          MAIN,
          {
            ...MAIN,
            id: "0193a7c2-2222-7000-8000-000000000002",
            name: "Van",
            code: null,
            isDefault: false,
            productCount: 1,
          },
          {
            ...MAIN,
            id: "0193a7c2-2222-7000-8000-000000000003",
            name: "Old shed",
            code: null,
            isDefault: false,
            archived: true,
            productCount: 0,
          },
        ]}
      />,
    );
    const [main, van, shed] = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(main!.textContent).toContain("Main warehouse · MW");
    expect(main!.textContent).toContain("Default");
    expect(main!.textContent).toContain("3 products in stock");
    expect(van!.textContent).toContain("1 product in stock");
    expect(shed!.textContent).toContain("Archived");
    expect(shed!.textContent).toContain("0 products in stock");
    expect(document.body.textContent).not.toMatch(/units?\b|on hand/);
    // What else a card offers stays: counting the stock there, not at an archived location.
    expect(
      within(main!)
        .getByRole("link", { name: /^Count stock/ })
        .getAttribute("href"),
    ).toBe(`/locations/${MAIN.id}/stocktake`);
    expect(within(shed!).queryByRole("link", { name: /Count stock/ })).toBeNull();
  });
});
