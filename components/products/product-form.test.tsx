import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import { describedBy } from "@/tests/helpers/described-by";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { ProductForm } from "./product-form";

afterEach(cleanup);

const MAIN = "5d0f8a55-52c1-4c47-9d3f-5a3cf1b1a001";
const BACKROOM = "5d0f8a55-52c1-4c47-9d3f-5a3cf1b1a002";
const PRODUCT_FIELDS = [
  "sku",
  "name",
  "description",
  "category",
  "unit",
  "barcode",
  "costPrice",
  "salePrice",
  "reorderPoint",
  "packSize",
  "reorderQuantity",
  "targetLevel",
];

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

describe("ProductForm", () => {
  it("creates the product as typed, with the corrected SKU and the location chosen before a refused add", async () => {
    const fake = refusingThenRecordingAction<{ id: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { sku: ["Another product has the SKU WID-1."] },
      },
      // As createProductAction echoes.
      echo: echoFields(...PRODUCT_FIELDS, "openingQuantity", "openingLocationId"),
      data: { id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8" },
    });
    render(
      <ProductForm
        mode="create"
        action={fake.action}
        categories={["Fasteners"]}
        cancelHref="/products"
        locations={[
          { id: MAIN, name: "Main", isDefault: true },
          { id: BACKROOM, name: "Back room", isDefault: false },
        ]}
      />,
    );
    type("Name", "Blue widget");
    type("SKU", "WID-1");
    type("Category", "Fasteners");
    type("Unit", "each");
    type("Pack size", "25");
    type("Barcode", "4006381333931");
    type("Reorder point", "5");
    type("Cost price", "1.20");
    type("Sale price", "2.50");
    type("Description", "Zinc plated.");
    type("Opening quantity", "12");
    type("Location", BACKROOM);
    await submitWith(screen.getByRole("button", { name: "Add product" }));

    type("SKU", `${field("SKU").value}-BLUE`);
    await submitWith(screen.getByRole("button", { name: "Add product" }));
    expect(fake.saved()).toEqual({
      name: "Blue widget",
      sku: "WID-1-BLUE",
      category: "Fasteners",
      unit: "each",
      packSize: "25",
      barcode: "4006381333931",
      reorderPoint: "5",
      reorderQuantity: "",
      targetLevel: "",
      costPrice: "1.20",
      salePrice: "2.50",
      description: "Zinc plated.",
      openingQuantity: "12",
      openingLocationId: BACKROOM,
    });
  });

  it("saves the edit as typed, with the corrected price, after a refused save", async () => {
    const fake = refusingThenRecordingAction<{ id: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { salePrice: ["Sale price: enter an amount like 12.50."] },
      },
      // As updateProductAction echoes.
      echo: echoFields(...PRODUCT_FIELDS),
      data: { id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8" },
    });
    const product = {
      id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
      version: 3,
      sku: "WID-1",
      name: "Blue widget",
      description: "",
      category: "Fasteners",
      unit: "each",
      barcode: "",
      costPrice: "1.20",
      salePrice: "2.50",
      reorderPoint: "0",
      packSize: "",
      reorderQuantity: "",
      targetLevel: "",
    };
    render(<ProductForm mode="edit" action={fake.action} categories={[]} cancelHref="/products" product={product} />);
    type("Name", "Blue widget, large");
    type("Unit", "box");
    type("Pack size", "12");
    type("Sale price", "12,50");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));

    type("Sale price", field("Sale price").value.replace(",", "."));
    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(fake.saved()).toEqual({
      id: product.id,
      version: "3",
      name: "Blue widget, large",
      sku: "WID-1",
      category: "Fasteners",
      unit: "box",
      packSize: "12",
      barcode: "",
      reorderPoint: "0",
      reorderQuantity: "",
      targetLevel: "",
      costPrice: "1.20",
      salePrice: "12.50",
      description: "",
    });
  });

  it("keeps the edit as typed when the network drops the save, and saves it when sent again", async () => {
    const product = {
      id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
      version: 5,
      sku: "GLV-L",
      name: "Safety gloves",
      description: "",
      category: "",
      unit: "pair",
      barcode: "",
      costPrice: "3.10",
      salePrice: "6.00",
      reorderPoint: "10",
      packSize: "",
      reorderQuantity: "",
      targetLevel: "",
    };
    // The first save never reaches the server.
    const server = droppingThenRecordingAction<{ id: string }>({ data: { id: product.id } });
    render(<ProductForm mode="edit" action={server.action} categories={[]} cancelHref="/products" product={product} />);
    type("Name", "Safety gloves, large");
    type("Pack size", "6");
    type("Sale price", "6.50");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect([field("Name").value, field("Pack size").value, field("Sale price").value]).toEqual([
      "Safety gloves, large",
      "6",
      "6.50",
    ]);
    const again = screen.getByRole("button", { name: "Save changes" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    await submitWith(again);
    expect(server.received).toHaveLength(1);
    expect(sentFields(server.received[0]!)).toMatchObject({
      id: product.id,
      version: "5",
      name: "Safety gloves, large",
      packSize: "6",
      salePrice: "6.50",
      costPrice: "3.10",
    });
  });

  it("asks for the pack size as a number, and says how the opening quantity is counted as the unit and pack are typed", () => {
    render(
      <ProductForm
        mode="create"
        action={async () => null}
        categories={[]}
        cancelHref="/products"
        locations={[{ id: MAIN, name: "Main", isDefault: true }]}
      />,
    );
    expect(field("Pack size").inputMode).toBe("numeric");
    expect(describedBy(field("Pack size"))).toBe(
      "How many units one pack holds, e.g. 25 for a box of 25. Leave empty if you count single units.",
    );
    // A new product counts in "each" until told otherwise.
    expect(describedBy(field("Opening quantity"))).toBe("Unit: each.");
    type("Unit", "pair");
    type("Pack size", "12");
    expect(describedBy(field("Opening quantity"))).toBe("Unit: pair; a pack holds 12.");
    // A pack size the form would refuse says nothing about packs until it is corrected.
    type("Pack size", "1");
    expect(describedBy(field("Opening quantity"))).toBe("Unit: pair.");
    type("Pack size", "");
    expect(describedBy(field("Opening quantity"))).toBe("Unit: pair.");
  });

  it("explains the reorder fields, and saves a corrected target level after one at the reorder point was refused", async () => {
    const fake = refusingThenRecordingAction<{ id: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { targetLevel: ["Target level: enter a number above the reorder point (20), or leave it empty."] },
      },
      // As updateProductAction echoes.
      echo: echoFields(...PRODUCT_FIELDS),
      data: { id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8" },
    });
    const product = {
      id: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
      version: 4,
      sku: "ANC-1",
      name: "Anchors",
      description: "",
      category: "",
      unit: "each",
      barcode: "",
      costPrice: "1.20",
      salePrice: "2.50",
      reorderPoint: "10",
      packSize: "",
      reorderQuantity: "24",
      targetLevel: "",
    };
    render(<ProductForm mode="edit" action={fake.action} categories={[]} cancelHref="/products" product={product} />);
    expect(screen.getByRole("group", { name: "Reordering" })).toBeTruthy();
    expect(describedBy(field("Reorder quantity"))).toBe(
      "How many a restock suggestion orders when the product is low. Leave empty to order up to twice the reorder point.",
    );
    expect(describedBy(field("Target level"))).toBe(
      "A restock suggestion for the total orders up to this level instead; it must be above the reorder point. Leave empty for none.",
    );
    expect(field("Reorder quantity").value).toBe("24");
    type("Reorder point", "20");
    type("Target level", "20");
    await submitWith(screen.getByRole("button", { name: "Save changes" }));

    // What was typed is still there, the error beside the field; the error goes once the field is edited.
    expect(field("Reorder point").value).toBe("20");
    expect(field("Target level").getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(field("Target level"))).toContain("enter a number above the reorder point (20)");
    type("Target level", "60");
    expect(field("Target level").getAttribute("aria-invalid")).toBeNull();
    await submitWith(screen.getByRole("button", { name: "Save changes" }));
    expect(fake.saved()).toMatchObject({ reorderPoint: "20", reorderQuantity: "24", targetLevel: "60", version: "4" });
  });
});
