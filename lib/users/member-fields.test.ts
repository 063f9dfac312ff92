import { describe, expect, it } from "vitest";
import { memberNameSchema, roleSchema } from "./member-fields";

describe("member fields", () => {
  it("takes one-line names only (they end up in email subjects)", () => {
    expect(memberNameSchema.parse("  Dana Reyes ")).toBe("Dana Reyes");
    expect(memberNameSchema.safeParse("Dana\r\nBcc: victim@example.com").success).toBe(false);
    expect(memberNameSchema.safeParse("   ").success).toBe(false);
  });

  it("knows exactly the three roles", () => {
    expect(roleSchema.options).toEqual(["ADMIN", "MANAGER", "STAFF"]);
    expect(roleSchema.safeParse("OWNER").success).toBe(false);
  });
});
