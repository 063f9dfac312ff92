import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UUID_V4 } from "@/tests/helpers/form-actions";
import type { FormState } from "@/components/ui/form-state";
import { CsvImportForm } from "./csv-import-form";
import type { ImportView } from "./import-view";

afterEach(cleanup);

const FIRST_OPERATION = "0193a0c4-3333-4000-8000-000000000001";

type Action = (state: FormState<ImportView>, formData: FormData) => Promise<FormState<ImportView>>;

const csvFile = (name: string, count: number) =>
  new File([`sku,location,on_hand\r\nBOLT-M8,Main warehouse,${count}\r\n`], name, { type: "text/csv" });

/** The stock import's answer for one changed count (40 → the file's count), previewed or committed. */
async function view(formData: FormData): Promise<ImportView> {
  const file = formData.get("file") as File;
  return {
    kind: "stock",
    fileName: file.name,
    committed: formData.get("intent") === "commit",
    rowCount: 1,
    created: 0,
    changed: 1,
    unchanged: 0,
    items: [{ line: 2, title: "BOLT-M8 — Bolt M8", isNew: false, details: ["Main warehouse: 40 → 42 (+2)"] }],
    problems: [],
    problemCount: 0,
  };
}

function renderForm(action: Action) {
  render(
    <CsvImportForm
      kind="stock"
      action={action}
      operationId={FIRST_OPERATION}
      columns={["sku", "location", "on_hand"]}
    />,
  );
}

async function click(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

/** Chooses a file, checks it, and imports it. */
async function checkAndImport(file: File) {
  fireEvent.change(screen.getByLabelText("CSV file"), { target: { files: [file] } });
  // Submitted as the form: jsdom's own click would check the required file input, whose real file list a test
  // cannot fill, and refuse.
  await act(async () => {
    fireEvent.submit(screen.getByRole("form", { name: "Import stock levels" }));
  });
  expect(screen.getByRole("region", { name: `Preview of ${file.name}` })).toBeTruthy();
  await click(screen.getByRole("button", { name: "Set 1 count" }));
}

describe("CsvImportForm", () => {
  it("a refused import, then the corrected file: the corrected file is what is imported, as the same operation", async () => {
    const commits: FormData[] = [];
    const refused =
      "Nothing was imported: line 2, on_hand: 2 is below the 5 reserved for approved orders. Check the file again.";
    const action = vi.fn<Action>(async (_state, formData) => {
      if (formData.get("intent") !== "commit") return { ok: true, data: await view(formData) };
      commits.push(formData);
      return commits.length === 1
        ? { ok: false, code: "VALIDATION", message: refused }
        : { ok: true, data: await view(formData) };
    });
    renderForm(action);

    const wrong = csvFile("count.csv", 2);
    await checkAndImport(wrong);
    expect(screen.getByRole("alert").textContent).toBe(refused);

    const corrected = csvFile("count-fixed.csv", 42);
    await checkAndImport(corrected);

    expect(commits).toHaveLength(2);
    const [first, second] = commits as [FormData, FormData];
    expect(first.get("file")).toBe(wrong);
    expect(second.get("intent")).toBe("commit");
    expect(second.get("file")).toBe(corrected);
    expect(await (second.get("file") as File).text()).toContain("BOLT-M8,Main warehouse,42");
    // The refused commit imported nothing: the corrected one is the same operation.
    expect(first.get("operationId")).toBe(FIRST_OPERATION);
    expect(second.get("operationId")).toBe(FIRST_OPERATION);
    expect(screen.getByRole("status").textContent).toBe(
      "Stock levels set from count-fixed.csv: 1 count changed, 0 unchanged.",
    );
  });

  it("checking a file sends intent preview; after a successful import the next import is a new operation", async () => {
    const sent: FormData[] = [];
    renderForm(
      vi.fn<Action>(async (_state, formData) => {
        sent.push(formData);
        return { ok: true, data: await view(formData) };
      }),
    );
    await checkAndImport(csvFile("monday.csv", 42));
    await checkAndImport(csvFile("tuesday.csv", 41));

    expect(sent.map((formData) => [formData.get("intent"), (formData.get("file") as File).name])).toEqual([
      ["preview", "monday.csv"],
      ["commit", "monday.csv"],
      ["preview", "tuesday.csv"],
      ["commit", "tuesday.csv"],
    ]);
    const [, monday, , tuesday] = sent as [FormData, FormData, FormData, FormData];
    expect(monday.get("operationId")).toBe(FIRST_OPERATION);
    expect(tuesday.get("operationId")).toMatch(UUID_V4);
    expect(tuesday.get("operationId")).not.toBe(FIRST_OPERATION);
  });

  it("a directory's import says which directory with every step, and counts what it adds", async () => {
    const sent: FormData[] = [];
    const customers = (formData: FormData): ImportView => ({
      kind: "customers",
      fileName: (formData.get("file") as File).name,
      committed: formData.get("intent") === "commit",
      rowCount: 3,
      created: 3,
      changed: 0,
      unchanged: 0,
      items: ["Bistro Nord", "Corner Shop", "Deli Sud"].map((title, i) => ({
        line: i + 2,
        title,
        isNew: true,
        details: [],
      })),
      problems: [],
      problemCount: 0,
    });
    render(
      <CsvImportForm
        kind="customers"
        action={vi.fn<Action>(async (_state, formData) => {
          sent.push(formData);
          return { ok: true, data: customers(formData) };
        })}
        operationId={FIRST_OPERATION}
        columns={["name", "contact_name", "email", "phone", "notes", "archived"]}
        fields={{ kind: "customer" }}
      />,
    );
    const file = new File(["name\r\nBistro Nord\r\nCorner Shop\r\nDeli Sud\r\n"], "customers.csv", {
      type: "text/csv",
    });
    fireEvent.change(screen.getByLabelText("CSV file"), { target: { files: [file] } });
    await act(async () => {
      fireEvent.submit(screen.getByRole("form", { name: "Import customers" }));
    });
    const preview = screen.getByRole("region", { name: "Preview of customers.csv" });
    expect(preview.textContent).toContain("3 new customers, 0 changed, 0 unchanged");
    expect(screen.getAllByText("New customer")).toHaveLength(3);
    await click(screen.getByRole("button", { name: "Import 3 customers" }));

    expect(sent.map((formData) => [formData.get("kind"), formData.get("intent")])).toEqual([
      ["customer", "preview"],
      ["customer", "commit"],
    ]);
    expect(screen.getByRole("status").textContent).toBe(
      "Imported customers.csv: 3 new customers, 0 changed, 0 unchanged.",
    );
  });
});
