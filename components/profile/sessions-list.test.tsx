import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction, FormState } from "@/components/ui/form-state";
import type { SessionSummary } from "@/lib/auth/sessions";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import { droppingThenRecordingAction, sentFields, submitWith } from "@/tests/helpers/form-actions";
import { SessionsList } from "./sessions-list";

afterEach(cleanup);

const phone: SessionSummary = {
  id: "0b7e1c9a-4a57-4c6e-9f0e-2d7f1e0a9b11",
  device: "Chrome on Android",
  lastSeen: "just now",
  current: true,
};
const laptop: SessionSummary = {
  id: "5c2d8e7f-1b3a-4d9c-8e6f-7a0b1c2d3e44",
  device: "Firefox on macOS",
  lastSeen: "3 days ago",
  current: false,
};

const noAction: FormAction<null> = async () => ({ ok: true, data: null });

/** An action that stays pending until the test settles it. */
function deferredAction() {
  let settle: (result: FormState<null>) => void = () => {};
  const action = vi.fn<FormAction<null>>(
    () =>
      new Promise((resolve) => {
        settle = resolve;
      }),
  );
  return { action, settle: (result: FormState<null>) => settle(result) };
}

const rowOf = (device: string) => screen.getAllByRole("listitem").find((li) => li.textContent!.startsWith(device))!;

describe("SessionsList", () => {
  it("names each device, when it was last seen, and which one this is", () => {
    render(<SessionsList sessions={[phone, laptop]} revokeAction={noAction} signOutEverywhereAction={noAction} />);
    expect(within(rowOf("Chrome on Android")).getByText("This device")).toBeTruthy();
    expect(within(rowOf("Chrome on Android")).getByText("Last seen just now")).toBeTruthy();
    expect(within(rowOf("Firefox on macOS")).queryByText("This device")).toBeNull();
    expect(within(rowOf("Firefox on macOS")).getByText("Last seen 3 days ago")).toBeTruthy();
    expect(screen.queryByText("You are not signed in on any other device.")).toBeNull();
  });

  it("says so when no device is signed in, and when this is the only one", () => {
    render(<SessionsList sessions={[]} revokeAction={noAction} signOutEverywhereAction={noAction} />);
    expect(screen.getByText("No device is signed in.")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    cleanup();

    render(<SessionsList sessions={[phone]} revokeAction={noAction} signOutEverywhereAction={noAction} />);
    expect(screen.getByText("You are not signed in on any other device.")).toBeTruthy();
  });

  it("signs out the chosen session, shows it pending meanwhile, and shows a refusal", async () => {
    const revoke = deferredAction();
    render(<SessionsList sessions={[phone, laptop]} revokeAction={revoke.action} signOutEverywhereAction={noAction} />);
    const button = within(rowOf("Firefox on macOS")).getByRole("button", { name: "Sign out Firefox on macOS" });
    await act(async () => {
      fireEvent.click(button);
    });

    expect(revoke.action).toHaveBeenCalledTimes(1);
    expect(sentFields(revoke.action.mock.calls[0]![1])).toEqual({ sessionId: laptop.id });
    const pending = within(rowOf("Firefox on macOS")).getByRole("button");
    expect(pending.textContent).toContain("Signing out…");
    expect((pending as HTMLButtonElement).disabled).toBe(true);
    // The other row is not pending.
    expect((within(rowOf("Chrome on Android")).getByRole("button") as HTMLButtonElement).disabled).toBe(false);

    await act(async () => {
      revoke.settle({ ok: false, code: "NOT_FOUND", message: "That session was not found." });
    });
    expect(within(rowOf("Firefox on macOS")).getByRole("alert").textContent).toBe("That session was not found.");
    expect((within(rowOf("Firefox on macOS")).getByRole("button") as HTMLButtonElement).disabled).toBe(false);
  });

  it("signs out everywhere with one button, pending while it runs", async () => {
    const everywhere = deferredAction();
    render(
      <SessionsList sessions={[phone, laptop]} revokeAction={noAction} signOutEverywhereAction={everywhere.action} />,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Sign out everywhere" }));
    });
    expect(everywhere.action).toHaveBeenCalledTimes(1);
    const pending = screen.getByRole("button", { name: /Signing out everywhere…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    // Settled, so no later test's action waits on it (React holds transitions while an async action is pending).
    await act(async () => {
      everywhere.settle({ ok: true, data: null });
    });
  });

  it("a sign-out the network drops says so in the device's row, and pressed again signs out that device once", async () => {
    const server = droppingThenRecordingAction<null>({ data: null });
    render(<SessionsList sessions={[phone, laptop]} revokeAction={server.action} signOutEverywhereAction={noAction} />);
    const button = () => within(rowOf(laptop.device)).getByRole("button", { name: /^Sign out/ }) as HTMLButtonElement;
    await submitWith(button());

    expect(within(rowOf(laptop.device)).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    expect(button().disabled).toBe(false);
    expect(button().getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(button());
    expect(server.received.map(sentFields)).toEqual([{ sessionId: laptop.id }]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a sign-out everywhere the network drops says so, and pressed again is sent once", async () => {
    const server = droppingThenRecordingAction<null>({ data: null });
    render(<SessionsList sessions={[phone, laptop]} revokeAction={noAction} signOutEverywhereAction={server.action} />);
    const button = () => screen.getByRole("button", { name: "Sign out everywhere" }) as HTMLButtonElement;
    await submitWith(button());

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    expect(button().disabled).toBe(false);
    expect(button().getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(button());
    expect(server.received.map(sentFields)).toEqual([{}]);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
