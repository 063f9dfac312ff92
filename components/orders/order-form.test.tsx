import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import { refusingThenRecordingAction, submitWith, type Echo, DRAFT_SCOPE, UUID_V4 } from "@/tests/helpers/form-actions";
import { draftKey, readDraft, writeDraft } from "@/components/offline/device-draft-storage";
import { describedBy } from "@/tests/helpers/described-by";
import { OrderForm, type OrderFormInitial } from "./order-form";
import type { ProductMatch } from "./order-form-product-search";

const MAIN = "5d0f8a55-52c1-4c47-9d3f-5a3cf1b1a001";
const BACKROOM = "5d0f8a55-52c1-4c47-9d3f-5a3cf1b1a002";
const LOCATIONS = [
  { id: MAIN, name: "Main" },
  { id: BACKROOM, name: "Back room" },
];
const CLIENT_REQUEST_ID = "0b3e2a4c-8f1d-4e55-9a7b-2c6d1e0f9a10";
const ORDER_ID = "7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

const WIDGET = {
  productId: "11111111-1111-4111-8111-111111111111",
  sku: "WID-1",
  name: "Blue widget",
  unit: "each",
  packSize: null,
};
// Gadgets come in boxes, twelve boxes to a pack.
const GADGET = {
  productId: "22222222-2222-4222-8222-222222222222",
  sku: "GAD-9",
  name: "Gadget",
  unit: "box",
  packSize: 12,
};
const WIDGET_BARCODE = "4006381333931";

/** What is available at each location, as the search route would answer. */
const AVAILABLE: Record<string, Record<string, number>> = {
  [MAIN]: { [WIDGET.productId]: 3, [GADGET.productId]: 40 },
  [BACKROOM]: { [WIDGET.productId]: 12, [GADGET.productId]: 0 },
};

/**
 * A stand-in for GET /api/requests/products: substring matches on name or SKU, exact on SKU or barcode; with
 * `productId`s, exactly those products.
 */
function searchRoute(url: string): ProductMatch[] {
  const params = new URL(url, "http://localhost").searchParams;
  const q = params.get("q") ?? "";
  const productIds = params.getAll("productId");
  const locationId = params.get("locationId") ?? "";
  return [WIDGET, GADGET]
    .map((product) => ({
      ...product,
      exact: product.sku === q || (product === WIDGET && q === WIDGET_BARCODE),
      available: AVAILABLE[locationId]?.[product.productId] ?? 0,
    }))
    .filter((match) => productIds.length === 0 || productIds.includes(match.productId))
    .filter(
      (match) =>
        productIds.length > 0 ||
        match.exact ||
        match.name.toLowerCase().includes(q.toLowerCase()) ||
        match.sku.toLowerCase().includes(q.toLowerCase()),
    )
    .sort((x, y) => Number(y.exact) - Number(x.exact));
}

const fetchMock = vi.fn(async (url: string) => {
  const body = searchRoute(url);
  return { ok: true, status: 200, json: async () => body, text: async () => JSON.stringify(body) };
});

beforeEach(() => {
  // Back to the search route: a test may have replaced it with slower answers.
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
});

type Result = FormState<{ id: string }>;
type Action = (state: Result, formData: FormData) => Promise<Result>;

/** The form's fields as the action receives them (what the real action returns as `values` on failure). */
function valuesOf(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

const EMPTY: OrderFormInitial = { type: "", locationId: MAIN, lines: [], reference: "", note: "" };

function renderCreate(action: Action = vi.fn<Action>(), initial: OrderFormInitial = EMPTY) {
  const view = render(
    <OrderForm
      draftScope={DRAFT_SCOPE}
      mode="create"
      action={action}
      clientRequestId={CLIENT_REQUEST_ID}
      locations={LOCATIONS}
      initial={initial}
      cancelHref="/requests"
    />,
  );
  return { ...view, form: screen.getByRole("form", { name: "New request" }) as HTMLFormElement };
}

const searchBox = () => screen.getByRole("combobox", { name: "Add a product" }) as HTMLInputElement;
const quantityOf = (name: string) => screen.getByLabelText(`Quantity of ${name}`) as HTMLInputElement;
const lineList = () => screen.getByRole("list", { name: "Products on this request" });

async function addFromResults(query: string, name: string) {
  fireEvent.change(searchBox(), { target: { value: query } });
  const option = await screen.findByRole("option", { name: new RegExp(name) });
  fireEvent.click(option);
}

async function submit(form: HTMLFormElement) {
  await act(async () => {
    fireEvent.submit(form);
  });
}

describe("OrderForm", () => {
  it("offers the type as two labelled choices, the location preselected and every field labelled", () => {
    renderCreate();
    const type = screen.getByRole("group", { name: "Type of request" });
    expect(
      within(type).getByRole("radio", { name: /Customer order.*stock leaves when it is fulfilled/i }),
    ).toBeTruthy();
    expect(within(type).getByRole("radio", { name: /Restock.*stock arrives when it is fulfilled/i })).toBeTruthy();
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(MAIN);
    expect(searchBox().getAttribute("placeholder")).toBe("Name, SKU or barcode");
    expect(screen.getByLabelText("Reference (optional)")).toBeTruthy();
    expect(screen.getByLabelText("Note (optional)")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Submit request" })).toBeTruthy();
  });

  it("names the reference after the type", () => {
    renderCreate();
    fireEvent.click(screen.getByRole("radio", { name: /Customer order/ }));
    expect(screen.getByLabelText("Customer reference (optional)")).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
    expect(screen.getByLabelText("Supplier reference (optional)")).toBeTruthy();
  });

  it("searches as you type, after a pause, at the chosen location", async () => {
    renderCreate();
    fireEvent.change(searchBox(), { target: { value: "w" } });
    fireEvent.change(searchBox(), { target: { value: "wid" } });
    const option = await screen.findByRole("option", { name: /Blue widget/ });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = new URL(fetchMock.mock.calls[0]![0], "http://localhost");
    expect(url.pathname).toBe("/api/requests/products");
    expect(url.searchParams.get("q")).toBe("wid");
    expect(url.searchParams.get("locationId")).toBe(MAIN);
    expect(option.textContent).toContain("WID-1");
    expect(option.textContent).toContain("3 available here");
    expect(searchBox().getAttribute("aria-expanded")).toBe("true");
  });

  it("adds a product from the search results as a line of 1, and clears the search", async () => {
    const { form } = renderCreate();
    await addFromResults("wid", "Blue widget");
    expect(within(lineList()).getAllByRole("listitem")).toHaveLength(1);
    expect(quantityOf("Blue widget").value).toBe("1");
    expect(lineList().textContent).toContain("3 available at Main");
    expect(searchBox().value).toBe("");
    expect(screen.queryByRole("listbox")).toBeNull();
    const sent = new FormData(form);
    expect(sent.get("lines.0.productId")).toBe(WIDGET.productId);
    expect(sent.get("lines.0.quantity")).toBe("1");
    expect(screen.getByRole("status", { name: "" }).textContent).toBe("Added Blue widget (WID-1).");
  });

  it("adds one more instead of a second line when the product is already on the request", async () => {
    renderCreate();
    await addFromResults("wid", "Blue widget");
    await addFromResults("WID", "Blue widget");
    expect(within(lineList()).getAllByRole("listitem")).toHaveLength(1);
    expect(quantityOf("Blue widget").value).toBe("2");
  });

  it("says beside each line's quantity how it is counted: the unit, and how many one pack holds", async () => {
    const { form } = renderCreate();
    await addFromResults("wid", "Blue widget");
    await addFromResults("gad", "Gadget");
    expect(describedBy(quantityOf("Blue widget"))).toBe("Unit: each.");
    expect(describedBy(quantityOf("Gadget"))).toBe("Unit: box; a pack holds 12.");
    // Sent along with the lines, so a form the server sends back (no JavaScript) can say it again.
    expect(JSON.parse(String(new FormData(form).get("lineDetails")))).toMatchObject([
      { productId: GADGET.productId, unit: "box", packSize: 12 },
      { productId: WIDGET.productId, unit: "each", packSize: null },
    ]);
  });

  it("adds a scanned barcode's exact match on Enter at once, without submitting the form", async () => {
    const action = vi.fn<Action>();
    renderCreate(action);
    const box = searchBox();
    fireEvent.change(box, { target: { value: WIDGET_BARCODE } });
    // The scanner's Enter comes before the typing pause is over.
    const notCancelled = fireEvent.keyDown(box, { key: "Enter" });
    expect(notCancelled).toBe(false);
    expect((await screen.findByLabelText("Quantity of Blue widget")) as HTMLInputElement).toBeTruthy();
    expect(quantityOf("Blue widget").value).toBe("1");
    expect(box.value).toBe("");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(action).not.toHaveBeenCalled();
  });

  it("adds every scan of a quick run, each answer arriving after the next scan began", async () => {
    renderCreate();
    const box = searchBox();
    fireEvent.change(box, { target: { value: WIDGET_BARCODE } });
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.change(box, { target: { value: "GAD-9" } });
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.change(box, { target: { value: WIDGET_BARCODE } });
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(quantityOf("Blue widget").value).toBe("2"));
    expect(quantityOf("Gadget").value).toBe("1");
    expect(box.value).toBe("");
  });

  it("neither adds nor submits on Enter without one exact match, and shows the matches instead", async () => {
    const action = vi.fn<Action>();
    renderCreate(action);
    fireEvent.change(searchBox(), { target: { value: "g" } });
    expect(fireEvent.keyDown(searchBox(), { key: "Enter" })).toBe(false);
    expect(await screen.findByRole("option", { name: /Gadget/ })).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Products on this request" })).toBeNull();
    expect(action).not.toHaveBeenCalled();
  });

  it("moves through the matches with the arrow keys and adds the highlighted one with Enter", async () => {
    renderCreate();
    const box = searchBox();
    fireEvent.change(box, { target: { value: "e" } });
    await screen.findByRole("option", { name: /Gadget/ });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    const active = document.getElementById(box.getAttribute("aria-activedescendant")!);
    expect(active?.getAttribute("aria-selected")).toBe("true");
    expect(active?.textContent).toContain("Gadget");
    fireEvent.keyDown(box, { key: "Enter" });
    expect(quantityOf("Gadget").value).toBe("1");
    expect(screen.queryByLabelText("Quantity of Blue widget")).toBeNull();
  });

  it("steps the quantity with − and +, never below 1", async () => {
    renderCreate();
    await addFromResults("wid", "Blue widget");
    const more = screen.getByRole("button", { name: "One more Blue widget" });
    const fewer = screen.getByRole("button", { name: "One fewer Blue widget" }) as HTMLButtonElement;
    expect(fewer.disabled).toBe(true);
    fireEvent.click(more);
    fireEvent.click(more);
    expect(quantityOf("Blue widget").value).toBe("3");
    fireEvent.click(fewer);
    expect(quantityOf("Blue widget").value).toBe("2");
    fireEvent.change(quantityOf("Blue widget"), { target: { value: "40" } });
    expect(quantityOf("Blue widget").value).toBe("40");
    expect(quantityOf("Blue widget").getAttribute("inputmode")).toBe("numeric");
  });

  it("removes a line", async () => {
    const { form } = renderCreate();
    await addFromResults("wid", "Blue widget");
    await addFromResults("gad", "Gadget");
    fireEvent.click(screen.getByRole("button", { name: "Remove Blue widget" }));
    expect(screen.queryByLabelText("Quantity of Blue widget")).toBeNull();
    expect(quantityOf("Gadget").value).toBe("1");
    const sent = new FormData(form);
    expect(sent.get("lines.0.productId")).toBe(GADGET.productId);
    expect(sent.get("lines.1.productId")).toBeNull();
  });

  it("counts the products below the form and totals their quantities per unit, never across units", async () => {
    // A hinge (each) already on the request; a widget (each) and a gadget (box) added, the newest line first.
    const hinge = {
      productId: "33333333-3333-4333-8333-333333333333",
      sku: "HIN-2",
      name: "Hinge",
      unit: "each",
      packSize: null,
    };
    renderCreate(vi.fn<Action>(), {
      ...EMPTY,
      lines: [{ ...hinge, quantity: "5", available: null, availableAt: null }],
    });
    expect(screen.getByText("1 product · 5 each")).toBeTruthy();
    await addFromResults("wid", "Blue widget");
    expect(screen.getByText("2 products · 6 each")).toBeTruthy();
    await addFromResults("gad", "Gadget");
    expect(screen.getByText("3 products · 1 box and 6 each")).toBeTruthy();
    fireEvent.change(quantityOf("Blue widget"), { target: { value: "1200" } });
    fireEvent.change(quantityOf("Gadget"), { target: { value: "3" } });
    expect(screen.getByText("3 products · 3 box and 1,205 each")).toBeTruthy();
    // A quantity being typed again counts as none yet.
    fireEvent.change(quantityOf("Gadget"), { target: { value: "" } });
    expect(screen.getByText("3 products · 0 box and 1,205 each")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Remove Gadget" }));
    expect(screen.getByText("2 products · 1,205 each")).toBeTruthy();
  });

  it("counts only the products when a line's unit is not known on this device (a draft without its details)", async () => {
    writeDraft(draftKey(DRAFT_SCOPE, "request-new"), {
      clientRequestId: CLIENT_REQUEST_ID,
      type: "",
      locationId: MAIN,
      reference: "",
      note: "",
      "lines.0.productId": WIDGET.productId,
      "lines.0.quantity": "3",
      "lines.1.productId": GADGET.productId,
      "lines.1.quantity": "2",
    });
    renderCreate();
    expect(await screen.findByText("2 products")).toBeTruthy();
    expect(screen.queryByText(/ · /)).toBeNull();
  });

  it("warns on a customer order for more than is available at the location, not on a restock", async () => {
    renderCreate();
    await addFromResults("wid", "Blue widget");
    fireEvent.change(quantityOf("Blue widget"), { target: { value: "5" } });
    const warning = "Only 3 available at Main — a manager can't approve more than that.";
    expect(screen.queryByText(warning)).toBeNull();
    fireEvent.click(screen.getByRole("radio", { name: /Customer order/ }));
    expect(screen.getByText(warning)).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
    expect(screen.queryByText(warning)).toBeNull();
  });

  it("asks again what each line has available when the location changes", async () => {
    renderCreate(vi.fn<Action>(), { ...EMPTY, type: "CUSTOMER_ORDER" });
    await addFromResults("wid", "Blue widget");
    fireEvent.change(quantityOf("Blue widget"), { target: { value: "5" } });
    expect(screen.getByText(/Only 3 available at Main/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: BACKROOM } });
    await waitFor(() => expect(lineList().textContent).toContain("12 available at Back room"));
    expect(screen.queryByText(/Only \d+ available/)).toBeNull();
    const url = new URL(fetchMock.mock.lastCall![0], "http://localhost");
    expect(url.searchParams.getAll("productId")).toEqual([WIDGET.productId]);
    expect(url.searchParams.get("locationId")).toBe(BACKROOM);
  });

  it("shows the server's field errors beside their line and field, focusing the first", async () => {
    const action = vi.fn<Action>(async (_state, formData) => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        "lines.1.quantity": ["Quantity: enter at least 1."],
        "lines.0.productId": ["Blue widget (WID-1) is archived: remove it or restore the product first."],
        locationId: ["Main is archived: choose another location."],
      },
      values: valuesOf(formData),
    }));
    const { form } = renderCreate(action);
    await addFromResults("gad", "Gadget");
    await addFromResults("wid", "Blue widget");
    // The newest line comes first: Blue widget is line 0, Gadget line 1.
    await submit(form);

    const gadget = quantityOf("Gadget");
    expect(gadget.getAttribute("aria-invalid")).toBe("true");
    const gadgetError = document.getElementById(gadget.getAttribute("aria-describedby")!.split(" ").at(-1)!);
    expect(gadgetError?.textContent).toBe("Quantity: enter at least 1.");
    const widgetLine = quantityOf("Blue widget").closest("li")!;
    expect(widgetLine.textContent).toContain("is archived: remove it or restore the product first.");
    expect(widgetLine.textContent).not.toContain("enter at least 1");
    const location = screen.getByLabelText("Location");
    expect(location.getAttribute("aria-invalid")).toBe("true");
    // The first problem in the form's order: the products come first, the newest line on top.
    expect(document.activeElement).toBe(quantityOf("Blue widget"));
    // Every problem is beside its field: no summary above.
    expect(screen.queryByRole("alert")).toBeNull();

    // Each error goes as soon as its field is edited; the others stay.
    fireEvent.change(quantityOf("Gadget"), { target: { value: "3" } });
    expect(quantityOf("Gadget").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByText("Quantity: enter at least 1.")).toBeNull();
    expect(quantityOf("Blue widget").closest("li")!.textContent).toContain("is archived");
    expect(location.getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("keeps what was typed after a failed submit, and sends everything the server needs", async () => {
    let sent: FormData | undefined;
    const action = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
    });
    const { form } = renderCreate(action);
    fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: BACKROOM } });
    await addFromResults("wid", "Blue widget");
    fireEvent.click(screen.getByRole("button", { name: "One more Blue widget" }));
    fireEvent.change(screen.getByLabelText("Supplier reference (optional)"), { target: { value: "PO-77" } });
    fireEvent.change(screen.getByLabelText("Note (optional)"), { target: { value: "Before Friday" } });
    await submit(form);

    expect(sent?.get("clientRequestId")).toBe(CLIENT_REQUEST_ID);
    expect(sent?.get("type")).toBe("RESTOCK");
    expect(sent?.get("locationId")).toBe(BACKROOM);
    expect(sent?.get("lines.0.productId")).toBe(WIDGET.productId);
    expect(sent?.get("lines.0.quantity")).toBe("2");
    expect(sent?.get("reference")).toBe("PO-77");
    expect(sent?.get("note")).toBe("Before Friday");
    expect(JSON.parse(String(sent?.get("lineDetails")))[0]).toMatchObject({ name: "Blue widget", sku: "WID-1" });

    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe("Something went wrong on our side. Please try again.");
    expect((screen.getByRole("radio", { name: /Restock/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(BACKROOM);
    expect(quantityOf("Blue widget").value).toBe("2");
    expect((screen.getByLabelText("Supplier reference (optional)") as HTMLInputElement).value).toBe("PO-77");
    expect((screen.getByLabelText("Note (optional)") as HTMLTextAreaElement).value).toBe("Before Friday");
  });

  it("puts a missing type and missing products beside their fields, focusing the products (first in the form)", async () => {
    const action = vi.fn<Action>(async (_state, formData) => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        type: ["Type: choose a customer order or a restock."],
        lines: ["Add at least one product."],
      },
      values: valuesOf(formData),
    }));
    const { form } = renderCreate(action);
    await submit(form);
    const customer = screen.getByRole("radio", { name: /Customer order/ });
    expect(document.activeElement).toBe(searchBox());
    expect(document.getElementById(customer.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Type: choose a customer order or a restock.",
    );
    expect(searchBox().getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Add at least one product.").id).toBe(
      searchBox().getAttribute("aria-describedby")!.split(" ").at(-1),
    );
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says above the form what belongs to no field, and takes the person there", async () => {
    const message = "The form is out of date: reload the page and submit again.";
    const action = vi.fn<Action>(async (_state, formData) => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { clientRequestId: [message] },
      values: valuesOf(formData),
    }));
    const { form } = renderCreate(action);
    await submit(form);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe(message);
    expect(alert.parentElement!.contains(document.activeElement)).toBe(true);
  });

  it("after a conflict, sends what was typed as a new request only when the person chooses to", async () => {
    const message = "REQ-000042 was already created from this form, with different contents.";
    const sent: string[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(String(formData.get("clientRequestId")));
      return sent.length === 1
        ? { ok: false, code: "CONFLICT", message, fieldErrors: { clientRequestId: [message] } }
        : { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
    });
    const { form } = renderCreate(action);
    fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
    await addFromResults("wid", "Blue widget");
    await submit(form);
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(screen.getByRole("link", { name: "See your requests" }).getAttribute("href")).toBe("/requests");

    // A reload would bring back the same id from the draft, so the way on is a new id, kept with what was typed.
    fireEvent.click(screen.getByRole("button", { name: "Send as a new request" }));
    expect(screen.queryByText(message)).toBeNull();
    expect(screen.getByText("Submit to send this as a new request.")).toBeTruthy();
    const draftId = () => readDraft(draftKey(DRAFT_SCOPE, "request-new"))?.clientRequestId;
    // Saved after a pause; an earlier save may still hold the old id.
    await waitFor(
      () => {
        expect(draftId()).toMatch(UUID_V4);
        expect(draftId()).not.toBe(CLIENT_REQUEST_ID);
      },
      { timeout: 5_000 },
    );
    const newId = draftId()!;
    expect(quantityOf("Blue widget").value).toBe("1");

    await submit(form);
    expect(sent).toEqual([CLIENT_REQUEST_ID, newId]);
  });

  it("offers no new id for a conflict that is not about this form's id (the company changed)", async () => {
    const message = "This page was opened for Acme Hardware; you are now working in Northwind Supplies.";
    const { form } = renderCreate(vi.fn<Action>(async () => ({ ok: false, code: "CONFLICT", message })));
    await submit(form);
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(screen.queryByRole("button", { name: "Send as a new request" })).toBeNull();
  });

  it("drops a search that more typing has made obsolete", async () => {
    const answers: (() => void)[] = [];
    const signals: AbortSignal[] = [];
    fetchMock.mockImplementation((url: string, init?: RequestInit) => {
      signals.push(init!.signal!);
      return new Promise((resolve) => {
        answers.push(() => {
          const body = searchRoute(url);
          resolve({ ok: true, status: 200, json: async () => body, text: async () => "" });
        });
      });
    });
    renderCreate();
    fireEvent.change(searchBox(), { target: { value: "wid" } });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    fireEvent.change(searchBox(), { target: { value: "gad" } });
    expect(signals[0]!.aborted).toBe(true);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    await act(async () => {
      answers[0]!();
      answers[1]!();
    });
    expect(await screen.findByRole("option", { name: /Gadget/ })).toBeTruthy();
    expect(screen.queryByRole("option", { name: /Blue widget/ })).toBeNull();
  });

  it("keeps its client request id across re-renders and retries", async () => {
    const sent: string[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(String(formData.get("clientRequestId")));
      return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
    });
    const { form, rerender } = renderCreate(action);
    const hidden = () => form.querySelector<HTMLInputElement>('input[name="clientRequestId"]')!;
    expect(hidden().type).toBe("hidden");
    expect(hidden().value).toBe(CLIENT_REQUEST_ID);
    // The page rendered again (a refresh) with a new id: this form is still the same request.
    rerender(
      <OrderForm
        draftScope={DRAFT_SCOPE}
        mode="create"
        action={action}
        clientRequestId="99999999-9999-4999-8999-999999999999"
        locations={LOCATIONS}
        initial={EMPTY}
        cancelHref="/requests"
      />,
    );
    expect(hidden().value).toBe(CLIENT_REQUEST_ID);
    await submit(form);
    await submit(form);
    expect(sent).toEqual([CLIENT_REQUEST_ID, CLIENT_REQUEST_ID]);
    expect(hidden().value).toBe(CLIENT_REQUEST_ID);
  });

  it("shows a pending Submit while the action runs", async () => {
    let finish: (state: Result) => void = () => {};
    const action = vi.fn<Action>(() => new Promise((resolve) => (finish = resolve)));
    const { form } = renderCreate(action);
    await submit(form);
    const pending = screen.getByRole("button", { name: /Submitting…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    await act(async () => finish({ ok: false, code: "INTERNAL", message: "Try again." }));
    expect((screen.getByRole("button", { name: "Submit request" }) as HTMLButtonElement).disabled).toBe(false);
  });

  describe("editing", () => {
    const initial: OrderFormInitial = {
      type: "CUSTOMER_ORDER",
      locationId: MAIN,
      lines: [{ ...WIDGET, quantity: "2", available: 3, availableAt: MAIN }],
      reference: "C-1",
      note: "",
    };

    function renderEdit(action: Action) {
      render(
        <OrderForm
          draftScope={DRAFT_SCOPE}
          mode="edit"
          action={action}
          orderId={ORDER_ID}
          version={4}
          locations={LOCATIONS}
          initial={initial}
          cancelHref={`/requests/${ORDER_ID}`}
        />,
      );
      return screen.getByRole("form", { name: "Edit request" }) as HTMLFormElement;
    }

    it("starts from the request and sends its id and the version seen", async () => {
      let sent: FormData | undefined;
      const form = renderEdit(
        vi.fn<Action>(async (_state, formData) => {
          sent = formData;
          return { ok: false, code: "INTERNAL", message: "Try again." };
        }),
      );
      expect((screen.getByRole("radio", { name: /Customer order/ }) as HTMLInputElement).checked).toBe(true);
      expect(quantityOf("Blue widget").value).toBe("2");
      expect((screen.getByLabelText("Customer reference (optional)") as HTMLInputElement).value).toBe("C-1");
      expect(screen.getByRole("button", { name: "Save changes" })).toBeTruthy();
      await submit(form);
      expect(sent?.get("orderId")).toBe(ORDER_ID);
      expect(sent?.get("version")).toBe("4");
      expect(sent?.get("clientRequestId")).toBeNull();
      expect(fetchMock).not.toHaveBeenCalled();
    });

    it("shows a conflict as the server says it, with a way to reload the request", async () => {
      const message =
        "REQ-000012 was approved by Maria Manager on 24 Nov 2026, 08:00, after you opened it. Reload the page to see it as it is now.";
      const form = renderEdit(vi.fn<Action>(async () => ({ ok: false, code: "CONFLICT", message })));
      await submit(form);
      expect(screen.getByRole("alert").textContent).toBe(message);
      expect(screen.getByRole("link", { name: "Reload the request" }).getAttribute("href")).toBe(
        `/requests/${ORDER_ID}`,
      );
    });
  });

  describe("refused, then corrected", () => {
    /** As the request form's actions echo a failed submit: the draft's fields, its lines and their details. */
    const draftEcho: Echo = (formData) =>
      Object.fromEntries(
        [...formData.entries()].filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === "string" &&
            (["type", "locationId", "reference", "note", "lineDetails"].includes(entry[0]) ||
              entry[0].startsWith("lines.")),
        ),
      );

    function expectChosen(type: "CUSTOMER_ORDER" | "RESTOCK", locationId: string) {
      const radio = screen.getByRole("radio", { name: type === "RESTOCK" ? /Restock/ : /Customer order/ });
      expect((radio as HTMLInputElement).checked).toBe(true);
      expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(locationId);
    }

    const refusal = (field: string) => ({
      code: "VALIDATION" as const,
      message: "Please correct the highlighted fields.",
      fieldErrors: { [field]: ["Quantity: enter at least 1."] },
    });

    it("creates the request as chosen and typed, with the corrected quantity and the same client request id", async () => {
      // The newest line comes first: Gadget is line 0.
      const fake = refusingThenRecordingAction({
        refusal: refusal("lines.0.quantity"),
        echo: draftEcho,
        data: { id: ORDER_ID },
      });
      renderCreate(fake.action);
      fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
      fireEvent.change(screen.getByLabelText("Location"), { target: { value: BACKROOM } });
      await addFromResults("wid", "Blue widget");
      await addFromResults("gad", "Gadget");
      fireEvent.change(quantityOf("Gadget"), { target: { value: "0" } });
      fireEvent.change(screen.getByLabelText("Supplier reference (optional)"), { target: { value: "PO-77" } });
      fireEvent.change(screen.getByLabelText("Note (optional)"), { target: { value: "Before Friday" } });
      await submitWith(screen.getByRole("button", { name: "Submit request" }));

      // What is on screen is still what was chosen (the refusal re-renders nothing that would put it back).
      expectChosen("RESTOCK", BACKROOM);
      fireEvent.change(quantityOf("Gadget"), { target: { value: "4" } });
      await submitWith(screen.getByRole("button", { name: "Submit request" }));
      const { lineDetails, ...saved } = fake.saved();
      expect(saved).toEqual({
        clientRequestId: CLIENT_REQUEST_ID,
        type: "RESTOCK",
        locationId: BACKROOM,
        "lines.0.productId": GADGET.productId,
        "lines.0.quantity": "4",
        "lines.1.productId": WIDGET.productId,
        "lines.1.quantity": "1",
        reference: "PO-77",
        note: "Before Friday",
      });
      expect(JSON.parse(String(lineDetails))).toMatchObject([
        { productId: GADGET.productId, name: "Gadget" },
        { productId: WIDGET.productId, name: "Blue widget" },
      ]);
      expect(fake.submissions.map((formData) => formData.get("clientRequestId"))).toEqual([
        CLIENT_REQUEST_ID,
        CLIENT_REQUEST_ID,
      ]);
    });

    it("saves the edit as chosen and typed, with the corrected quantity, at the version seen", async () => {
      const fake = refusingThenRecordingAction({
        refusal: refusal("lines.0.quantity"),
        echo: draftEcho,
        data: { id: ORDER_ID },
      });
      render(
        <OrderForm
          draftScope={DRAFT_SCOPE}
          mode="edit"
          action={fake.action}
          orderId={ORDER_ID}
          version={4}
          locations={LOCATIONS}
          initial={{
            type: "CUSTOMER_ORDER",
            locationId: MAIN,
            lines: [{ ...WIDGET, quantity: "2", available: 3, availableAt: MAIN }],
            reference: "C-1",
            note: "",
          }}
          cancelHref={`/requests/${ORDER_ID}`}
        />,
      );
      fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
      fireEvent.change(screen.getByLabelText("Location"), { target: { value: BACKROOM } });
      fireEvent.change(quantityOf("Blue widget"), { target: { value: "0" } });
      fireEvent.change(screen.getByLabelText("Supplier reference (optional)"), { target: { value: "PO-78" } });
      await submitWith(screen.getByRole("button", { name: "Save changes" }));

      expectChosen("RESTOCK", BACKROOM);
      fireEvent.change(quantityOf("Blue widget"), { target: { value: "5" } });
      await submitWith(screen.getByRole("button", { name: "Save changes" }));
      const { lineDetails: _details, ...saved } = fake.saved();
      expect(saved).toEqual({
        orderId: ORDER_ID,
        version: "4",
        type: "RESTOCK",
        locationId: BACKROOM,
        "lines.0.productId": WIDGET.productId,
        "lines.0.quantity": "5",
        reference: "PO-78",
        note: "",
      });
    });
  });

  describe("the supplier or customer from the directory", () => {
    const ACME = { id: "0193a5b0-7c1e-7a00-8000-000000000201", name: "Acme Supplies" };
    const BOLT = { id: "0193a5b0-7c1e-7a00-8000-000000000202", name: "Bolt & Co" };
    const BOB = { id: "0193a5b0-7c1e-7a00-8000-000000000301", name: "Bob's Bikes" };
    const PARTNERS = { suppliers: [ACME, BOLT], customers: [BOB] };

    function renderWithPartners(action: Action, initial: OrderFormInitial = EMPTY, partners = PARTNERS) {
      render(
        <OrderForm
          draftScope={DRAFT_SCOPE}
          mode="create"
          action={action}
          clientRequestId={CLIENT_REQUEST_ID}
          locations={LOCATIONS}
          partners={partners}
          initial={initial}
          cancelHref="/requests"
        />,
      );
    }

    const picker = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;

    it("offers suppliers on a restock and customers on a customer order, none before a type, and none without entries", () => {
      renderWithPartners(vi.fn<Action>());
      expect(screen.queryByLabelText("Supplier (optional)")).toBeNull();
      fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
      expect([...picker("Supplier (optional)").options].map((o) => o.textContent)).toEqual([
        "No supplier",
        "Acme Supplies",
        "Bolt & Co",
      ]);
      fireEvent.click(screen.getByRole("radio", { name: /Customer order/ }));
      expect(screen.queryByLabelText("Supplier (optional)")).toBeNull();
      expect([...picker("Customer (optional)").options].map((o) => o.textContent)).toEqual([
        "No customer",
        "Bob's Bikes",
      ]);
      cleanup();
      localStorage.clear();
      renderWithPartners(vi.fn<Action>(), { ...EMPTY, type: "RESTOCK" }, { suppliers: [], customers: [] });
      expect(screen.queryByLabelText("Supplier (optional)")).toBeNull();
      expect(screen.getByLabelText("Supplier reference (optional)")).toBeTruthy();
    });

    it("refused, then corrected: the supplier picked is kept and sent with the corrected request, and only it", async () => {
      const fake = refusingThenRecordingAction({
        refusal: {
          code: "NOT_FOUND" as const,
          message: "That supplier was not found.",
          fieldErrors: { supplierId: ["That supplier was not found."] },
        },
        data: { id: ORDER_ID },
      });
      renderWithPartners(fake.action);
      // A customer picked first, then the type changed: the customer is not what a restock sends.
      fireEvent.click(screen.getByRole("radio", { name: /Customer order/ }));
      fireEvent.change(picker("Customer (optional)"), { target: { value: BOB.id } });
      fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
      fireEvent.change(picker("Supplier (optional)"), { target: { value: ACME.id } });
      await addFromResults("wid", "Blue widget");
      fireEvent.change(screen.getByLabelText("Supplier reference (optional)"), { target: { value: "PO-9" } });
      await submitWith(screen.getByRole("button", { name: "Submit request" }));

      expect(picker("Supplier (optional)").getAttribute("aria-invalid")).toBe("true");
      expect(describedBy(picker("Supplier (optional)"))).toContain("That supplier was not found.");
      expect(picker("Supplier (optional)").value).toBe(ACME.id);
      fireEvent.change(picker("Supplier (optional)"), { target: { value: BOLT.id } });
      expect(picker("Supplier (optional)").getAttribute("aria-invalid")).toBeNull();
      await submitWith(screen.getByRole("button", { name: "Submit request" }));

      const { lineDetails: _details, ...saved } = fake.saved();
      expect(saved).toEqual({
        clientRequestId: CLIENT_REQUEST_ID,
        type: "RESTOCK",
        supplierId: BOLT.id,
        locationId: MAIN,
        "lines.0.productId": WIDGET.productId,
        "lines.0.quantity": "1",
        reference: "PO-9",
        note: "",
      });
      // Back to a customer order: the customer picked before is still there.
      fireEvent.click(screen.getByRole("radio", { name: /Customer order/ }));
      expect(picker("Customer (optional)").value).toBe(BOB.id);
    });

    it("an edit starts from the request's supplier, its own archived one offered and marked", () => {
      const gone = { id: "0193a5b0-7c1e-7a00-8000-000000000209", name: "Old Mill", archived: true };
      render(
        <OrderForm
          draftScope={DRAFT_SCOPE}
          mode="edit"
          action={vi.fn<Action>()}
          orderId={ORDER_ID}
          version={2}
          locations={LOCATIONS}
          partners={{ suppliers: [ACME, gone], customers: [] }}
          initial={{
            type: "RESTOCK",
            locationId: MAIN,
            lines: [{ ...WIDGET, quantity: "2", available: 3, availableAt: MAIN }],
            supplierId: gone.id,
            reference: "",
            note: "",
          }}
          cancelHref={`/requests/${ORDER_ID}`}
        />,
      );
      const select = picker("Supplier (optional)");
      expect(select.value).toBe(gone.id);
      expect(select.selectedOptions[0]!.textContent).toBe("Old Mill (archived)");
    });
  });
});
