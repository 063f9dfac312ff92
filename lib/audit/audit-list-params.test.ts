import { describe, expect, it } from "vitest";
import {
  auditExportHref,
  auditListHref,
  auditListInputSchema,
  auditListQueryFromParams,
  AUDIT_CURSOR,
  entityHistoryHref,
  entityHref,
} from "./audit-list-params";
import { decodeTimeCursor, encodeTimeCursor } from "../list/keyset-cursor";

const ID = "0b9d2c4e-1f3a-4b5c-8d7e-6f5a4b3c2d1e";
const cursor = encodeTimeCursor(AUDIT_CURSOR, { createdAt: "2026-05-05T12:00:00.000Z", id: ID });

describe("the audit log's URL", () => {
  it("reads the filters it can use and drops the rest, so a hand-edited link still shows the log", () => {
    expect(
      auditListQueryFromParams({
        actorId: ID.toUpperCase(),
        action: "order.approved",
        entityType: "order",
        entityId: ` ${ID.toUpperCase()} `,
        from: "2026-11-01",
        to: "2026-11-30",
        after: cursor,
      }),
    ).toEqual({
      actorId: ID,
      action: "order.approved",
      entityType: "order",
      entityId: ID,
      from: "2026-11-01",
      to: "2026-11-30",
      after: cursor,
    });
    expect(
      auditListQueryFromParams({
        actorId: "me",
        action: "DROP TABLE",
        entityType: "Order!",
        entityId: "\u0000",
        from: "2026-02-30",
        to: "yesterday",
        after: "stale",
      }),
    ).toEqual({});
    // A To before the From is left out, not refused.
    expect(auditListQueryFromParams({ from: "2026-11-02", to: "2026-11-01" })).toEqual({ from: "2026-11-02" });
  });

  it("is what listAuditEntries takes", () => {
    const query = auditListQueryFromParams({ action: "auth.login_failed", entityId: "free text id", after: cursor });
    const parsed = auditListInputSchema.parse(query);
    expect(parsed).toMatchObject({ action: "auth.login_failed", entityId: "free text id", limit: 50 });
    expect(parsed.after).toEqual({ createdAt: "2026-05-05T12:00:00.000Z", id: ID });
  });

  it("builds the list, export and history links", () => {
    expect(auditListHref({})).toBe("/audit");
    expect(auditListHref({ action: "order.approved", after: cursor })).toBe(
      `/audit?action=order.approved&after=${cursor}`,
    );
    expect(auditExportHref({ action: "order.approved", after: cursor })).toBe(
      "/audit/export.csv?action=order.approved",
    );
    expect(entityHistoryHref("order", ID)).toBe(`/audit?entityType=order&entityId=${ID}`);
  });

  it("links the entities that have a page", () => {
    expect(entityHref("order", ID)).toBe(`/requests/${ID}`);
    expect(entityHref("product", ID)).toBe(`/products/${ID}`);
    expect(entityHref("location", ID)).toBe(`/products?location=${ID}`);
    expect(entityHref("supplier", ID)).toBe(`/suppliers/${ID}`);
    expect(entityHref("customer", ID)).toBe(`/customers/${ID}`);
    expect(entityHref("stocktake", ID)).toBe(`/stocktakes/${ID}`);
    expect(entityHref("membership", ID)).toBeNull();
    expect(entityHref("order", "not-a-uuid")).toBeNull();
    expect(entityHref("order", null)).toBeNull();
  });

  it("accepts only its own cursors", () => {
    expect(decodeTimeCursor(AUDIT_CURSOR, cursor)).toEqual({ createdAt: "2026-05-05T12:00:00.000Z", id: ID });
    expect(decodeTimeCursor("orders", cursor)).toBeNull();
    expect(decodeTimeCursor(AUDIT_CURSOR, "e30")).toBeNull();
    expect(auditListInputSchema.safeParse({ after: "e30" }).success).toBe(false);
  });
});
