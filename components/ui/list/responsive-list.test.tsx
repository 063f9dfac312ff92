import { cleanup, render, screen, within } from "@testing-library/react";
import Link from "@/components/ui/link";
import { afterEach, describe, expect, it } from "vitest";
import { CardList } from "./card-list";
import { DataTable, type Columns } from "./data-table";
import { ResponsiveList } from "./responsive-list";

afterEach(cleanup);

interface Item {
  id: string;
  name: string;
  owner: string;
  count: number;
}

const ITEMS: Item[] = [
  { id: "a", name: "Anvil", owner: "Ada", count: 1200 },
  { id: "b", name: "Bucket", owner: "Bo", count: 3 },
];

const columns = (showOwner: boolean): Columns<Item> => [
  { header: "Name", rowHeader: true, cell: (item) => item.name },
  showOwner && { header: "Owner", cell: (item) => item.owner },
  { header: "Count", numeric: true, cell: (item) => item.count.toLocaleString("en-GB") },
];

function renderList(props: { showOwner?: boolean; breakpoint?: "md" | "lg" } = {}) {
  return render(
    <ResponsiveList
      label="Things"
      caption="Things, by name"
      rows={ITEMS}
      rowKey={(item) => item.id}
      columns={columns(props.showOwner ?? true)}
      breakpoint={props.breakpoint}
      card={(item) => (
        <Link href={`/things/${item.id}`}>
          {item.name} · {item.count} left
        </Link>
      )}
    />,
  );
}

describe("ResponsiveList", () => {
  it("on a phone is a named list with one item per row, each the caller's card, and no table", () => {
    renderList();
    const cards = screen.getByRole("list", { name: "Things" });
    const items = within(cards).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole("link", { name: "Anvil · 1200 left" }).getAttribute("href")).toBe("/things/a");
    // The cards show only under the breakpoint and the table only from it: one of the two at any width.
    expect(cards.className.split(" ")).toContain("md:hidden");
    const frame = screen.getByRole("table").parentElement!;
    expect(frame.className.split(" ")).toEqual(expect.arrayContaining(["hidden", "md:block", "overflow-x-auto"]));
  });

  it("switches at the breakpoint it is given, for tables too wide for a tablet", () => {
    renderList({ breakpoint: "lg" });
    expect(screen.getByRole("list", { name: "Things" }).className.split(" ")).toContain("lg:hidden");
    expect(screen.getByRole("table").parentElement!.className.split(" ")).toContain("lg:block");
  });

  it("from the breakpoint is a captioned table with column headers, row headers and right-aligned numbers", () => {
    renderList();
    const table = screen.getByRole("table", { name: "Things, by name" });
    const headers = within(table).getAllByRole("columnheader");
    expect(headers.map((cell) => cell.textContent)).toEqual(["Name", "Owner", "Count"]);
    expect(headers.every((cell) => cell.getAttribute("scope") === "col")).toBe(true);
    const anvil = within(table).getByRole("rowheader", { name: "Anvil" }).closest("tr")!;
    const cells = within(anvil).getAllByRole("cell");
    expect(cells.map((cell) => cell.textContent)).toEqual(["Ada", "1,200"]);
    expect(cells[1]!.className).toContain("text-right");
    expect(headers[2]!.className).toContain("text-right");
  });

  it("leaves out a column the viewer does not get, header and cells alike", () => {
    renderList({ showOwner: false });
    const table = screen.getByRole("table");
    expect(within(table).queryByRole("columnheader", { name: "Owner" })).toBeNull();
    expect(within(table).queryByText("Ada")).toBeNull();
    expect(within(table).getAllByRole("row")[1]!.children).toHaveLength(2);
  });
});

describe("DataTable", () => {
  it("hidden: the numbers for screen readers only, with a caption they can find it by", () => {
    render(
      <DataTable
        variant="hidden"
        caption="Things per owner"
        rows={ITEMS}
        rowKey={(item) => item.id}
        columns={columns(true)}
      />,
    );
    const table = screen.getByRole("table", { name: "Things per owner" });
    expect(table.className).toBe("sr-only");
    // Its caption too: a caption is laid out outside the table's box, where the table's clipping does not reach.
    expect(table.querySelector("caption")!.className).toBe("sr-only");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
  });

  it("shows its caption as the table's title when asked, and its totals in a footer", () => {
    render(
      <DataTable
        variant="plain"
        caption="Changed"
        showCaption
        rows={ITEMS}
        rowKey={(item) => item.id}
        columns={columns(false)}
        footer={
          <tr>
            <th scope="row">Total</th>
            <td>1,203</td>
          </tr>
        }
      />,
    );
    const table = screen.getByRole("table", { name: "Changed" });
    expect(table.querySelector("caption")!.className).not.toContain("sr-only");
    const total = within(table).getByRole("rowheader", { name: "Total" }).closest("tr")!;
    expect(total.parentElement!.tagName).toBe("TFOOT");
  });
});

describe("CardList", () => {
  it("grouped: one list of the caller's items, each with the classes it is given", () => {
    render(
      <CardList
        variant="grouped"
        label="Owners"
        items={ITEMS}
        itemKey={(item) => item.id}
        itemClassName="grid gap-3"
        card={(item) => <p>{item.owner}</p>}
      />,
    );
    const items = within(screen.getByRole("list", { name: "Owners" })).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual(["Ada", "Bo"]);
    expect(items[0]!.className.split(" ")).toEqual(expect.arrayContaining(["p-4", "grid", "gap-3"]));
  });
});
