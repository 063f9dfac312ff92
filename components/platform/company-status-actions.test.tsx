import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/form-state";
import type { CompanyStatus } from "@/lib/platform/company-status-changes";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { CompanyStatusActions } from "./company-status-actions";
import { DecisionNotices } from "./decision-notice";

afterEach(cleanup);

type Changed = { companyId: string; companyName: string; status: CompanyStatus; emailed: number };

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
      <DecisionNotices>
        <CompanyStatusActions action={fake.action} companyId={COMPANY_ID} companyName="Acme Supplies" status="ACTIVE" />
      </DecisionNotices>,
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
      <DecisionNotices>
        <CompanyStatusActions action={fake.action} companyId={COMPANY_ID} companyName="Acme Supplies" status={status} />
      </DecisionNotices>,
    );
    await submitWith(screen.getByRole("button", { name: label }));
    await submitWith(screen.getByRole("button", { name: label }));
    expect(fake.saved()).toEqual({ companyId: COMPANY_ID, change });
  });

  it("a confirmed suspension the network drops says so, and confirmed again is sent once", async () => {
    const server = droppingThenRecordingAction<Changed>({
      data: { companyId: COMPANY_ID, companyName: "Acme Supplies", status: "SUSPENDED", emailed: 1 },
    });
    render(
      <DecisionNotices>
        <CompanyStatusActions
          action={server.action}
          companyId={COMPANY_ID}
          companyName="Acme Supplies"
          status="ACTIVE"
        />
      </DecisionNotices>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Suspend…" }));
    await submitWith(screen.getByRole("button", { name: "Yes, suspend" }));

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    const again = screen.getByRole("button", { name: "Yes, suspend" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ companyId: COMPANY_ID, change: "suspend" }]);
    expect(screen.getByRole("status", { name: "Last decision" }).textContent).toContain(
      "Acme Supplies is now suspended. Its admin was emailed.",
    );
  });
});

describe("CompanyStatusActions confirms each decision on screen", () => {
  function succeeding(status: CompanyStatus, emailed: number) {
    return vi.fn<FormAction<Changed>>(async () => ({
      ok: true,
      data: { companyId: COMPANY_ID, companyName: "Acme Supplies", status, emailed },
    }));
  }

  const notice = () => screen.getByRole("status", { name: "Last decision" });

  it.each([
    ["PENDING", "Approve", "ACTIVE", 1, "Acme Supplies is now active. Its admin was emailed."],
    ["SUSPENDED", "Reactivate", "ACTIVE", 2, "Acme Supplies is now active. Its 2 admins were emailed."],
    ["PENDING", "Approve", "ACTIVE", 0, "Acme Supplies is now active. It has no active admin to email."],
  ] as const)("%s: %s says what happened to which company", async (status, label, after, emailed, message) => {
    const action = succeeding(after, emailed);
    render(
      <DecisionNotices>
        <CompanyStatusActions action={action} companyId={COMPANY_ID} companyName="Acme Supplies" status={status} />
      </DecisionNotices>,
    );
    expect(notice().textContent).toBe("");
    await submitWith(screen.getByRole("button", { name: label }));
    expect(notice().textContent).toContain(message);
  });

  it("keeps the confirmation when the decided company leaves the list, until it is dismissed", async () => {
    const action = succeeding("ACTIVE", 1);
    const { rerender } = render(
      <DecisionNotices>
        <CompanyStatusActions action={action} companyId={COMPANY_ID} companyName="Acme Supplies" status="PENDING" />
      </DecisionNotices>,
    );
    await submitWith(screen.getByRole("button", { name: "Approve" }));
    // The "Waiting for approval" list, revalidated, no longer holds the company.
    rerender(
      <DecisionNotices>
        <p>No company matches this search.</p>
      </DecisionNotices>,
    );
    expect(notice().textContent).toContain("Acme Supplies is now active. Its admin was emailed.");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(notice().textContent).toBe("");
  });

  it("asks before suspending: nothing is sent until it is confirmed, and cancelling sends nothing", async () => {
    const action = succeeding("SUSPENDED", 1);
    render(
      <DecisionNotices>
        <CompanyStatusActions action={action} companyId={COMPANY_ID} companyName="Acme Supplies" status="ACTIVE" />
      </DecisionNotices>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Suspend…" }));
    expect(screen.getByRole("group", { name: "Suspend Acme Supplies?" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(action).not.toHaveBeenCalled();
    expect(screen.queryByRole("button", { name: "Yes, suspend" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Suspend…" }));
    expect(action).not.toHaveBeenCalled();
    await submitWith(screen.getByRole("button", { name: "Yes, suspend" }));
    expect(action).toHaveBeenCalledTimes(1);
    expect(sentFields(action.mock.calls[0]![1])).toEqual({ companyId: COMPANY_ID, change: "suspend" });
    expect(notice().textContent).toContain("Acme Supplies is now suspended. Its admin was emailed.");
  });
});
