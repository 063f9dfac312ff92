import { describe, expect, it } from "vitest";
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
});
