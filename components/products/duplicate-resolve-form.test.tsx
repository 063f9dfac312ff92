import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import { DuplicateResolveForm, type DuplicateResolved } from "./duplicate-resolve-form";

afterEach(cleanup);

type Action = (state: FormState<DuplicateResolved>, formData: FormData) => Promise<FormState<DuplicateResolved>>;

const product = {
  id: "0190d1a4-0000-7000-8000-000000000001",
  version: 3,
  name: "Bolt M8",
  sku: "bolt-m8",
  barcode: "ean-1",
};

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

async function save() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
  });
}

describe("DuplicateResolveForm", () => {
  it("starts from the product's SKU and barcode, and sends them with its id and version", async () => {
    let sent: FormData | undefined;
    const action = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return { ok: true, data: { sku: "bolt-m8-b", barcode: null } };
    });
    render(<DuplicateResolveForm product={product} action={action} />);
    expect(screen.getByRole("form", { name: "Resolve Bolt M8" })).toBeTruthy();
    expect(field("SKU").value).toBe("bolt-m8");
    expect(field("Barcode").value).toBe("ean-1");
    fireEvent.change(field("SKU"), { target: { value: "bolt-m8-b" } });
    fireEvent.change(field("Barcode"), { target: { value: "" } });
    await save();
    expect(Object.fromEntries(sent!.entries())).toEqual({
      id: product.id,
      version: "3",
      sku: "bolt-m8-b",
      barcode: "",
    });
    expect(screen.getByRole("status").textContent).toBe("Saved: Bolt M8 is now SKU bolt-m8-b, no barcode.");
  });

  it("refused, then corrected: the clash shows beside the SKU with what was typed, and the corrected values are sent", async () => {
    const sent: Record<string, FormDataEntryValue>[] = [];
    const action = vi
      .fn<Action>(async (_state, formData) => {
        sent.push(Object.fromEntries(formData.entries()));
        return { ok: true, data: { sku: "BOLT-M8-OLD", barcode: "ean-1" } };
      })
      .mockImplementationOnce(async (_state, formData) => {
        sent.push(Object.fromEntries(formData.entries()));
        return {
          ok: false,
          code: "VALIDATION",
          message: "Another product already uses that SKU or barcode.",
          fieldErrors: { sku: ["SKU BOLT-M8 is already used by Bolt M8 (upper)."] },
          values: { sku: "BOLT-M8", barcode: "ean-1" },
        };
      });
    render(<DuplicateResolveForm product={product} action={action} />);
    fireEvent.change(field("SKU"), { target: { value: "BOLT-M8" } });
    await save();

    const sku = field("SKU");
    expect(sku.value).toBe("BOLT-M8");
    expect(sku.getAttribute("aria-invalid")).toBe("true");
    const errorId = sku
      .getAttribute("aria-describedby")
      ?.split(" ")
      .find((id) => id.endsWith("-error"));
    expect(document.getElementById(errorId!)?.textContent).toBe("SKU BOLT-M8 is already used by Bolt M8 (upper).");
    expect(field("Barcode").value).toBe("ean-1");
    // The problem is beside its field: no summary repeating it.
    expect(screen.queryByRole("alert")).toBeNull();

    fireEvent.change(field("SKU"), { target: { value: "BOLT-M8-OLD" } });
    await save();
    expect(sent).toEqual([
      { id: product.id, version: "3", sku: "BOLT-M8", barcode: "ean-1" },
      { id: product.id, version: "3", sku: "BOLT-M8-OLD", barcode: "ean-1" },
    ]);
    expect(screen.getByRole("status").textContent).toBe("Saved: Bolt M8 is now SKU BOLT-M8-OLD, barcode ean-1.");
    expect(field("SKU").getAttribute("aria-invalid")).toBeNull();
  });
});
