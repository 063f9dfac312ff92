import { describe, expect, it } from "vitest";
import { describeAuditActor } from "./audit-actor";

const ID = "0193a5b0-7c1e-7a00-8000-000000000001";

describe("describeAuditActor", () => {
  it("names a recorded actor as they were, and marks only a former member as no longer one", () => {
    expect(describeAuditActor({ id: ID, name: "Ann", email: "ann@x.test", as: "recorded", member: true })).toEqual({
      label: "Ann",
      email: "ann@x.test",
      note: null,
    });
    expect(describeAuditActor({ id: ID, name: "Bo", email: "bo@x.test", as: "deactivated", member: false })).toEqual({
      label: "Bo",
      email: "bo@x.test",
      note: "name when deactivated; no longer a member",
    });
  });

  it("does not call someone who never was a member (a platform administrator) a former one", () => {
    expect(
      describeAuditActor({ id: ID, name: "Pat Platform", email: "pat@x.test", as: "recorded", member: null }),
    ).toEqual({ label: "Pat Platform", email: "pat@x.test", note: null });
    expect(describeAuditActor({ id: null, name: null, email: null, as: "recorded", member: null })).toEqual({
      label: "System",
      email: null,
      note: null,
    });
  });
});
