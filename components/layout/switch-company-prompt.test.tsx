import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/form-state";
import { sentFields, submitWith } from "@/tests/helpers/form-actions";
import { SwitchCompanyPrompt } from "./switch-company-prompt";

afterEach(cleanup);

const NORTHWIND = "0193a0c4-bbbb-7000-8000-000000000002";

describe("SwitchCompanyPrompt", () => {
  it("asks before switching: nothing is sent until the person chooses, and staying switches nothing", async () => {
    const action = vi.fn<FormAction<null>>(async () => ({ ok: true, data: null }));
    render(
      <SwitchCompanyPrompt
        action={action}
        companyId={NORTHWIND}
        companyName="Northwind Supplies"
        currentCompanyName="Acme Hardware"
        next="/requests/0193a0c4-cccc-7000-8000-000000000003"
      />,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("This link is for Northwind Supplies");
    expect(screen.getByText(/You are working in Acme Hardware\./)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(action).not.toHaveBeenCalled();
    expect(screen.getByRole("link", { name: "Stay in Acme Hardware" }).getAttribute("href")).toBe("/dashboard");

    await submitWith(screen.getByRole("button", { name: "Switch to Northwind Supplies" }));
    expect(action).toHaveBeenCalledTimes(1);
    expect(sentFields(action.mock.calls[0]![1])).toEqual({
      companyId: NORTHWIND,
      next: "/requests/0193a0c4-cccc-7000-8000-000000000003",
    });
  });
});
