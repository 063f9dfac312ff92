import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/form-state";
import { refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { ApprovalSettingForm } from "./approval-setting-form";

afterEach(cleanup);

describe("ApprovalSettingForm", () => {
  it.each([
    [false, "Require approval for new companies", "true"],
    [true, "Stop requiring approval", "false"],
  ])("with approval %s, a refused change tried again asks for the opposite", async (current, label, sent) => {
    const fake = refusingThenRecordingAction<{ requireCompanyApproval: boolean }>({
      refusal: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
      data: { requireCompanyApproval: !current },
    });
    render(<ApprovalSettingForm action={fake.action} requireCompanyApproval={current} />);
    await submitWith(screen.getByRole("button", { name: label }));
    expect(screen.getByRole("alert").textContent).toBe("Something went wrong on our side. Please try again.");
    await submitWith(screen.getByRole("button", { name: label }));
    expect(fake.saved()).toEqual({ requireCompanyApproval: sent });
  });
});

describe("ApprovalSettingForm confirms the change on screen", () => {
  it.each([
    [false, "Require approval for new companies", "Saved: new companies now wait for approval."],
    [true, "Stop requiring approval", "Saved: new companies can now start straight away."],
  ])("with approval %s, %s says what now holds", async (current, label, message) => {
    const action = vi.fn<FormAction<{ requireCompanyApproval: boolean }>>(async () => ({
      ok: true,
      data: { requireCompanyApproval: !current },
    }));
    render(<ApprovalSettingForm action={action} requireCompanyApproval={current} />);
    expect(screen.queryByRole("status")).toBeNull();
    await submitWith(screen.getByRole("button", { name: label }));
    expect(screen.getByRole("status").textContent).toBe(message);
  });
});
