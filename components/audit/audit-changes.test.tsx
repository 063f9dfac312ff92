import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/audit-diff";
import { AuditChanges } from "./audit-changes";

afterEach(cleanup);

const show = (before: unknown, after: unknown) => render(<AuditChanges changes={auditChanges(before, after)} />);
const items = (name = "Changes") =>
  within(screen.getByRole("list", { name }))
    .getAllByRole("listitem")
    .map((item) => item.textContent);

describe("AuditChanges", () => {
  it("shows the fields that changed as before → after, and leaves out those that did not", () => {
    show({ name: "Back room", code: "BR", version: 3 }, { name: "Back room (east)", code: "BR", version: 4 });
    expect(items()).toEqual(["name changed from Back room → to Back room (east)", "version changed from 3 → to 4"]);
    const name = screen.getAllByRole("listitem")[0]!;
    expect(name.querySelector("del")?.textContent).toBe("Back room");
    expect(name.querySelector("ins")?.textContent).toBe("Back room (east)");
  });

  it("reads a creation as the values set, and marks fields that went away", () => {
    show(null, { name: "Yard", code: null });
    expect(items()).toEqual(["code empty", "name Yard"]);
    cleanup();
    show({ note: "urgent", status: "PENDING" }, { status: "APPROVED" });
    expect(items()).toEqual(["note urgent (removed)", "status changed from PENDING → to APPROVED"]);
  });

  it("names nested fields by their path and shows lists whole", () => {
    show(
      { settings: { requireSecondApprover: false } },
      { settings: { requireSecondApprover: true }, movements: [{ quantity: 5 }] },
    );
    expect(items()).toEqual([
      'movements [{"quantity":5}]',
      "settings.requireSecondApprover changed from false → to true",
    ]);
  });

  it("folds long lists after the first few, and says when nothing was recorded", () => {
    const after = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`field${i}`, i]));
    show(null, after);
    expect(items()).toHaveLength(6);
    expect(screen.getByText("3 more fields")).toBeTruthy();
    expect(items("More changes")).toEqual(["field6 6", "field7 7", "field8 8"]);
    cleanup();
    show(null, null);
    expect(screen.getByText("No details recorded.")).toBeTruthy();
  });
});
