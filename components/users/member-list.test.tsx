import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemberList, type MemberListItem } from "./member-list";

afterEach(cleanup);

const member = (over: Partial<MemberListItem>): MemberListItem => ({
  membershipId: "3f6c1a2b-7d4e-4f5a-9b8c-1d2e3f4a5b6c",
  name: "Grace Hopper",
  email: "grace@navy.test",
  role: "STAFF",
  status: "ACTIVE",
  mustChangePassword: false,
  joinedLabel: "1 Mar 2026",
  deactivatedLabel: null,
  isYou: false,
  ...over,
});

describe("MemberList", () => {
  it("says when a deactivated member was deactivated, beside the name and email they had then", () => {
    render(
      <MemberList
        members={[
          member({}),
          member({
            membershipId: "4f6c1a2b-7d4e-4f5a-9b8c-1d2e3f4a5b6c",
            name: "Ada Then",
            email: "ada@then.test",
            status: "DEACTIVATED",
            deactivatedLabel: "6 Dec 2026",
          }),
        ]}
        actions={{ changeRole: vi.fn(), deactivate: vi.fn(), reactivate: vi.fn(), resetPassword: vi.fn() }}
      />,
    );
    const [active, deactivated] = screen.getAllByRole("listitem");
    expect(within(active!).queryByText(/Deactivated/)).toBeNull();
    expect(deactivated!.querySelector("p")?.textContent).toBe("Ada Then");
    expect(within(deactivated!).getByText("ada@then.test")).toBeTruthy();
    expect(within(deactivated!).getByText("· Deactivated 6 Dec 2026")).toBeTruthy();
  });
});
