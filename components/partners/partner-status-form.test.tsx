import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import { droppingThenRecordingAction, sentFields, submitWith } from "@/tests/helpers/form-actions";
import { PartnerStatusForm, type PartnerChanged } from "./partner-status-form";

afterEach(cleanup);

const PARTNER = { id: "0193a5b0-7c1e-7a00-8000-000000000301", version: 4, name: "Harbour Foods", archived: false };

describe("PartnerStatusForm", () => {
  it.each([
    ["supplier", "archive", "Archive supplier", PARTNER, "Harbour Foods is archived"],
    ["customer", "restore", "Restore customer", { ...PARTNER, archived: true }, "Harbour Foods is active again."],
  ] as const)(
    "%s %s: a press the network drops says so, and pressed again sends the same version once",
    async (kind, change, label, partner, success) => {
      const server = droppingThenRecordingAction<PartnerChanged>({
        data: { name: partner.name, archived: change === "archive" },
      });
      render(
        <PartnerStatusForm
          kind={kind}
          partner={partner}
          archiveAction={change === "archive" ? server.action : vi.fn()}
          restoreAction={change === "restore" ? server.action : vi.fn()}
        />,
      );
      await submitWith(screen.getByRole("button", { name: label }));

      expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
      const again = screen.getByRole("button", { name: label }) as HTMLButtonElement;
      expect(again.disabled).toBe(false);
      expect(again.getAttribute("aria-busy")).toBeNull();
      expect(server.received).toHaveLength(0);

      await submitWith(again);
      expect(server.received.map(sentFields)).toEqual([{ kind, id: PARTNER.id, version: "4" }]);
      expect(screen.getByRole("status").textContent).toContain(success);
    },
  );
});
