import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/form-state";
import { NO_ANSWER_OFFLINE, NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import { droppingThenRecordingAction, refusingThenRecordingAction, sentFields } from "@/tests/helpers/form-actions";
import {
  ProductSuppliers,
  type SupplierLinkActions,
  type SupplierLinkChanged,
  type SupplierLinkView,
} from "./product-suppliers";

// jsdom has <dialog> but not showModal/close: here the dialog only opens and closes.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
});

afterEach(cleanup);

const PRODUCT = { id: "0193a5b0-7c1e-7a00-8000-0000000000a1", name: "Safety Gloves" };
const ACME = { id: "0193a5b0-7c1e-7a00-8000-000000000201", name: "Acme Supplies" };
const BOLT = { id: "0193a5b0-7c1e-7a00-8000-000000000202", name: "Bolt & Co" };
const CRANE = { id: "0193a5b0-7c1e-7a00-8000-000000000203", name: "Crane Trading" };
const OLD = { id: "0193a5b0-7c1e-7a00-8000-000000000204", name: "Old Mill" };

const bolt: SupplierLinkView = {
  supplier: { ...BOLT, archived: false },
  supplierSku: "B-77",
  purchasePrice: "2.10",
  leadTimeDays: 5,
  preferred: true,
};
const oldMill: SupplierLinkView = {
  supplier: { ...OLD, archived: true },
  supplierSku: null,
  purchasePrice: null,
  leadTimeDays: null,
  preferred: false,
};

function actions(overrides: Partial<SupplierLinkActions> = {}): SupplierLinkActions {
  return { save: vi.fn(), prefer: vi.fn(), remove: vi.fn(), ...overrides };
}

function renderSection(
  options: {
    links?: SupplierLinkView[];
    canManage?: boolean;
    seesMoney?: boolean;
    suppliers?: { id: string; name: string }[];
    actions?: SupplierLinkActions;
  } = {},
) {
  return render(
    <ProductSuppliers
      product={PRODUCT}
      links={options.links ?? [bolt, oldMill]}
      canManage={options.canManage ?? true}
      seesMoney={options.seesMoney ?? true}
      currency="GBP"
      suppliers={options.suppliers ?? [ACME, BOLT, CRANE]}
      suppliersTruncated={false}
      actions={options.actions ?? actions()}
    />,
  );
}

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

describe("ProductSuppliers", () => {
  it("lists each link with its terms, the preferred one marked and an archived one said so", () => {
    renderSection();
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole("link", { name: "Bolt & Co" }).getAttribute("href")).toBe(
      `/suppliers/${BOLT.id}`,
    );
    expect(within(items[0]!).getByText("Preferred")).toBeTruthy();
    expect(within(items[0]!).getByText("B-77")).toBeTruthy();
    expect(within(items[0]!).getByText("£2.10")).toBeTruthy();
    expect(within(items[0]!).getByText("5 days")).toBeTruthy();
    expect(within(items[1]!).getByText("Archived")).toBeTruthy();
    // An archived supplier is never newly made preferred; the preferred one needs no button.
    expect(screen.queryByRole("button", { name: "Make Old Mill the preferred supplier" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Make Bolt & Co the preferred supplier" })).toBeNull();
  });

  it("shows staff the links without buttons, and without prices when they may not see money", () => {
    renderSection({
      canManage: false,
      seesMoney: false,
      links: [{ ...bolt, purchasePrice: undefined }],
    });
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.queryByText("Purchase price")).toBeNull();
    expect(screen.getByText("Purchase prices are shown to managers and admins.")).toBeTruthy();
  });

  it("adding: a refused save keeps the supplier, terms and preferred mark, and the corrected save sends them all", async () => {
    const fake = refusingThenRecordingAction<SupplierLinkChanged>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: {
          purchasePrice: ["Purchase price: enter an amount like 12.50 (0 or more, at most two decimals)."],
        },
      },
      data: { supplierName: CRANE.name, outcome: "linked" },
    });
    renderSection({ actions: actions({ save: fake.action }) });
    await click(screen.getByRole("button", { name: "Add supplier" }));
    const dialog = screen.getByRole("dialog", { name: "Add a supplier of Safety Gloves" });
    // The supplier is what to choose first.
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Supplier"));
    // Only suppliers not linked yet are offered.
    const picker = within(dialog).getByLabelText("Supplier");
    expect(
      within(picker)
        .queryAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Choose a supplier", "Acme Supplies", "Crane Trading"]);
    type(picker, CRANE.id);
    type(within(dialog).getByLabelText("Supplier part number (optional)"), "CR-9");
    type(within(dialog).getByLabelText("Purchase price (optional)"), "3.999");
    type(within(dialog).getByLabelText("Lead time in days (optional)"), "12");
    await click(within(dialog).getByLabelText("Preferred supplier of this product"));
    await click(within(dialog).getByRole("button", { name: "Add supplier" }));

    const price = within(dialog).getByLabelText("Purchase price (optional)");
    expect(price.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(price);
    expect(within(dialog).getByText(/enter an amount like 12\.50/)).toBeTruthy();
    expect((within(dialog).getByLabelText("Supplier") as HTMLSelectElement).value).toBe(CRANE.id);
    expect((within(dialog).getByLabelText("Preferred supplier of this product") as HTMLInputElement).checked).toBe(
      true,
    );

    type(price, "3.99");
    // Edited: its error is gone at once.
    expect(price.getAttribute("aria-invalid")).toBeNull();
    await click(within(dialog).getByRole("button", { name: "Add supplier" }));
    expect(fake.saved()).toEqual({
      productId: PRODUCT.id,
      supplierId: CRANE.id,
      supplierSku: "CR-9",
      purchasePrice: "3.99",
      leadTimeDays: "12",
      preferred: "on",
    });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Crane Trading added.");
  });

  it("adding: a save the network drops keeps the dialog open as filled in, and sent again links the supplier once", async () => {
    const server = droppingThenRecordingAction<SupplierLinkChanged>({
      data: { supplierName: ACME.name, outcome: "linked" },
    });
    renderSection({ actions: actions({ save: server.action }) });
    await click(screen.getByRole("button", { name: "Add supplier" }));
    let dialog = screen.getByRole("dialog", { name: "Add a supplier of Safety Gloves" });
    type(within(dialog).getByLabelText("Supplier"), ACME.id);
    type(within(dialog).getByLabelText("Supplier part number (optional)"), "AC-114");
    type(within(dialog).getByLabelText("Purchase price (optional)"), "1.85");
    type(within(dialog).getByLabelText("Lead time in days (optional)"), "3");
    await click(within(dialog).getByLabelText("Preferred supplier of this product"));
    await click(within(dialog).getByRole("button", { name: "Add supplier" }));

    // Not the error page: the same dialog, everything chosen and typed, why nothing happened, the button again.
    dialog = screen.getByRole("dialog", { name: "Add a supplier of Safety Gloves" });
    expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect((within(dialog).getByLabelText("Supplier") as HTMLSelectElement).value).toBe(ACME.id);
    expect(
      ["Supplier part number (optional)", "Purchase price (optional)", "Lead time in days (optional)"].map(
        (label) => (within(dialog).getByLabelText(label) as HTMLInputElement).value,
      ),
    ).toEqual(["AC-114", "1.85", "3"]);
    expect((within(dialog).getByLabelText("Preferred supplier of this product") as HTMLInputElement).checked).toBe(
      true,
    );
    const again = within(dialog).getByRole("button", { name: "Add supplier" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);
    expect(screen.queryByRole("status")).toBeNull();

    await click(again);
    expect(server.received.map(sentFields)).toEqual([
      {
        productId: PRODUCT.id,
        supplierId: ACME.id,
        supplierSku: "AC-114",
        purchasePrice: "1.85",
        leadTimeDays: "3",
        preferred: "on",
      },
    ]);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Acme Supplies added.");
  });

  it("a dialog opened again after a refused save and Cancel starts without the old error", async () => {
    const save = vi.fn<FormAction<SupplierLinkChanged>>(async () => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { leadTimeDays: ["Lead time: a whole number of days from 0 to 365, or leave it empty."] },
    }));
    renderSection({ actions: actions({ save }) });
    await click(screen.getByRole("button", { name: "Edit Bolt & Co" }));
    await click(within(screen.getByRole("dialog")).getByRole("button", { name: "Save" }));
    expect(within(screen.getByRole("dialog")).getByText(/^Lead time: a whole number/)).toBeTruthy();
    await click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    await click(screen.getByRole("button", { name: "Edit Bolt & Co" }));
    expect(within(screen.getByRole("dialog")).queryByText(/^Lead time: a whole number/)).toBeNull();
    expect(
      within(screen.getByRole("dialog")).getByLabelText("Lead time in days (optional)").getAttribute("aria-invalid"),
    ).toBeNull();
  });

  it("editing: the link's terms start filled in, the supplier fixed; unticking preferred sends no mark", async () => {
    const save = vi.fn<FormAction<SupplierLinkChanged>>(async () => ({
      ok: true,
      data: { supplierName: BOLT.name, outcome: "updated" },
    }));
    renderSection({ actions: actions({ save }) });
    await click(screen.getByRole("button", { name: "Edit Bolt & Co" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Bolt & Co" });
    expect(within(dialog).queryByLabelText("Supplier")).toBeNull();
    expect((within(dialog).getByLabelText("Supplier part number (optional)") as HTMLInputElement).value).toBe("B-77");
    expect((within(dialog).getByLabelText("Lead time in days (optional)") as HTMLInputElement).value).toBe("5");
    await click(within(dialog).getByLabelText("Preferred supplier of this product"));
    await click(within(dialog).getByRole("button", { name: "Save" }));
    const sent = Object.fromEntries(save.mock.calls[0]![1].entries());
    expect(sent).toEqual({
      productId: PRODUCT.id,
      supplierId: BOLT.id,
      supplierSku: "B-77",
      purchasePrice: "2.10",
      leadTimeDays: "5",
    });
  });

  it("searches the picker when there are many suppliers, keeping the chosen one listed", async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `0193a5b0-7c1e-7a00-8000-0000000003${String(i).padStart(2, "0")}`,
      name: i % 2 === 0 ? `North ${i}` : `South ${i}`,
    }));
    renderSection({ links: [], suppliers: many });
    await click(screen.getByRole("button", { name: "Add supplier" }));
    const dialog = screen.getByRole("dialog");
    type(within(dialog).getByLabelText("Supplier"), many[1]!.id);
    type(within(dialog).getByLabelText("Search suppliers"), "north");
    const names = within(within(dialog).getByLabelText("Supplier"))
      .getAllByRole("option")
      .map((option) => option.textContent);
    expect(names).toEqual([
      "Choose a supplier",
      "North 0",
      "South 1",
      "North 2",
      "North 4",
      "North 6",
      "North 8",
      "North 10",
    ]);
  });

  it("marks another supplier preferred, and asks before removing one", async () => {
    const prefer = vi.fn<FormAction<SupplierLinkChanged>>(async () => ({
      ok: true,
      data: { supplierName: ACME.name, outcome: "updated" },
    }));
    const remove = vi.fn<FormAction<SupplierLinkChanged>>(async () => ({
      ok: true,
      data: { supplierName: BOLT.name, outcome: "updated" },
    }));
    const acme: SupplierLinkView = { ...oldMill, supplier: { ...ACME, archived: false } };
    renderSection({ links: [bolt, acme], actions: actions({ prefer, remove }) });
    await click(screen.getByRole("button", { name: "Make Acme Supplies the preferred supplier" }));
    expect(Object.fromEntries(prefer.mock.calls[0]![1].entries())).toEqual({
      productId: PRODUCT.id,
      supplierId: ACME.id,
    });
    expect(screen.getByRole("status").textContent).toBe("Acme Supplies is now the preferred supplier.");

    await click(screen.getByRole("button", { name: "Remove Bolt & Co" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Bolt & Co?" });
    expect(within(dialog).getByText(/will have no preferred supplier/)).toBeTruthy();
    await click(within(dialog).getByRole("button", { name: "Remove supplier" }));
    expect(Object.fromEntries(remove.mock.calls[0]![1].entries())).toEqual({
      productId: PRODUCT.id,
      supplierId: BOLT.id,
    });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("make preferred: a press the network drops says so, and pressed again marks the supplier once", async () => {
    const server = droppingThenRecordingAction<SupplierLinkChanged>({
      data: { supplierName: ACME.name, outcome: "updated" },
    });
    const acme: SupplierLinkView = { ...oldMill, supplier: { ...ACME, archived: false } };
    renderSection({ links: [bolt, acme], actions: actions({ prefer: server.action }) });
    const button = () =>
      screen.getByRole("button", { name: "Make Acme Supplies the preferred supplier" }) as HTMLButtonElement;
    await click(button());

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    expect(button().disabled).toBe(false);
    expect(button().getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await click(button());
    expect(server.received.map(sentFields)).toEqual([{ productId: PRODUCT.id, supplierId: ACME.id }]);
    expect(screen.getByRole("status").textContent).toBe("Acme Supplies is now the preferred supplier.");
  });

  it("remove: a press the network drops keeps the dialog open saying so, and pressed again removes once", async () => {
    const server = droppingThenRecordingAction<SupplierLinkChanged>({
      data: { supplierName: BOLT.name, outcome: "updated" },
    });
    renderSection({ actions: actions({ remove: server.action }) });
    await click(screen.getByRole("button", { name: "Remove Bolt & Co" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Bolt & Co?" });
    await click(within(dialog).getByRole("button", { name: "Remove supplier" }));

    expect(screen.getByRole("dialog", { name: "Remove Bolt & Co?" })).toBe(dialog);
    expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    const again = within(dialog).getByRole("button", { name: "Remove supplier" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await click(again);
    expect(server.received.map(sentFields)).toEqual([{ productId: PRODUCT.id, supplierId: BOLT.id }]);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Bolt & Co removed from this product.");
  });
});
