import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { CompanyStatus } from "@/lib/platform/company-status-changes";
import { refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { CompanyStatusActions } from "./company-status-actions";

afterEach(cleanup);

const COMPANY_ID = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
const REFUSAL = { code: "INTERNAL" as const, message: "Something went wrong on our side. Please try again." };

function fakeAction(status: CompanyStatus) {
  return refusingThenRecordingAction({
    refusal: REFUSAL,
    data: { companyId: COMPANY_ID, companyName: "Acme Supplies", status, emailed: 1 },
  });
}

describe("CompanyStatusActions", () => {
  it("suspends the same company when a refused, confirmed suspension is confirmed again", async () => {
    const fake = fakeAction("SUSPENDED");
    render(
      <CompanyStatusActions action={fake.action} companyId={COMPANY_ID} companyName="Acme Supplies" status="ACTIVE" />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Suspend…" }));
    await submitWith(screen.getByRole("button", { name: "Yes, suspend" }));
    expect(screen.getByRole("alert").textContent).toBe(REFUSAL.message);

    await submitWith(screen.getByRole("button", { name: "Yes, suspend" }));
    expect(fake.saved()).toEqual({ companyId: COMPANY_ID, change: "suspend" });
  });

  it.each([
    ["PENDING", "Approve", "approve"],
    ["SUSPENDED", "Reactivate", "reactivate"],
  ] as const)("%s: a refused %s tried again sends the same change", async (status, label, change) => {
    const fake = fakeAction("ACTIVE");
    render(
      <CompanyStatusActions action={fake.action} companyId={COMPANY_ID} companyName="Acme Supplies" status={status} />,
    );
    await submitWith(screen.getByRole("button", { name: label }));
    await submitWith(screen.getByRole("button", { name: label }));
    expect(fake.saved()).toEqual({ companyId: COMPANY_ID, change });
  });
});
