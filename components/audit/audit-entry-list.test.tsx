import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { describeAuditActor, type AuditActor } from "@/lib/audit/audit-actor";
import { AuditEntryList, type AuditEntryItem } from "./audit-entry-list";

afterEach(cleanup);

const ID = "0b9d2c4e-1f3a-4b5c-8d7e-6f5a4b3c2d1e";

function entry(id: string, actor: AuditActor): AuditEntryItem {
  return {
    id,
    atLabel: "5 May 2026, 12:00:00",
    atIso: "2026-05-05T12:00:00.000Z",
    actor: describeAuditActor(actor),
    action: "location.renamed",
    entityType: "location",
    entityId: null,
    entityLabel: null,
    entityHref: null,
    historyHref: null,
    changes: [],
    ip: null,
    requestId: null,
  };
}

/** The "Who" cell of each table row. */
const whoCells = () =>
  within(screen.getByRole("table"))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[1]!.textContent);

describe("AuditEntryList: who acted", () => {
  it("names the actor as the entry recorded them, and marks a name that is not the one they had then", () => {
    render(
      <AuditEntryList
        entries={[
          entry("1", { id: ID, name: "Ann Then", email: "ann@then.test", as: "recorded", member: true }),
          entry("2", { id: ID, name: "Ann Now", email: "ann@now.test", as: "current", member: true }),
          entry("3", { id: ID, name: "Bo Left", email: "bo@then.test", as: "deactivated", member: false }),
          entry("4", { id: ID, name: null, email: "gone@then.test", as: "recorded", member: false }),
          entry("5", { id: null, name: null, email: null, as: "recorded", member: null }),
        ]}
      />,
    );
    expect(whoCells()).toEqual([
      "Ann Thenann@then.test",
      "Ann Nowann@now.test(current name)",
      "Bo Leftbo@then.test(name when deactivated; no longer a member)",
      "gone@then.test(no longer a member)",
      "System",
    ]);
    // The phone layout says the same.
    const cards = within(screen.getByRole("list", { name: "Audit entries" })).getAllByRole("listitem");
    expect(cards[1]!.textContent).toContain("Ann Nowann@now.test(current name)");
  });
});
