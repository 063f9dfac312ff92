import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
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
});
