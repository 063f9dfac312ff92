import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describedBy } from "@/tests/helpers/described-by";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { PartnerForm } from "./partner-form";
import { PartnerStatusForm, type PartnerChanged } from "./partner-status-form";

afterEach(cleanup);

const PARTNER_FIELDS = ["name", "contactName", "email", "phone", "notes"];
const SUPPLIER_ID = "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8";

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

describe("PartnerForm", () => {
  it("a name refused as taken, then corrected: the supplier is added with everything typed before the refusal", async () => {
    const taken = "Another supplier is already called “Acme Fasteners” (letter case does not make another name).";
    const fake = refusingThenRecordingAction<{ id: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: [taken] },
      },
      // As createPartnerAction echoes.
      echo: echoFields(...PARTNER_FIELDS),
      data: { id: SUPPLIER_ID },
    });
    render(<PartnerForm kind="supplier" mode="create" action={fake.action} cancelHref="/suppliers" />);
    type("Name", "ACME fasteners");
    type("Contact person", "Jo Bloggs");
    type("Email", "orders@acme.test");
    type("Phone", "+44 20 7946 0000");
    type("Notes", "Deliveries before noon.\nRing twice.");
    await submitWith(screen.getByRole("button", { name: "Add supplier" }));

    // Refused: the message beside the name, what was typed still in every field after React's reset of the form.
    expect(field("Name").getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(field("Name"))).toBe(`Unique among your suppliers, whatever the letter case. ${taken}`);
    expect(field("Name").value).toBe("ACME fasteners");
    expect(field("Contact person").value).toBe("Jo Bloggs");
    expect(field("Email").value).toBe("orders@acme.test");
    expect(field("Phone").value).toBe("+44 20 7946 0000");
    expect(field("Notes").value).toBe("Deliveries before noon.\nRing twice.");
    // Only the name is wrong, and it says so beside it: no summary above the form.
    expect(screen.queryByRole("alert")).toBeNull();

    type("Name", "Acme Fasteners (North)");
    // The error goes as the name is edited.
    expect(field("Name").getAttribute("aria-invalid")).toBeNull();
    await submitWith(screen.getByRole("button", { name: "Add supplier" }));
    expect(fake.saved()).toEqual({
      kind: "supplier",
      name: "Acme Fasteners (North)",
      contactName: "Jo Bloggs",
      email: "orders@acme.test",
      phone: "+44 20 7946 0000",
      notes: "Deliveries before noon.\nRing twice.",
    });
  });

  it("an edit refused for its email, then corrected: the customer is saved at the version shown, with every change", async () => {
    const fake = refusingThenRecordingAction<{ id: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { email: ["Enter a valid email address."] },
      },
      // As updatePartnerAction echoes.
      echo: echoFields(...PARTNER_FIELDS),
      data: { id: SUPPLIER_ID },
    });
    render(
      <PartnerForm
        kind="customer"
        mode="edit"
        action={fake.action}
        cancelHref={`/customers/${SUPPLIER_ID}`}
        partner={{
          id: SUPPLIER_ID,
          version: 4,
          name: "Bistro Nord",
          contactName: "Ines",
          email: "ines@bistro.test",
          phone: "",
          notes: "Back door",
        }}
      />,
    );
    expect(screen.getByRole("form", { name: "Edit customer" })).toBeTruthy();
    type("Contact person", "");
    type("Email", "orders at bistro");
    type("Phone", "0161 496 0000");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(describedBy(field("Email"))).toBe("Enter a valid email address.");
    expect(field("Contact person").value).toBe("");
    expect(field("Phone").value).toBe("0161 496 0000");

    type("Email", "orders@bistro.test");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(fake.saved()).toEqual({
      kind: "customer",
      id: SUPPLIER_ID,
      version: "4",
      name: "Bistro Nord",
      contactName: "",
      email: "orders@bistro.test",
      phone: "0161 496 0000",
      notes: "Back door",
    });
  });

  it("a CONFLICT is said above the form, naming who changed it, and the typed values stay", async () => {
    const conflict =
      "Mira Manager (mira@acme.test) changed this supplier on 7 Dec 2026, 18:27, after you opened it. Reload the page to see it as it is now, then make your change again.";
    const fake = refusingThenRecordingAction<{ id: string }>({
      refusal: { code: "CONFLICT", message: conflict },
      echo: echoFields(...PARTNER_FIELDS),
      data: { id: SUPPLIER_ID },
    });
    render(
      <PartnerForm
        kind="supplier"
        mode="edit"
        action={fake.action}
        cancelHref="/suppliers"
        partner={{ id: SUPPLIER_ID, version: 1, name: "Acme", contactName: "", email: "", phone: "", notes: "" }}
      />,
    );
    type("Notes", "Closed in August.");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(screen.getByRole("alert").textContent).toBe(conflict);
    expect(field("Notes").value).toBe("Closed in August.");
  });
  it("a new supplier whose send the network drops keeps everything typed, and sent again is added once", async () => {
    const server = droppingThenRecordingAction<{ id: string }>({ data: { id: SUPPLIER_ID } });
    render(<PartnerForm kind="supplier" mode="create" action={server.action} cancelHref="/suppliers" />);
    type("Name", "Northern Timber");
    type("Contact person", "Sam Okafor");
    type("Email", "sam@northern-timber.test");
    type("Phone", "+44 113 496 0000");
    type("Notes", "Account 4471.\nCollect from yard 2.");
    await submitWith(screen.getByRole("button", { name: "Add supplier" }));

    // Not the error page: every field as typed through React's reset, why nothing happened, and the button again.
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect(["Name", "Contact person", "Email", "Phone", "Notes"].map((label) => field(label).value)).toEqual([
      "Northern Timber",
      "Sam Okafor",
      "sam@northern-timber.test",
      "+44 113 496 0000",
      "Account 4471.\nCollect from yard 2.",
    ]);
    expect(field("Name").getAttribute("aria-invalid")).toBeNull();
    const again = screen.getByRole("button", { name: "Add supplier" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([
      {
        kind: "supplier",
        name: "Northern Timber",
        contactName: "Sam Okafor",
        email: "sam@northern-timber.test",
        phone: "+44 113 496 0000",
        notes: "Account 4471.\nCollect from yard 2.",
      },
    ]);
  });

  it("an edit whose send the network drops is sent again at the version shown", async () => {
    const server = droppingThenRecordingAction<{ id: string }>({ data: { id: SUPPLIER_ID } });
    render(
      <PartnerForm
        kind="customer"
        mode="edit"
        action={server.action}
        cancelHref={`/customers/${SUPPLIER_ID}`}
        partner={{ id: SUPPLIER_ID, version: 9, name: "Bistro Nord", contactName: "", email: "", phone: "", notes: "" }}
      />,
    );
    type("Contact person", "Ines Vidal");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect(field("Contact person").value).toBe("Ines Vidal");

    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(server.received.map(sentFields)).toEqual([
      expect.objectContaining({ id: SUPPLIER_ID, version: "9", name: "Bistro Nord", contactName: "Ines Vidal" }),
    ]);
  });
});

describe("PartnerStatusForm", () => {
  it.each([
    ["archive", "Archive supplier", false],
    ["restore", "Restore supplier", true],
  ] as const)(
    "%s: a refused press tried again sends the same supplier and version",
    async (change, label, archived) => {
      const refusal = { code: "INTERNAL" as const, message: "Something went wrong on our side. Please try again." };
      const fake = refusingThenRecordingAction<PartnerChanged>({
        refusal,
        data: { name: "Acme", archived: change === "archive" },
      });
      render(
        <PartnerStatusForm
          kind="supplier"
          partner={{ id: SUPPLIER_ID, version: 7, name: "Acme", archived }}
          archiveAction={change === "archive" ? fake.action : vi.fn()}
          restoreAction={change === "restore" ? fake.action : vi.fn()}
        />,
      );
      await submitWith(screen.getByRole("button", { name: label }));
      expect(screen.getByRole("alert").textContent).toBe(refusal.message);
      await submitWith(screen.getByRole("button", { name: label }));
      expect(fake.saved()).toEqual({ kind: "supplier", id: SUPPLIER_ID, version: "7" });
      expect(screen.getByRole("status").textContent).toBe(
        change === "archive"
          ? "Acme is archived: it is hidden from the suppliers list unless you show archived suppliers. Its requests and history are kept."
          : "Acme is active again.",
      );
    },
  );
});
