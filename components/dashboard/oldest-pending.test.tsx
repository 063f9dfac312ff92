import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { OldestPending, type PendingRequestItem } from "./oldest-pending";

afterEach(cleanup);

const request = (overrides: Partial<PendingRequestItem>): PendingRequestItem => ({
  id: "0b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
  number: 42,
  type: "RESTOCK",
  requesterName: "Sam Staff",
  locationName: "Main warehouse",
  lineCount: 3,
  createdLabel: "17 Nov 2026, 09:30",
  createdIso: "2026-11-17T09:30:00.000Z",
  ...overrides,
});

describe("OldestPending", () => {
  it("lists the requests oldest first, each linking to its page, with who asked and since when", () => {
    render(
      <OldestPending
        scope="company"
        pendingCount={7}
        requests={[
          request({}),
          request({ id: "0b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02", number: 43, type: "CUSTOMER_ORDER", lineCount: 1 }),
        ]}
      />,
    );
    const items = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(within(items[0]!).getByRole("link", { name: "REQ-000042" }).getAttribute("href")).toBe(
      "/requests/0b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01",
    );
    expect(items[0]!.textContent).toContain("Restock · Main warehouse · 3 items");
    expect(items[0]!.textContent).toContain("Sam Staff · since 17 Nov 2026, 09:30");
    expect(items[1]!.textContent).toContain("Customer order · Main warehouse · 1 item");
    expect(screen.getByRole("link", { name: "All 7 pending requests" }).getAttribute("href")).toBe(
      "/requests?status=PENDING",
    );
  });

  it("leaves out the requester on a staff member's own list, and the link to more when all are shown", () => {
    render(<OldestPending scope="own" pendingCount={1} requests={[request({})]} />);
    expect(screen.getByRole("heading", { name: "Your requests waiting longest" })).toBeTruthy();
    expect(screen.queryByText(/Sam Staff/)).toBeNull();
    expect(screen.queryByRole("link", { name: /pending requests/ })).toBeNull();
  });

  it("says when nothing is waiting", () => {
    render(<OldestPending scope="company" pendingCount={0} requests={[]} />);
    expect(screen.getByText("No request is waiting for approval.")).toBeTruthy();
  });
});
