import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CsvImportForm } from "@/components/csv/csv-import-form";
import type { ImportView } from "@/components/csv/import-view";
import { CreateLocationForm } from "@/components/locations/create-location-form";
import type { LocationChanged } from "@/components/locations/location-actions";
import { AdjustStockForm, type StockAdjustedView } from "@/components/stock/adjust-stock-form";
import { COMPANY_FIELD } from "@/lib/form-company";
import {
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
  DRAFT_SCOPE,
} from "@/tests/helpers/form-actions";
import { CompanyField, FormCompanyProvider } from "./company-field";
import type { FormAction } from "./form-state";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const ACME = "0193a0c4-aaaa-7000-8000-000000000001";
const NORTHWIND = "0193a0c4-bbbb-7000-8000-000000000002";
// As tenantAction words the refusal (lib/action.ts, checkFormCompany).
const MISMATCH = {
  code: "CONFLICT" as const,
  message:
    "This page was opened for Acme Hardware; you are now working in Northwind Supplies. " +
    "Reload to continue in Northwind Supplies, or switch back to Acme Hardware.",
};

const hiddenCompany = (container: HTMLElement) =>
  container.querySelector<HTMLInputElement>(`input[type="hidden"][name="${COMPANY_FIELD}"]`);

describe("CompanyField", () => {
  it("sends the company of the signed-in layout, and nothing outside it", () => {
    const inside = render(
      <FormCompanyProvider companyId={ACME}>
        <form>
          <CompanyField />
        </form>
      </FormCompanyProvider>,
    );
    expect(hiddenCompany(inside.container)?.value).toBe(ACME);
    cleanup();
    const outside = render(
      <form>
        <CompanyField />
      </form>,
    );
    expect(hiddenCompany(outside.container)).toBeNull();
  });

  it("keeps the company the form was first rendered for when the page is refreshed for another company", () => {
    const form = (companyId: string) => (
      <FormCompanyProvider companyId={companyId}>
        <form>
          <CompanyField />
        </form>
      </FormCompanyProvider>
    );
    const { container, rerender } = render(form(ACME));
    // Another tab switched to Northwind and live updates refreshed this page under the half-filled form.
    rerender(form(NORTHWIND));
    expect(hiddenCompany(container)?.value).toBe(ACME);
  });
});

describe("a tenant form refused because the session moved to another company", () => {
  it("an uncontrolled form shows why, keeps what was typed, and sends it with its company once accepted", async () => {
    const fake = refusingThenRecordingAction<LocationChanged>({
      refusal: MISMATCH,
      // As createLocationAction echoes.
      echo: echoFields("name", "code"),
      data: { id: "0c6d2e8f-1a3b-4c5d-8e7f-9a0b1c2d3e4f", name: "Back room", isDefault: false, archived: false },
    });
    render(
      <FormCompanyProvider companyId={ACME}>
        <CreateLocationForm action={fake.action} />
      </FormCompanyProvider>,
    );
    const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
    fireEvent.change(input("Name"), { target: { value: "Back room" } });
    fireEvent.change(input("Code (optional)"), { target: { value: "BR-1" } });
    await submitWith(screen.getByRole("button", { name: "Add location" }));

    expect(screen.getByRole("alert").textContent).toBe(MISMATCH.message);
    expect(sentFields(fake.submissions[0]!)).toEqual({ [COMPANY_FIELD]: ACME, name: "Back room", code: "BR-1" });
    expect(input("Name").value).toBe("Back room");
    expect(input("Code (optional)").value).toBe("BR-1");

    // Switched back to Acme in the other tab: the same submit now goes through, for Acme, with what was typed.
    await submitWith(screen.getByRole("button", { name: "Add location" }));
    expect(fake.saved()).toEqual({ [COMPANY_FIELD]: ACME, name: "Back room", code: "BR-1" });
  });

  it("a form held in state keeps its choices and its operation id", async () => {
    const fake = refusingThenRecordingAction<StockAdjustedView>({
      refusal: MISMATCH,
      data: {
        product: { name: "Bolt M8", unit: "pcs" },
        location: { name: "Van 1" },
        mode: "change",
        before: 6,
        after: 9,
        change: 3,
      },
    });
    const main = { id: "0193a0c4-2222-7000-8000-000000000001", name: "Main warehouse", onHand: 40, available: 40 };
    const van = { id: "0193a0c4-2222-7000-8000-000000000002", name: "Van 1", onHand: 6, available: 6 };
    render(
      <FormCompanyProvider companyId={ACME}>
        <AdjustStockForm
          draftScope={DRAFT_SCOPE}
          action={fake.action}
          productId="0193a0c4-1111-7000-8000-000000000001"
          countedIn={{ unit: "each", packSize: null }}
          operationId="0193a0c4-3333-4000-8000-000000000001"
          locations={[main, van]}
          defaultLocationId={main.id}
        />
      </FormCompanyProvider>,
    );
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: van.id } });
    fireEvent.click(screen.getByRole("radio", { name: /Change by an amount/ }));
    fireEvent.change(screen.getByLabelText("Change by"), { target: { value: "3" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "Found in the van" } });
    const save = screen.getByRole("button", { name: "Save adjustment" });
    await submitWith(save);

    expect(screen.getByText(MISMATCH.message)).toBeTruthy();
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(van.id);
    expect((screen.getByRole("radio", { name: /Change by an amount/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Change by") as HTMLInputElement).value).toBe("3");

    await submitWith(save);
    expect(fake.saved()).toEqual(sentFields(fake.submissions[0]!));
    expect(fake.saved()).toMatchObject({
      [COMPANY_FIELD]: ACME,
      locationId: van.id,
      mode: "change",
      quantity: "3",
      reason: "Found in the van",
      operationId: "0193a0c4-3333-4000-8000-000000000001",
    });
  });

  it("a form that builds its own FormData (CSV import) sends the company too", async () => {
    const sent: FormData[] = [];
    const action = vi.fn<FormAction<ImportView>>(async (_state, formData) => {
      sent.push(formData);
      return { ok: false, ...MISMATCH };
    });
    render(
      <FormCompanyProvider companyId={ACME}>
        <CsvImportForm
          kind="stock"
          action={action}
          operationId="0193a0c4-3333-4000-8000-000000000001"
          columns={["sku", "location", "on_hand"]}
        />
      </FormCompanyProvider>,
    );
    const file = new File(["sku,location,on_hand\r\nBOLT-M8,Main warehouse,4\r\n"], "count.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("CSV file"), { target: { files: [file] } });
    await act(async () => {
      fireEvent.submit(screen.getByRole("form", { name: "Import stock levels" }));
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.get(COMPANY_FIELD)).toBe(ACME);
    expect(screen.getByRole("alert").textContent).toBe(MISMATCH.message);
  });
});
