import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { NewRequestForm, QUEUED_MESSAGE } from "./new-request-form";

// The outbox in memory instead of IndexedDB (jsdom has none): what the form keeps is read back from here.
const stored = vi.hoisted(() => new Map<string, OutboxEntry>());
vi.mock("@/lib/offline/device-db", () => ({
  outboxStorage: {
    all: async () => [...stored.values()],
    put: async (entry: OutboxEntry) => void stored.set(entry.clientRequestId, entry),
    remove: async (id: string) => void stored.delete(id),
  },
  outboxEntry: async (id: string) => stored.get(id),
}));
vi.mock("@/lib/offline/replay", () => ({
  announceOutboxChange: vi.fn(),
  replayOutbox: vi.fn(async () => ({ sent: [], refused: [] })),
  requestOutboxSync: vi.fn(async () => undefined),
}));
// Widgets come twenty to a pack: the queued request keeps that with its line.
const WIDGET = {
  productId: "11111111-1111-4111-8111-111111111111",
  sku: "WID-1",
  name: "Blue widget",
  unit: "each",
  packSize: 20,
};
vi.mock("@/lib/offline/device-products", () => ({
  primeProductCache: vi.fn(async () => undefined),
  rememberProducts: vi.fn(),
  searchDeviceProducts: vi.fn(async () => [{ ...WIDGET, barcode: null, available: 3, exact: true, cached: true }]),
}));

const MAIN = "5d0f8a55-52c1-4c47-9d3f-5a3cf1b1a001";
const USER = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const COMPANY = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const CLIENT_REQUEST_ID = "0b3e2a4c-8f1d-4e55-9a7b-2c6d1e0f9a10";

let onLine: { mockRestore(): void };

beforeEach(() => {
  stored.clear();
  onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
  // Offline: the search route cannot be reached, so the device's products answer.
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    }),
  );
});

afterEach(() => {
  cleanup();
  onLine.mockRestore();
  vi.unstubAllGlobals();
});

async function submit(form: HTMLFormElement) {
  await act(async () => {
    fireEvent.submit(form);
  });
}

describe("NewRequestForm offline", () => {
  it(
    "refuses an incomplete request beside its fields, then keeps the corrected one on the device under the form's id",
    { timeout: 30_000 },
    async () => {
      const action = vi.fn();
      render(
        <NewRequestForm
          userId={USER}
          companyId={COMPANY}
          action={action}
          clientRequestId={CLIENT_REQUEST_ID}
          locations={[{ id: MAIN, name: "Main" }]}
          initial={{ type: "", locationId: MAIN, lines: [], reference: "", note: "" }}
          cancelHref="/requests"
          draftScope={{ userId: USER, companyId: COMPANY }}
        />,
      );
      const form = screen.getByRole("form", { name: "New request" }) as HTMLFormElement;

      // First submit: no type, no product. Refused here as the server would, with nothing kept.
      await submit(form);
      expect(screen.getByText("Type: choose a customer order or a restock.")).toBeTruthy();
      expect(screen.getByText("Add at least one product.")).toBeTruthy();
      expect(stored.size).toBe(0);

      // Corrected: a restock of 4 widgets found among the device's products.
      fireEvent.click(screen.getByRole("radio", { name: /Restock/ }));
      const search = screen.getByRole("combobox", { name: "Add a product" });
      fireEvent.change(search, { target: { value: "WID" } });
      const option = await screen.findByRole("option", { name: /WID-1/ }, { timeout: 3000 });
      expect(screen.getByText(/saved on this device; availability may be out of date/)).toBeTruthy();
      fireEvent.click(option);
      const lines = screen.getByRole("list", { name: "Products on this request" });
      fireEvent.change(within(lines).getByLabelText("Quantity of Blue widget"), { target: { value: "4" } });
      await submit(form);

      expect(action).not.toHaveBeenCalled();
      expect(screen.getByText(QUEUED_MESSAGE)).toBeTruthy();
      expect([...stored.values()]).toEqual([
        {
          clientRequestId: CLIENT_REQUEST_ID,
          userId: USER,
          companyId: COMPANY,
          payload: {
            company: COMPANY,
            type: "RESTOCK",
            locationId: MAIN,
            lines: [{ productId: WIDGET.productId, quantity: "4" }],
            reference: "",
            note: "",
          },
          lines: [WIDGET],
          locationName: "Main",
          state: "waiting",
          createdAt: expect.any(Number),
        },
      ]);
    },
  );

  it("keeps the picked supplier with the queued request, and an edit of a refused one starts with it", async () => {
    const ACME = { id: "0193a5b0-7c1e-7a00-8000-000000000201", name: "Acme Supplies" };
    const partners = { suppliers: [ACME], customers: [] };
    const props = {
      userId: USER,
      companyId: COMPANY,
      action: vi.fn(),
      locations: [{ id: MAIN, name: "Main" }],
      partners,
      cancelHref: "/requests",
      draftScope: { userId: USER, companyId: COMPANY },
    };
    const initial = { type: "RESTOCK" as const, locationId: MAIN, lines: [], reference: "", note: "" };
    render(<NewRequestForm {...props} clientRequestId={CLIENT_REQUEST_ID} initial={initial} />);
    fireEvent.change(screen.getByLabelText("Supplier (optional)"), { target: { value: ACME.id } });
    fireEvent.change(screen.getByRole("combobox", { name: "Add a product" }), { target: { value: "WID" } });
    fireEvent.click(await screen.findByRole("option", { name: /WID-1/ }, { timeout: 3000 }));
    await submit(screen.getByRole("form", { name: "New request" }) as HTMLFormElement);

    const [entry] = [...stored.values()];
    expect(entry?.payload).toMatchObject({ type: "RESTOCK", supplierId: ACME.id });
    expect(entry?.payload).not.toHaveProperty("customerId");
    expect(entry?.partnerName).toBe("Acme Supplies");

    cleanup();
    stored.set(entry!.clientRequestId, { ...entry!, state: "refused" });
    render(
      <NewRequestForm
        {...props}
        clientRequestId="9b3e2a4c-8f1d-4e55-9a7b-2c6d1e0f9a11"
        initial={{ ...initial, type: "" }}
        fromOutbox={entry!.clientRequestId}
      />,
    );
    const picker = (await screen.findByLabelText("Supplier (optional)")) as HTMLSelectElement;
    expect(picker.value).toBe(ACME.id);
  });
});
