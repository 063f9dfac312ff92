import { describe, expect, it } from "vitest";
import OrderStatusEmail from "./order-status";
import PasswordResetEmail from "./password-reset";
import { refusedProps } from "./registry";

const valid = PasswordResetEmail.PreviewProps;

describe("refusedProps", () => {
  it("is null when the template takes the props as they are", () => {
    expect(refusedProps("password-reset", valid)).toBeNull();
  });

  it("names the refused props and gives them made one line and cut to the template's limit", () => {
    expect(refusedProps("password-reset", { ...valid, name: "Dana\tReyes\r\n\u0085Jr" })).toEqual({
      fields: ["name"],
      safe: { ...valid, name: "Dana Reyes Jr" },
    });
    const long = refusedProps("password-reset", { ...valid, name: `${"x".repeat(119)}\t${"y".repeat(50)}` });
    expect(long).toEqual({ fields: ["name"], safe: { ...valid, name: "x".repeat(119) } });
    expect(refusedProps("password-reset", { ...valid, name: "\t\n" })?.safe).toEqual({ ...valid, name: "—" });
  });

  it("gives no safe props when the refusal is no stored text's fault (a bad link, a missing prop)", () => {
    expect(refusedProps("password-reset", { ...valid, resetUrl: "/reset-password?token=abc" })).toEqual({
      fields: ["resetUrl"],
      safe: null,
    });
    const { name: _name, ...withoutName } = valid;
    expect(refusedProps("password-reset", withoutName)).toEqual({ fields: ["name"], safe: null });
  });

  it("repairs the texts of a list (an order's lines) one by one, and cuts a long one to the template's limit", () => {
    // A product named before names were single lines: its line must not stop the step that sends the email.
    const status = { ...OrderStatusEmail.PreviewProps, status: "PARTIALLY_FULFILLED" as const };
    const shipped = "Claw hammer (HAM-1): 4 each shipped, 6 still to come";
    expect(
      refusedProps("order-status", { ...status, lines: [shipped, "Safety\tgloves (GL-L): 2 pair shipped"] }),
    ).toEqual({
      fields: ["lines"],
      safe: { ...status, lines: [shipped, "Safety gloves (GL-L): 2 pair shipped"] },
    });
    expect(
      refusedProps("order-status", { ...status, lines: [`${"x".repeat(399)}\t${"y".repeat(20)}`, shipped] }),
    ).toEqual({ fields: ["lines"], safe: { ...status, lines: ["x".repeat(399), shipped] } });
    // More lines than a request has is no stored text's fault.
    expect(refusedProps("order-status", { ...status, lines: Array(101).fill(shipped) })).toEqual({
      fields: ["lines"],
      safe: null,
    });
  });
});
