import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { ConfirmEmailForm, PendingEmailChange, UnconfirmedEmailNotice } from "./email-confirmation";

afterEach(cleanup);

const TOKEN = "a".repeat(43);

describe("UnconfirmedEmailNotice", () => {
  it("says the limit when a resend is refused, then that the new link is on its way", async () => {
    const fake = refusingThenRecordingAction<{ email: string }>({
      refusal: { code: "RATE_LIMITED", message: "A confirmation email was sent 3 times this hour." },
      data: { email: "ada@example.com" },
    });
    render(
      <UnconfirmedEmailNotice action={fake.action} email="ada@example.com" consequence="Invitations wait for it." />,
    );
    expect(screen.getByText(/Invitations wait for it\./).textContent).toContain("ada@example.com");
    const button = screen.getByRole("button", { name: "Send a new confirmation link" });
    await submitWith(button);
    expect(screen.getByRole("alert").textContent).toBe("A confirmation email was sent 3 times this hour.");
    await submitWith(screen.getByRole("button", { name: "Send a new confirmation link" }));
    expect(fake.submissions).toHaveLength(2);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("A new link is on its way to ada@example.com.")).toBeTruthy();
  });
});

describe("PendingEmailChange", () => {
  it("names the pending address, and after a refused cancel cancels on the second press", async () => {
    const fake = refusingThenRecordingAction<null>({
      refusal: { code: "UNAUTHENTICATED", message: "Your session has ended. Please sign in again." },
      data: null,
    });
    render(
      <PendingEmailChange
        action={fake.action}
        pendingEmail="ada.new@example.com"
        expiresAt={new Date("2026-12-08T10:30:00Z")}
      />,
    );
    expect(screen.getByRole("status").textContent).toContain("Pending change to ada.new@example.com");
    expect(screen.getByRole("status").textContent).toContain("8 Dec 2026, 10:30 UTC");
    await submitWith(screen.getByRole("button", { name: "Cancel the change" }));
    expect(screen.getByRole("alert").textContent).toBe("Your session has ended. Please sign in again.");
    await submitWith(screen.getByRole("button", { name: "Cancel the change" }));
    expect(screen.getByRole("status").textContent).toBe("The change of address was cancelled.");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("a cancel the network drops says so, and pressed again cancels once", async () => {
    const server = droppingThenRecordingAction<null>({ data: null });
    render(
      <PendingEmailChange
        action={server.action}
        pendingEmail="ada.new@example.com"
        expiresAt={new Date("2026-12-08T10:30:00Z")}
      />,
    );
    await submitWith(screen.getByRole("button", { name: "Cancel the change" }));

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    const again = screen.getByRole("button", { name: "Cancel the change" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{}]);
    expect(screen.getByRole("status").textContent).toBe("The change of address was cancelled.");
  });
});

describe("ConfirmEmailForm", () => {
  it("sends the link's token with each press and shows the confirmed address once it worked", async () => {
    const fake = refusingThenRecordingAction<{ email: string; change: boolean }>({
      refusal: { code: "BUSY", message: "StockFlow is busy. Try again in a moment." },
      data: { email: "ada.new@example.com", change: true },
    });
    render(<ConfirmEmailForm action={fake.action} token={TOKEN} />);
    await submitWith(screen.getByRole("button", { name: "Confirm email address" }));
    expect(screen.getByRole("alert").textContent).toBe("StockFlow is busy. Try again in a moment.");
    await submitWith(screen.getByRole("button", { name: "Confirm email address" }));
    expect(fake.saved()).toEqual({ token: TOKEN });
    expect(screen.getByRole("status").textContent).toBe("Your email address is now ada.new@example.com.");
    expect(screen.getByRole("link", { name: "Continue to StockFlow" }).getAttribute("href")).toBe("/dashboard");
  });
});
