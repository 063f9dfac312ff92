import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import { droppingThenRecordingAction, sentFields, submitWith } from "@/tests/helpers/form-actions";
import { DraftRestockForm, type RestockDraftedView } from "./draft-restock-form";

afterEach(cleanup);

const CLIENT_REQUEST_ID = "7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a";
const SUPPLIER_ID = "0193a5b0-7c1e-7a00-8000-000000000501";
const LOCATION = { id: "0193a5b0-7c1e-7a00-8000-000000000502", name: "Back room", products: 3 };

describe("DraftRestockForm", () => {
  it("a tap the network drops says so, and tapped again drafts with the same client request id once", async () => {
    const server = droppingThenRecordingAction<RestockDraftedView>({
      data: { id: "0193a5b0-7c1e-7a00-8000-000000000503", number: "REQ-000012", lines: 3, leftOut: 0, created: true },
    });
    render(
      <DraftRestockForm
        action={server.action}
        clientRequestId={CLIENT_REQUEST_ID}
        supplierId={SUPPLIER_ID}
        group="Acme"
        location={LOCATION}
      />,
    );
    const button = () => screen.getByRole("button", { name: /^Draft restock to Back room/ }) as HTMLButtonElement;
    await submitWith(button());

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    expect(button().disabled).toBe(false);
    expect(button().getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(button());
    expect(server.received.map(sentFields)).toEqual([
      { clientRequestId: CLIENT_REQUEST_ID, supplierId: SUPPLIER_ID, locationId: LOCATION.id },
    ]);
    expect(screen.getByRole("status").textContent).toBe(
      "Drafted REQ-000012, a pending restock of 3 products to Back room.",
    );
  });
});
