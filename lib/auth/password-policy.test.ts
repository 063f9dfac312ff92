import { describe, expect, it } from "vitest";
import { isCommonPassword, newPasswordSchema } from "./password-policy";

const errorsOf = (password: unknown) => {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("newPasswordSchema", () => {
  it("accepts 8 to 128 characters that are not common", () => {
    expect(errorsOf("tulip-lantern-42")).toEqual([]);
    expect(errorsOf("x".repeat(7) + "y")).toEqual([]);
    expect(errorsOf("z".repeat(128))).toEqual([]);
    expect(errorsOf("  spaced out  ")).toEqual([]);
  });

  it("refuses short, long and missing passwords with a message a person can act on", () => {
    expect(errorsOf("seven77")).toEqual(["Use at least 8 characters."]);
    expect(errorsOf("z".repeat(129))).toEqual(["Use at most 128 characters."]);
    expect(errorsOf(undefined)).toEqual(["Enter a password."]);
  });

  it("refuses common passwords whatever their case", () => {
    for (const password of ["password", "Password123", "QWERTYUIOP", "iloveyou", "12345678"]) {
      expect(errorsOf(password), password).toEqual([
        "That password is too common. Choose one that is harder to guess.",
      ]);
    }
    expect(isCommonPassword("stockflow-demo")).toBe(false);
  });
});
