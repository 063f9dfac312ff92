import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { describeAuditActor, type AuditActor } from "@/lib/audit/audit-actor";
import { AuditEntryList, type AuditEntryItem } from "./audit-entry-list";

afterEach(cleanup);

const ID = "0b9d2c4e-1f3a-4b5c-8d7e-6f5a4b3c2d1e";
const LOCATION_ID = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const RECORDED = { id: ID, name: "Ann Then", email: "ann@then.test", as: "recorded", member: true } as const;

function entry(id: string, actor: AuditActor, fields: Partial<AuditEntryItem> = {}): AuditEntryItem {
  return {
    id,
    atLabel: "5 May 2026, 12:00:00",
    atIso: "2026-05-05T12:00:00.000Z",
    actor: describeAuditActor(actor),
    sentence: [{ actor: true }, " renamed location ", { entity: { label: "Cold store", current: false } }],
    action: "location.renamed",
    entityType: "location",
    entityId: LOCATION_ID,
    entityName: { label: "Cold store", current: false },
    entityHref: null,
    historyHref: null,
    changes: [],
    raw: '{\n  "before": null,\n  "after": null\n}',
    ip: null,
    requestId: null,
    ...fields,
  };
}

/** The entries: the list's own items (each entry's changes are a list of their own inside it). */
const items = () => [
  ...screen.getByRole("list", { name: "Audit entries, newest first" }).querySelectorAll<HTMLElement>(":scope > li"),
];
/** An entry's sentence: the first paragraph of its item. */
const sentences = () => items().map((item) => item.querySelector("p")!.textContent);

describe("AuditEntryList: who acted", () => {
  it("names the actor as the entry recorded them, and marks a name that is not the one they had then", () => {
    render(
      <AuditEntryList
        entries={[
          entry("1", RECORDED),
          entry("2", { id: ID, name: "Ann Now", email: "ann@now.test", as: "current", member: true }),
          entry("3", { id: ID, name: "Bo Left", email: "bo@then.test", as: "deactivated", member: false }),
          entry("4", { id: ID, name: null, email: "gone@then.test", as: "recorded", member: false }),
          entry("5", { id: null, name: null, email: null, as: "recorded", member: null }),
        ]}
      />,
    );
    expect(sentences()).toEqual([
      "Ann Then renamed location Cold store",
      "Ann Now (current name) renamed location Cold store",
      "Bo Left (name when deactivated; no longer a member) renamed location Cold store",
      "gone@then.test (no longer a member) renamed location Cold store",
      "System renamed location Cold store",
    ]);
    // The details say who with their email.
    expect(within(items()[1]!).getByText("ann@now.test")).toBeTruthy();
  });
});

describe("AuditEntryList: what happened", () => {
  it("reads as a sentence that links its entity and marks names that are today's, not that day's", () => {
    render(
      <AuditEntryList
        entries={[
          entry("1", RECORDED, {
            sentence: [
              { actor: true },
              " set ",
              { entity: { label: "Gloves (G-1)", current: true } },
              " at ",
              { name: { label: "Main", current: false } },
              " to 3, was 40",
            ],
            entityType: "product",
            entityName: { label: "Gloves (G-1)", current: true },
            entityHref: `/products/${ID}`,
          }),
        ]}
      />,
    );
    expect(sentences()).toEqual(["Ann Then set Gloves (G-1) (current name) at Main to 3, was 40"]);
    const [sentence] = items().map((item) => item.querySelector("p")!);
    expect(within(sentence!).getByRole("link", { name: "Gloves (G-1)" }).getAttribute("href")).toBe(`/products/${ID}`);
  });

  it("keeps the details and the raw data folded until asked for, one item per entry on every screen", () => {
    render(
      <AuditEntryList
        entries={[
          entry("1", RECORDED, {
            changes: [{ field: "name", kind: "changed", before: "Back room", after: "Cold store" }],
            raw: '{\n  "before": {\n    "name": "Back room"\n  }\n}',
            ip: "203.0.113.9",
            requestId: "req-12345678",
            historyHref: `/audit?entityType=location&entityId=${LOCATION_ID}`,
          }),
          entry("2", RECORDED),
        ]}
      />,
    );
    expect(items()).toHaveLength(2);
    const first = items()[0]!;
    const [details, raw] = [...first.querySelectorAll("details")];
    expect(details!.open).toBe(false);
    expect(raw!.open).toBe(false);
    // Each disclosure says whose it is to a screen reader: the lists of controls hold one per entry.
    const [detailsSummary, rawSummary] = [...first.querySelectorAll("summary")];
    expect(detailsSummary!.textContent).toBe("Details of the entry at 5 May 2026, 12:00:00");
    expect(rawSummary!.textContent).toBe("Raw data of the entry at 5 May 2026, 12:00:00");
    fireEvent.click(detailsSummary!);
    expect(details!.open).toBe(true);
    expect(within(details!).getByText("location.renamed")).toBeTruthy();
    expect(within(details!).getByRole("list", { name: "Changes" }).textContent).toContain("Back room");
    expect(within(details!).getByText("203.0.113.9")).toBeTruthy();
    expect(within(details!).getByRole("link", { name: "All its entries" }).getAttribute("href")).toBe(
      `/audit?entityType=location&entityId=${LOCATION_ID}`,
    );
    fireEvent.click(rawSummary!);
    expect(raw!.open).toBe(true);
    expect(raw!.querySelector("pre")!.textContent).toBe('{\n  "before": {\n    "name": "Back room"\n  }\n}');
    // The second entry has no address: no empty row for one.
    expect(within(items()[1]!).queryByText("Address and request")).toBeNull();
  });
});
