import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { MemberActions, type MemberActionSet, type MemberChanged, type PasswordReset } from "./member-actions";

// jsdom has <dialog> but not showModal/close (the browser's part is covered in tests/e2e/decisions.spec.ts).
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
});

afterEach(cleanup);

const MEMBER = {
  membershipId: "3f6c1a2b-7d4e-4f5a-9b8c-1d2e3f4a5b6c",
  name: "Grace Hopper",
  role: "STAFF" as const,
  active: true,
  isYou: false,
};

function renderActions(actions: Partial<MemberActionSet>) {
  render(
    <MemberActions
      member={MEMBER}
      actions={{ changeRole: vi.fn(), deactivate: vi.fn(), reactivate: vi.fn(), resetPassword: vi.fn(), ...actions }}
    />,
  );
}

const roleSelect = () => screen.getByLabelText("Role for Grace Hopper") as HTMLSelectElement;

describe("MemberActions", () => {
  it("saves the role chosen when a refused change is tried again", async () => {
    const fake = refusingThenRecordingAction<MemberChanged>({
      refusal: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
      // As changeMemberRoleAction echoes: the role chosen.
      echo: echoFields("role"),
      data: { name: MEMBER.name, role: "MANAGER", active: true },
    });
    renderActions({ changeRole: fake.action });
    fireEvent.change(roleSelect(), { target: { value: "MANAGER" } });
    await submitWith(screen.getByRole("button", { name: /^Change role/ }));

    expect(screen.getByRole("alert").textContent).toBe("Something went wrong on our side. Please try again.");
    expect(roleSelect().value).toBe("MANAGER");
    await submitWith(screen.getByRole("button", { name: /^Change role/ }));
    expect(fake.saved()).toEqual({ membershipId: MEMBER.membershipId, role: "MANAGER" });
  });

  it("saves the corrected temporary password after a refused one, for the same member", async () => {
    const fake = refusingThenRecordingAction<PasswordReset>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { temporaryPassword: ["Use at least 8 characters."] },
      },
      // A password never comes back.
      data: { email: "grace@example.com" },
    });
    renderActions({ resetPassword: fake.action });
    const password = () => screen.getByLabelText("Temporary password") as HTMLInputElement;
    fireEvent.change(password(), { target: { value: "short" } });
    await submitWith(screen.getByRole("button", { name: "Set temporary password" }));

    expect(password().value).toBe("");
    fireEvent.change(password(), { target: { value: "long enough at last" } });
    await submitWith(screen.getByRole("button", { name: "Set temporary password" }));
    expect(fake.saved()).toEqual({ membershipId: MEMBER.membershipId, temporaryPassword: "long enough at last" });
  });

  it("deactivates the same member when a refused deactivation is tried again", async () => {
    const fake = refusingThenRecordingAction<MemberChanged>({
      refusal: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
      data: { name: MEMBER.name, role: MEMBER.role, active: false },
    });
    renderActions({ deactivate: fake.action });
    await submitWith(screen.getByRole("button", { name: /^Deactivate/ }));
    const dialog = screen.getByRole("dialog", { name: "Deactivate Grace Hopper?" });
    await submitWith(within(dialog).getByRole("button", { name: "Deactivate" }));
    // Refused: said in the dialog, which stays open for another try.
    expect(within(dialog).getByRole("alert").textContent).toBe("Something went wrong on our side. Please try again.");
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    await submitWith(within(dialog).getByRole("button", { name: "Deactivate" }));
    expect(fake.saved()).toEqual({ membershipId: MEMBER.membershipId });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks before deactivating, naming what happens; keeping access sends nothing", async () => {
    const deactivate = vi.fn();
    renderActions({ deactivate });
    await submitWith(screen.getByRole("button", { name: /^Deactivate/ }));
    const dialog = screen.getByRole("dialog", { name: "Deactivate Grace Hopper?" });
    expect(document.getElementById(dialog.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Grace Hopper can no longer use this company until an admin reactivates them. Their account and any other companies are unchanged.",
    );
    await submitWith(within(dialog).getByRole("button", { name: "Keep access" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(deactivate).not.toHaveBeenCalled();
  });

  it("a deactivation the network drops is said in the dialog, and pressed again deactivates once", async () => {
    const server = droppingThenRecordingAction<MemberChanged>({
      data: { name: MEMBER.name, role: MEMBER.role, active: false },
    });
    renderActions({ deactivate: server.action });
    await submitWith(screen.getByRole("button", { name: /^Deactivate/ }));
    const dialog = screen.getByRole("dialog", { name: "Deactivate Grace Hopper?" });
    await submitWith(within(dialog).getByRole("button", { name: "Deactivate" }));

    expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    const again = within(dialog).getByRole("button", { name: "Deactivate" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ membershipId: MEMBER.membershipId }]);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toMatch(/^Grace Hopper can no longer use this company\./);
  });

  it("a reactivation the network drops says so, and pressed again reactivates once", async () => {
    const server = droppingThenRecordingAction<MemberChanged>({
      data: { name: MEMBER.name, role: MEMBER.role, active: true },
    });
    render(
      <MemberActions
        member={{ ...MEMBER, active: false }}
        actions={{ changeRole: vi.fn(), deactivate: vi.fn(), reactivate: server.action, resetPassword: vi.fn() }}
      />,
    );
    await submitWith(screen.getByRole("button", { name: /^Reactivate/ }));

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    const again = screen.getByRole("button", { name: /^Reactivate/ }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ membershipId: MEMBER.membershipId }]);
    expect(screen.getByRole("status").textContent).toBe("Grace Hopper can use this company again.");
  });
});
