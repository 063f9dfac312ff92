import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CompanyList, type CompanyListItem } from "./company-list";
import { DecisionNotices } from "./decision-notice";

const company = (overrides: Partial<CompanyListItem>): CompanyListItem => ({
  id: "0190f5a0-0000-7000-8000-000000000001",
  name: "Acme Tools",
  slug: "acme-tools",
  status: "PENDING",
  userCount: 1,
  productCount: 0,
  adminConfirmed: true,
  createdAt: "2026-12-06T10:00:00.000Z",
  createdLabel: "6 Dec 2026",
  ...overrides,
});

const action = async () => null;

describe("CompanyList", () => {
  it("says when a company's admin has not confirmed their email address yet", () => {
    render(
      <DecisionNotices>
        <CompanyList
          action={action}
          companies={[
            company({}),
            company({ id: "0190f5a0-0000-7000-8000-000000000002", name: "Waiting Co", adminConfirmed: false }),
          ]}
        />
      </DecisionNotices>,
    );
    const notices = screen.getAllByText("Its admin has not confirmed their email address yet.");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.closest("li")?.textContent).toContain("Waiting Co");
  });
});
