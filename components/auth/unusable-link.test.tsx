import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { UnusableLink } from "./unusable-link";

describe("UnusableLink", () => {
  it("says why the link cannot be used and offers the one way on", () => {
    render(
      <UnusableLink
        reason="This reset link has expired."
        next={{ href: "/forgot-password", label: "Ask for a new link" }}
      />,
    );
    expect(screen.getByRole("heading", { name: "This link cannot be used" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("This reset link has expired.");
    expect(screen.getByRole("link", { name: "Ask for a new link" }).getAttribute("href")).toBe("/forgot-password");
  });
});
