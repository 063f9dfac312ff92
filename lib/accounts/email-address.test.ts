import { describe, expect, it } from "vitest";
import { emailAddressSchema } from "./email-address";

describe("emailAddressSchema", () => {
  it("normalises before checking, the way users.email is stored (trimmed, lower case)", () => {
    expect(emailAddressSchema.parse("  Dana.Reyes@Example.COM ")).toBe("dana.reyes@example.com");
    expect(emailAddressSchema.parse("\tann@example.com\n")).toBe("ann@example.com");
  });

  it("refuses what is not an address, with a message a person can act on", () => {
    for (const bad of ["not an email", "", "a@", "@b.co", "a b@c.co"]) {
      const result = emailAddressSchema.safeParse(bad);
      expect(result.success, bad).toBe(false);
    }
    expect(emailAddressSchema.safeParse("a@").error?.issues[0]?.message).toBe("Enter a valid email address.");
    expect(emailAddressSchema.safeParse(`${"a".repeat(250)}@x.io`).error?.issues[0]?.message).toBe(
      "Use at most 254 characters.",
    );
  });
});
