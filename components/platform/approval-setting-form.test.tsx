import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
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
