import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { ProductStatusForm, type ProductChanged } from "./product-status-form";

afterEach(cleanup);

const PRODUCT = { id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", version: 7, name: "Blue widget", archived: false };
const REFUSAL = { code: "INTERNAL" as const, message: "Something went wrong on our side. Please try again." };

describe("ProductStatusForm", () => {
  it.each([
    ["archive", "Archive product", PRODUCT],
    ["restore", "Restore product", { ...PRODUCT, archived: true }],
  ] as const)("%s: a refused press tried again sends the same product and version", async (kind, label, product) => {
    const fake = refusingThenRecordingAction<ProductChanged>({
      refusal: REFUSAL,
      data: { name: product.name, archived: kind === "archive" },
    });
    render(
      <ProductStatusForm
        product={product}
        archiveAction={kind === "archive" ? fake.action : vi.fn()}
        restoreAction={kind === "restore" ? fake.action : vi.fn()}
      />,
    );
    await submitWith(screen.getByRole("button", { name: label }));
    expect(screen.getByRole("alert").textContent).toBe(REFUSAL.message);
    await submitWith(screen.getByRole("button", { name: label }));
    expect(fake.saved()).toEqual({ id: PRODUCT.id, version: "7" });
  });

  it.each([
    ["archive", "Archive product", PRODUCT, "Blue widget is archived"],
    ["restore", "Restore product", { ...PRODUCT, archived: true }, "Blue widget is active again."],
  ] as const)(
    "%s: a press the network drops says so, and pressed again sends the same version once",
    async (kind, label, product, success) => {
      const server = droppingThenRecordingAction<ProductChanged>({
        data: { name: product.name, archived: kind === "archive" },
      });
      render(
        <ProductStatusForm
          product={product}
          archiveAction={kind === "archive" ? server.action : vi.fn()}
          restoreAction={kind === "restore" ? server.action : vi.fn()}
        />,
      );
      await submitWith(screen.getByRole("button", { name: label }));

      expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
      const again = screen.getByRole("button", { name: label }) as HTMLButtonElement;
      expect(again.disabled).toBe(false);
      expect(again.getAttribute("aria-busy")).toBeNull();
      expect(server.received).toHaveLength(0);

      await submitWith(again);
      expect(server.received.map(sentFields)).toEqual([{ id: PRODUCT.id, version: "7" }]);
      expect(screen.getByRole("status").textContent).toContain(success);
    },
  );
});
