import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ManagersOnly, NotAllowed } from "./not-allowed";

afterEach(cleanup);

describe("NotAllowed", () => {
  it("answers with who may, whom to ask, and the way back to the dashboard", () => {
    render(<NotAllowed title="Only admins see the audit log">Ask one of your company&apos;s admins.</NotAllowed>);
    expect(screen.getByRole("heading", { level: 1, name: "Only admins see the audit log" })).toBeTruthy();
    expect(screen.getByText("Ask one of your company's admins.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to the dashboard" }).getAttribute("href")).toBe("/dashboard");
  });

  it("for managers' pages says so, and leads back where it is told", () => {
    render(
      <ManagersOnly
        title="Only managers and admins adjust stock"
        back={{ href: "/products", label: "Back to products" }}
      >
        Staff see stock but do not change it.
      </ManagersOnly>,
    );
    expect(screen.getByText(/for managers and admins only/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to products" }).getAttribute("href")).toBe("/products");
  });
});
