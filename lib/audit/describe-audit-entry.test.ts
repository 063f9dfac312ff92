import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ORDER_AUDIT_ACTIONS } from "../orders/order-fields";
import { PARTNER_AUDIT_ACTIONS } from "../partners/partner-kinds";
import { COMPANY_STATUS_CHANGES } from "../platform/company-status-changes";
import {
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  auditSentenceText,
  describeAuditEntry,
  type DescribableAuditEntry,
} from "./describe-audit-entry";

const PRODUCT = "0193a5b0-7c1e-7a00-8000-0000000000a1";
const OTHER_PRODUCT = "0193a5b0-7c1e-7a00-8000-0000000000a2";
const MAIN = "0193a5b0-7c1e-7a00-8000-0000000000b1";
const COLD = "0193a5b0-7c1e-7a00-8000-0000000000b2";
const ORDER = "0193a5b0-7c1e-7a00-8000-0000000000c1";
const USER = "0193a5b0-7c1e-7a00-8000-0000000000d1";
const MEMBERSHIP = "0193a5b0-7c1e-7a00-8000-0000000000e1";
const INVITATION = "0193a5b0-7c1e-7a00-8000-0000000000f1";
const BATCH = "0193a5b0-7c1e-7a00-8000-000000000101";
const SUPPLIER = "0193a5b0-7c1e-7a00-8000-000000000111";
const CUSTOMER = "0193a5b0-7c1e-7a00-8000-000000000121";
const EXPIRES = "2026-12-10T09:00:00.000Z";

type Scenario = Partial<DescribableAuditEntry> & { action: string };

function entry(scenario: Scenario): DescribableAuditEntry {
  return {
    entityType: "unknown",
    entityId: null,
    recordedLabel: null,
    currentLabel: null,
    before: null,
    after: null,
    locationNames: {},
    ...scenario,
  };
}

/** The sentence an entry reads as, with `actor` as the actor's label. */
function sentence(actor: string, scenario: Scenario): string {
  return auditSentenceText(describeAuditEntry(entry(scenario)), actor);
}

/** What the gloves look like in the audit trail (productSnapshot, lib/products/product-record.ts). */
const gloves = {
  sku: "GL-L",
  name: "Safety Gloves",
  description: null,
  category: "PPE",
  unit: "pair",
  barcode: null,
  costPrice: "2.50",
  salePrice: "4.00",
  reorderPoint: 10,
  archived: false,
  version: 1,
};

const product = (scenario: Scenario): Scenario => ({
  entityType: "product",
  entityId: PRODUCT,
  recordedLabel: "Safety Gloves (GL-L)",
  ...scenario,
});
const request = (scenario: Scenario): Scenario => ({
  entityType: "order",
  entityId: ORDER,
  recordedLabel: "REQ-000002",
  locationNames: { [MAIN]: "Main warehouse", [COLD]: "Cold store" },
  ...scenario,
});
const membership = (scenario: Scenario): Scenario => ({ entityType: "membership", entityId: MEMBERSHIP, ...scenario });
const ownAccount = (scenario: Scenario): Scenario => ({ entityType: "user", entityId: USER, ...scenario });

describe("describeAuditEntry: stock, written through the ledger (lib/stock/apply-stock-movements.ts)", () => {
  it("stock.adjusted, mode set (lib/stock/adjust-stock.ts): the count set and what it was before", () => {
    // 40 on hand, counted 3: the ledger books −37 and records a balance of 3.
    const text = sentence(
      "Stan Manager",
      product({
        action: "stock.adjusted",
        after: {
          locationId: MAIN,
          locationName: "Main warehouse",
          mode: "set",
          quantity: 3,
          reason: "Counted after the spill",
          batchId: BATCH,
          movementCount: 1,
          movements: [{ productId: PRODUCT, locationId: MAIN, quantity: -37, balanceAfter: 3 }],
        },
      }),
    );
    expect(text).toBe(
      "Stan Manager set Safety Gloves (GL-L) at Main warehouse to 3, was 40 — note: Counted after the spill",
    );
  });

  it("stock.reorder_point_set (lib/stock/set-location-reorder-point.ts): a location's own point set or cleared", () => {
    const set = (before: number | null, after: number | null) =>
      sentence(
        "Mira Manager",
        product({
          action: "stock.reorder_point_set",
          before: { locationId: MAIN, locationName: "Main warehouse", reorderPoint: before },
          after: { locationId: MAIN, locationName: "Main warehouse", reorderPoint: after },
        }),
      );
    expect(set(null, 5)).toBe(
      "Mira Manager set the reorder point of Safety Gloves (GL-L) at Main warehouse to 5, was none",
    );
    expect(set(5, 8)).toBe("Mira Manager set the reorder point of Safety Gloves (GL-L) at Main warehouse to 8, was 5");
    expect(set(8, null)).toBe(
      "Mira Manager cleared the reorder point of Safety Gloves (GL-L) at Main warehouse, was 8",
    );
  });

  it("stock.adjusted, mode change (lib/stock/adjust-stock.ts): added or removed, from what to what", () => {
    const adjusted = (quantity: number, balanceAfter: number) =>
      product({
        action: "stock.adjusted",
        after: {
          locationId: MAIN,
          locationName: "Main warehouse",
          mode: "change",
          quantity,
          reason: "Delivery 4411",
          batchId: BATCH,
          movementCount: 1,
          movements: [{ productId: PRODUCT, locationId: MAIN, quantity, balanceAfter }],
        },
      });
    expect(sentence("Stan Manager", adjusted(1200, 1240))).toBe(
      "Stan Manager added 1,200 to Safety Gloves (GL-L) at Main warehouse, bringing it from 40 to 1,240 — note: Delivery 4411",
    );
    expect(sentence("Stan Manager", adjusted(-5, 35))).toBe(
      "Stan Manager removed 5 from Safety Gloves (GL-L) at Main warehouse, bringing it from 40 to 35 — note: Delivery 4411",
    );
  });

  it("stock.adjusted as written before locations were named: today's location name, marked", () => {
    const text = sentence(
      "Stan Manager",
      product({
        action: "stock.adjusted",
        locationNames: { [MAIN]: "Main warehouse" },
        after: { locationId: MAIN, mode: "set", quantity: 0, reason: "Written off", batchId: BATCH, movementCount: 1 },
      }),
    );
    // No movements recorded (a large operation leaves them out): no "was".
    expect(text).toBe(
      "Stan Manager set Safety Gloves (GL-L) at Main warehouse (current name) to 0 — note: Written off",
    );
  });

  it("stock.initial (lib/products/create-product.ts): the opening stock booked and where", () => {
    const text = sentence(
      "Ada Admin",
      product({
        action: "stock.initial",
        locationNames: { [MAIN]: "Main warehouse" },
        after: {
          batchId: BATCH,
          movementCount: 1,
          movements: [{ productId: PRODUCT, locationId: MAIN, quantity: 100, balanceAfter: 100 }],
        },
      }),
    );
    expect(text).toBe(
      "Ada Admin booked an opening stock of 100 for Safety Gloves (GL-L) at Main warehouse (current name)",
    );
  });

  it("stock.transferred (lib/stock/transfer-stock.ts): how many, from where, to where, and the note", () => {
    const after = {
      fromLocationId: MAIN,
      toLocationId: COLD,
      fromLocationName: "Main warehouse",
      toLocationName: "Cold store",
      quantity: 12,
      note: "For the weekend shift",
      batchId: BATCH,
      movementCount: 2,
      movements: [
        { productId: PRODUCT, locationId: COLD, quantity: 12, balanceAfter: 12 },
        { productId: PRODUCT, locationId: MAIN, quantity: -12, balanceAfter: 28 },
      ],
    };
    expect(sentence("Mira Manager", product({ action: "stock.transferred", after }))).toBe(
      "Mira Manager moved 12 of Safety Gloves (GL-L) from Main warehouse to Cold store — note: For the weekend shift",
    );
    expect(sentence("Mira Manager", product({ action: "stock.transferred", after: { ...after, note: null } }))).toBe(
      "Mira Manager moved 12 of Safety Gloves (GL-L) from Main warehouse to Cold store",
    );
  });

  it("stock.stocktake (lib/stock/record-stocktake.ts): where, how many counted and changed", () => {
    const location = { entityType: "location", entityId: COLD, recordedLabel: "Cold store" };
    expect(
      sentence("Mira Manager", {
        action: "stock.stocktake",
        ...location,
        after: {
          locationId: COLD,
          counted: 12,
          changed: 3,
          note: "Quarterly count",
          batchId: BATCH,
          movementCount: 3,
          movements: [],
        },
      }),
    ).toBe("Mira Manager recorded a stocktake at Cold store: 12 products counted, 3 changed — note: Quarterly count");
    // Everything matched: recordAudit directly, no movements.
    expect(
      sentence("Mira Manager", {
        action: "stock.stocktake",
        ...location,
        after: { locationId: COLD, counted: 1, changed: 0, note: null },
      }),
    ).toBe("Mira Manager recorded a stocktake at Cold store: 1 product counted, none changed");
  });

  it("stock.imported (lib/stock/import-stock-levels.ts): the file and what it changed", () => {
    const text = sentence("Mira Manager", {
      action: "stock.imported",
      entityType: "stock_level",
      after: { fileName: "levels.csv", rows: 1500, changed: 30, unchanged: 1470, batchId: BATCH, movementCount: 30 },
    });
    expect(text).toBe("Mira Manager imported stock levels from levels.csv (1,500 rows): 30 changed, 1,470 unchanged");
  });
});

describe("describeAuditEntry: stocktake documents (lib/stocktakes/*)", () => {
  const STOCKTAKE = "0193a5b0-7c1e-7a00-8000-000000000201";
  const document = (scenario: Scenario): Scenario => ({
    entityType: "stocktake",
    entityId: STOCKTAKE,
    recordedLabel: "ST-000003",
    ...scenario,
  });
  const at = { number: 3, locationId: COLD, locationName: "Cold store" };

  it("stocktake.started (start-stocktake.ts): where, blind or not, when to recount, how many listed", () => {
    expect(
      sentence("Mira Manager", {
        ...document({ action: "stocktake.started" }),
        after: { ...at, blind: true, recountUnits: 5, recountPercent: 10, lines: 40 },
      }),
    ).toBe(
      "Mira Manager started ST-000003 at Cold store (blind, recount a difference of more than 5 units and more than 10% of what was expected), 40 products listed",
    );
    expect(
      sentence("Mira Manager", {
        ...document({ action: "stocktake.started" }),
        after: { ...at, blind: false, recountUnits: null, recountPercent: null, lines: 1 },
      }),
    ).toBe("Mira Manager started ST-000003 at Cold store, 1 product listed");
  });

  it("stocktake.counted and stocktake.recounted (count-stocktake-line.ts): what, how many, whose count it replaced", () => {
    const counted = { ...at, productId: PRODUCT, name: "Safety Gloves", sku: "GL-L", counted: 12 };
    expect(sentence("Stan Staff", { ...document({ action: "stocktake.counted" }), after: counted })).toBe(
      "Stan Staff counted 12 of Safety Gloves (GL-L) on ST-000003",
    );
    expect(
      sentence("Stan Staff", {
        ...document({ action: "stocktake.counted" }),
        after: { ...counted, replacedCount: 10, replacedBy: USER },
      }),
    ).toBe("Stan Staff counted 12 of Safety Gloves (GL-L) on ST-000003, replacing a count of 10");
    expect(
      sentence("Stan Staff", {
        ...document({ action: "stocktake.recounted" }),
        after: { ...counted, replacedCount: 15, replacedBy: USER },
      }),
    ).toBe("Stan Staff recounted 12 of Safety Gloves (GL-L) on ST-000003, replacing the first count of 15");
  });

  it("stocktake.finished, stocktake.booked and stocktake.cancelled: the step and what it came to", () => {
    expect(
      sentence("Mira Manager", {
        ...document({ action: "stocktake.finished" }),
        after: { ...at, counted: 38, notCounted: 2, flagged: 3 },
      }),
    ).toBe("Mira Manager finished counting ST-000003 at Cold store: 38 products counted, 2 not counted, 3 to recount");
    expect(
      sentence("Mira Manager", {
        ...document({ action: "stocktake.booked" }),
        after: { ...at, counted: 38, changed: 5, floored: 0, batchId: BATCH, movementCount: 5 },
      }),
    ).toBe("Mira Manager booked ST-000003 at Cold store: 38 products counted, 5 changed");
    expect(
      sentence("Mira Manager", {
        ...document({ action: "stocktake.booked" }),
        after: { ...at, counted: 2, changed: 0 },
      }),
    ).toBe("Mira Manager booked ST-000003 at Cold store: 2 products counted, none changed");
    expect(sentence("Mira Manager", { ...document({ action: "stocktake.cancelled" }), after: at })).toBe(
      "Mira Manager cancelled ST-000003 at Cold store",
    );
    // An entry without its recorded label is named by the number it holds.
    expect(
      sentence("Mira Manager", { ...document({ action: "stocktake.cancelled", recordedLabel: null }), after: at }),
    ).toBe("Mira Manager cancelled ST-000003 at Cold store");
  });
});

describe("describeAuditEntry: products (lib/products/*)", () => {
  it("product.created (create-product.ts), with and without opening stock", () => {
    expect(
      sentence("Ada Admin", {
        action: "product.created",
        entityType: "product",
        entityId: PRODUCT,
        locationNames: { [MAIN]: "Main warehouse" },
        after: { ...gloves, opening: { locationId: MAIN, quantity: 100 } },
      }),
    ).toBe(
      "Ada Admin created product Safety Gloves (GL-L) with an opening stock of 100 at Main warehouse (current name)",
    );
    expect(
      sentence("Ada Admin", { action: "product.created", entityType: "product", entityId: PRODUCT, after: gloves }),
    ).toBe("Ada Admin created product Safety Gloves (GL-L)");
  });

  it("product.updated (update-product.ts): each changed field, old and new", () => {
    const text = sentence("Ada Admin", {
      action: "product.updated",
      entityType: "product",
      entityId: PRODUCT,
      before: gloves,
      after: { ...gloves, category: null, salePrice: "4.50", reorderPoint: 1500, description: "Nitrile", version: 2 },
    });
    expect(text).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): category removed (was PPE); sale price from 4.00 to 4.50; reorder point from 10 to 1,500; description added",
    );
  });

  it("product.updated: a rename names the product by its new name, and says what it was", () => {
    const text = sentence("Ada Admin", {
      action: "product.updated",
      entityType: "product",
      entityId: PRODUCT,
      before: { ...gloves, name: "Gloves", barcode: null },
      after: { ...gloves, barcode: "5012345678900", version: 2 },
    });
    expect(text).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): name from Gloves to Safety Gloves; barcode set to 5012345678900",
    );
  });

  it("product.updated: a pack size set, changed and removed; entries from before pack sizes say nothing of them", () => {
    const about = { action: "product.updated", entityType: "product", entityId: PRODUCT } as const;
    const boxed = { ...gloves, packSize: 12, version: 2 };
    expect(sentence("Ada Admin", { ...about, before: { ...gloves, packSize: null }, after: boxed })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): pack size set to 12",
    );
    expect(sentence("Ada Admin", { ...about, before: boxed, after: { ...boxed, packSize: 1200, version: 3 } })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): pack size from 12 to 1,200",
    );
    expect(sentence("Ada Admin", { ...about, before: boxed, after: { ...boxed, packSize: null, version: 3 } })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): pack size removed (was 12)",
    );
    expect(sentence("Ada Admin", { ...about, before: gloves, after: { ...gloves, unit: "box", version: 2 } })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): unit from pair to box",
    );
  });

  it("product.updated: a reorder quantity and a target level set, changed and removed", () => {
    const about = { action: "product.updated", entityType: "product", entityId: PRODUCT } as const;
    const levels = { ...gloves, reorderQuantity: null, targetLevel: null };
    const set = { ...levels, reorderQuantity: 24, targetLevel: 60, version: 2 };
    expect(sentence("Ada Admin", { ...about, before: levels, after: set })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): reorder quantity set to 24; target level set to 60",
    );
    expect(sentence("Ada Admin", { ...about, before: set, after: { ...set, targetLevel: 2500, version: 3 } })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): target level from 60 to 2,500",
    );
    expect(sentence("Ada Admin", { ...about, before: set, after: { ...set, reorderQuantity: null, version: 3 } })).toBe(
      "Ada Admin updated product Safety Gloves (GL-L): reorder quantity removed (was 24)",
    );
  });

  it("product.archived and product.restored (product-archiving.ts)", () => {
    const archived = { ...gloves, archived: true, version: 2 };
    const about = { entityType: "product", entityId: PRODUCT };
    expect(sentence("Ada Admin", { action: "product.archived", ...about, before: gloves, after: archived })).toBe(
      "Ada Admin archived product Safety Gloves (GL-L)",
    );
    expect(sentence("Ada Admin", { action: "product.restored", ...about, before: archived, after: gloves })).toBe(
      "Ada Admin restored product Safety Gloves (GL-L)",
    );
  });

  it("product.imported (import-products.ts): the file and what it created and updated", () => {
    const text = sentence("Ada Admin", {
      action: "product.imported",
      entityType: "product",
      after: { fileName: "products.csv", rows: 2, created: 1, updated: 1, unchanged: 0 },
    });
    expect(text).toBe("Ada Admin imported products from products.csv (2 rows): 1 created, 1 updated, 0 unchanged");
  });
});

describe("describeAuditEntry: a product's suppliers (lib/products/product-suppliers.ts)", () => {
  const ACME = "0193a5b0-7c1e-7a00-8000-000000000201";
  const BOLT = "0193a5b0-7c1e-7a00-8000-000000000202";
  const acme = { supplierId: ACME, supplierName: "Acme Supplies" };
  const terms = { supplierSku: "AC-GL-9", purchasePrice: "2.10", leadTimeDays: 5, preferred: false };

  it("product.supplier_linked: the supplier, its terms, and the preferred mark taken from another", () => {
    expect(sentence("Ada Admin", product({ action: "product.supplier_linked", after: { ...acme, ...terms } }))).toBe(
      "Ada Admin added supplier Acme Supplies to product Safety Gloves (GL-L): part number AC-GL-9, purchase price 2.10, lead time 5 days",
    );
    const preferred = {
      ...acme,
      supplierSku: null,
      purchasePrice: null,
      leadTimeDays: 1,
      preferred: true,
      previousPreferred: { supplierId: BOLT, supplierName: "Bolt & Co" },
    };
    expect(sentence("Ada Admin", product({ action: "product.supplier_linked", after: preferred }))).toBe(
      "Ada Admin added supplier Acme Supplies to product Safety Gloves (GL-L): lead time 1 day, as the preferred supplier instead of Bolt & Co",
    );
  });

  it("product.supplier_updated: each changed term, old and new, and the preferred mark given or taken", () => {
    const before = { ...acme, ...terms };
    const repriced = { ...acme, ...terms, purchasePrice: "2.40", supplierSku: null };
    expect(sentence("Mira Manager", product({ action: "product.supplier_updated", before, after: repriced }))).toBe(
      "Mira Manager changed supplier Acme Supplies of product Safety Gloves (GL-L): part number removed (was AC-GL-9); purchase price from 2.10 to 2.40",
    );
    const marked = { ...before, preferred: true, previousPreferred: { supplierId: BOLT, supplierName: "Bolt & Co" } };
    expect(sentence("Mira Manager", product({ action: "product.supplier_updated", before, after: marked }))).toBe(
      "Mira Manager changed supplier Acme Supplies of product Safety Gloves (GL-L): now the preferred supplier instead of Bolt & Co",
    );
    const unmarked = { ...before, leadTimeDays: 7, preferred: false };
    expect(
      sentence(
        "Mira Manager",
        product({ action: "product.supplier_updated", before: { ...before, preferred: true }, after: unmarked }),
      ),
    ).toBe(
      "Mira Manager changed supplier Acme Supplies of product Safety Gloves (GL-L): lead time from 5 days to 7 days; no longer the preferred supplier",
    );
  });

  it("product.supplier_unlinked: the supplier removed, and whether it was the preferred one", () => {
    expect(
      sentence(
        "Ada Admin",
        product({ action: "product.supplier_unlinked", before: { ...acme, ...terms, preferred: true }, after: null }),
      ),
    ).toBe(
      "Ada Admin removed supplier Acme Supplies from product Safety Gloves (GL-L), which was its preferred supplier",
    );
    expect(sentence("Ada Admin", product({ action: "product.supplier_unlinked", before: { ...acme, ...terms } }))).toBe(
      "Ada Admin removed supplier Acme Supplies from product Safety Gloves (GL-L)",
    );
  });
});

describe("describeAuditEntry: locations (lib/locations/*)", () => {
  const location = { entityType: "location", entityId: COLD };

  it("location.created (create-location.ts), with its code when it has one", () => {
    expect(
      sentence("Ada Admin", { action: "location.created", ...location, after: { name: "Cold store", code: "CS" } }),
    ).toBe("Ada Admin created location Cold store (code CS)");
    expect(
      sentence("Ada Admin", { action: "location.created", ...location, after: { name: "Cold store", code: null } }),
    ).toBe("Ada Admin created location Cold store");
  });

  it("location.renamed (rename-location.ts): old name to new", () => {
    const text = sentence("Ada", {
      action: "location.renamed",
      ...location,
      currentLabel: "Freezer",
      before: { name: "Back room" },
      after: { name: "Cold store" },
    });
    expect(text).toBe("Ada renamed location Back room to Cold store");
  });

  it("location.archived and location.restored (archive-location.ts, restore-location.ts)", () => {
    expect(
      sentence("Ada Admin", {
        action: "location.archived",
        ...location,
        before: { name: "Back room", archived: false },
        after: { name: "Back room", archived: true },
      }),
    ).toBe("Ada Admin archived location Back room");
    expect(
      sentence("Ada Admin", {
        action: "location.restored",
        ...location,
        before: { name: "Back room", archived: true },
        after: { name: "Back room", archived: false },
      }),
    ).toBe("Ada Admin restored location Back room");
  });

  it("location.default_set (set-default-location.ts): the new default and the one it replaced", () => {
    expect(
      sentence("Ada Admin", {
        action: "location.default_set",
        ...location,
        before: { defaultLocationId: MAIN, defaultLocationName: "Main warehouse" },
        after: { defaultLocationId: COLD, defaultLocationName: "Cold store" },
      }),
    ).toBe("Ada Admin made Cold store the default location instead of Main warehouse");
    expect(
      sentence("Ada Admin", {
        action: "location.default_set",
        ...location,
        before: { defaultLocationId: null, defaultLocationName: null },
        after: { defaultLocationId: COLD, defaultLocationName: "Cold store" },
      }),
    ).toBe("Ada Admin made Cold store the default location");
  });
});

describe("describeAuditEntry: suppliers and customers (PARTNER_AUDIT_ACTIONS, lib/partners/*)", () => {
  const supplier = { entityType: "supplier", entityId: SUPPLIER, recordedLabel: "Acme Fasteners" };
  const customer = { entityType: "customer", entityId: CUSTOMER, recordedLabel: "Bistro Nord" };
  // What the directory keeps in the audit trail (partnerSnapshot, lib/partners/partner-record.ts).
  const acme = {
    name: "Acme Fasteners",
    contactName: "Jo Bloggs",
    email: "orders@acme.test",
    phone: "+44 20 7946 0000",
    notes: null,
    archived: false,
    version: 1,
  };

  it("supplier.created and customer.created (create-partner.ts): the new partner, with its contact", () => {
    expect(sentence("Mira Manager", { action: "supplier.created", ...supplier, after: acme })).toBe(
      "Mira Manager added supplier Acme Fasteners (contact Jo Bloggs)",
    );
    expect(
      sentence("Mira Manager", {
        action: "customer.created",
        ...customer,
        after: { ...acme, name: "Bistro Nord", contactName: null },
      }),
    ).toBe("Mira Manager added customer Bistro Nord");
  });

  it("supplier.updated (update-partner.ts): each field that changed, notes only said to have changed", () => {
    const text = sentence("Mira Manager", {
      action: "supplier.updated",
      ...supplier,
      recordedLabel: "Acme Fasteners Ltd",
      before: acme,
      after: {
        ...acme,
        name: "Acme Fasteners Ltd",
        contactName: null,
        email: "sales@acme.test",
        notes: "Closed in August.\nCall before noon.",
        version: 2,
      },
    });
    expect(text).toBe(
      "Mira Manager updated supplier Acme Fasteners Ltd: name from Acme Fasteners to Acme Fasteners Ltd; " +
        "contact removed (was Jo Bloggs); email from orders@acme.test to sales@acme.test; notes added",
    );
  });

  it("customer.updated with a phone set and notes removed", () => {
    const text = sentence("Ada Admin", {
      action: "customer.updated",
      ...customer,
      before: { ...acme, name: "Bistro Nord", phone: null, notes: "Back door" },
      after: { ...acme, name: "Bistro Nord", phone: "0161 496 0000", notes: null, version: 4 },
    });
    expect(text).toBe("Ada Admin updated customer Bistro Nord: phone set to 0161 496 0000; notes removed");
  });

  it("supplier.archived and customer.restored (partner-archiving.ts)", () => {
    expect(
      sentence("Mira Manager", {
        action: "supplier.archived",
        ...supplier,
        before: acme,
        after: { ...acme, archived: true, version: 2 },
      }),
    ).toBe("Mira Manager archived supplier Acme Fasteners");
    expect(
      sentence("Mira Manager", {
        action: "customer.restored",
        ...customer,
        before: { ...acme, name: "Bistro Nord", archived: true },
        after: { ...acme, name: "Bistro Nord", archived: false, version: 3 },
      }),
    ).toBe("Mira Manager restored customer Bistro Nord");
  });

  it("an entry written before the label was recorded: the name in its data", () => {
    expect(
      sentence("Mira Manager", {
        action: "supplier.archived",
        ...supplier,
        recordedLabel: null,
        currentLabel: "Acme (renamed since)",
        after: { ...acme, archived: true },
      }),
    ).toBe("Mira Manager archived supplier Acme Fasteners");
  });

  it("supplier.imported and customer.imported (import-partners.ts): the file and what it did", () => {
    const after = { fileName: "customers.csv", rows: 3, created: 2, updated: 1, unchanged: 0 };
    expect(sentence("Ada Admin", { action: "customer.imported", entityType: "customer", after })).toBe(
      "Ada Admin imported customers from customers.csv (3 rows): 2 created, 1 updated, 0 unchanged",
    );
    expect(
      sentence("Ada Admin", { action: "supplier.imported", entityType: "supplier", after: { ...after, rows: 1 } }),
    ).toBe("Ada Admin imported suppliers from customers.csv (1 row): 2 created, 1 updated, 0 unchanged");
  });
});

describe("describeAuditEntry: requests (ORDER_AUDIT_ACTIONS, lib/orders/*)", () => {
  it("order.created (create-order-request.ts): type, location, lines, reference and note", () => {
    const restock = sentence(
      "Stan Staff",
      request({
        action: "order.created",
        recordedLabel: null,
        after: {
          status: "PENDING",
          version: 1,
          number: "REQ-000002",
          type: "RESTOCK",
          locationId: MAIN,
          lines: [
            { productId: PRODUCT, quantity: 30 },
            { productId: OTHER_PRODUCT, quantity: 1000 },
          ],
          reference: "PO-17",
          note: "Before the audit",
        },
      }),
    );
    expect(restock).toBe(
      "Stan Staff submitted restock request REQ-000002 at Main warehouse (current name): 2 products, reference PO-17 — note: Before the audit",
    );
    const customer = sentence(
      "Stan Staff",
      request({
        action: "order.created",
        recordedLabel: null,
        after: {
          status: "PENDING",
          version: 1,
          number: "REQ-000003",
          type: "CUSTOMER_ORDER",
          locationId: COLD,
          locationName: "Cold store",
          lines: [{ productId: PRODUCT, quantity: 5 }],
          reference: null,
          note: null,
        },
      }),
    );
    expect(customer).toBe("Stan Staff submitted customer order REQ-000003 at Cold store: 1 product");
  });

  it("order.created and order.edited: the supplier or customer picked from the directory, by its name then", () => {
    const after = {
      status: "PENDING",
      version: 1,
      number: "REQ-000004",
      type: "RESTOCK",
      locationId: MAIN,
      locationName: "Main warehouse",
      lines: [{ productId: PRODUCT, quantity: 30 }],
      supplierId: "0193a5b0-7c1e-7a00-8000-000000000201",
      supplierName: "Acme Supplies",
      reference: "PO-17",
      note: null,
    };
    expect(sentence("Stan Staff", request({ action: "order.created", recordedLabel: null, after }))).toBe(
      "Stan Staff submitted restock request REQ-000004 at Main warehouse from supplier Acme Supplies: 1 product, reference PO-17",
    );
    const forBob = {
      ...after,
      type: "CUSTOMER_ORDER",
      supplierId: null,
      supplierName: undefined,
      customerName: "Bob's Bikes",
    };
    expect(sentence("Stan Staff", request({ action: "order.created", recordedLabel: null, after: forBob }))).toBe(
      "Stan Staff submitted customer order REQ-000004 at Main warehouse for customer Bob's Bikes: 1 product, reference PO-17",
    );
    const edited = { ...after, version: 2, supplierName: "Bolt & Co" };
    expect(sentence("Stan Staff", request({ action: "order.edited", before: after, after: edited }))).toBe(
      "Stan Staff edited REQ-000002: supplier from Acme Supplies to Bolt & Co",
    );
    const dropped = { ...after, version: 2, supplierId: null, supplierName: undefined };
    expect(sentence("Stan Staff", request({ action: "order.edited", before: after, after: dropped }))).toBe(
      "Stan Staff edited REQ-000002: supplier removed (was Acme Supplies)",
    );
  });

  it("order.edited (update-order-request.ts): what the edit changed", () => {
    const before = {
      status: "PENDING",
      version: 1,
      type: "RESTOCK",
      locationId: MAIN,
      reference: "PO-17",
      note: "Before the audit",
      lines: [{ productId: PRODUCT, quantity: 30 }],
    };
    const after = {
      status: "PENDING",
      version: 2,
      type: "RESTOCK",
      locationId: COLD,
      lines: [
        { productId: PRODUCT, quantity: 30 },
        { productId: OTHER_PRODUCT, quantity: 5 },
      ],
      reference: "PO-18",
      note: "Before the audit",
    };
    expect(sentence("Stan Staff", request({ action: "order.edited", before, after }))).toBe(
      "Stan Staff edited REQ-000002: location from Main warehouse (current name) to Cold store (current name); lines now 2 products (was 1 product); reference from PO-17 to PO-18",
    );
    expect(
      sentence(
        "Stan Staff",
        request({ action: "order.edited", before, after: { ...before, version: 2, note: "Urgent now" } }),
      ),
    ).toBe("Stan Staff edited REQ-000002 — note: Urgent now");
    expect(
      sentence(
        "Stan Staff",
        request({
          action: "order.edited",
          before,
          after: { ...before, version: 2, type: "CUSTOMER_ORDER", note: null },
        }),
      ),
    ).toBe("Stan Staff edited REQ-000002: type from restock request to customer order; note removed");
  });

  it("order.approved (commit-order-transition.ts): the note, and what a customer order reserved", () => {
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.approved",
          before: { status: "PENDING", version: 2 },
          after: { status: "APPROVED", version: 3, note: "looks fine" },
        }),
      ),
    ).toBe("Mira Manager approved REQ-000002 — note: looks fine");
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.approved",
          recordedLabel: "REQ-000003",
          before: { status: "PENDING", version: 1 },
          after: {
            status: "APPROVED",
            version: 2,
            note: null,
            reserved: [
              { productId: PRODUCT, quantity: 5 },
              { productId: OTHER_PRODUCT, quantity: 7 },
            ],
          },
        }),
      ),
    ).toBe("Mira Manager approved REQ-000003, reserving stock for 2 products");
  });

  it("order.rejected (reject-order-request.ts): with the reason", () => {
    const text = sentence(
      "Mira Manager",
      request({
        action: "order.rejected",
        before: { status: "PENDING", version: 2 },
        after: { status: "REJECTED", version: 3, note: "Over budget this month" },
      }),
    );
    expect(text).toBe("Mira Manager rejected REQ-000002 — note: Over budget this month");
  });

  it("order.fulfilled (fulfil-order-request.ts, audited by the ledger): shipped or received, and where", () => {
    const shipped = sentence(
      "Mira Manager",
      request({
        action: "order.fulfilled",
        recordedLabel: "REQ-000003",
        before: { status: "APPROVED", version: 2 },
        after: {
          status: "FULFILLED",
          version: 3,
          note: null,
          batchId: BATCH,
          movementCount: 2,
          movements: [
            { productId: PRODUCT, locationId: MAIN, quantity: -5, balanceAfter: 35 },
            { productId: OTHER_PRODUCT, locationId: MAIN, quantity: -7, balanceAfter: 0 },
          ],
        },
      }),
    );
    expect(shipped).toBe("Mira Manager fulfilled REQ-000003, shipping 2 products from Main warehouse (current name)");
    const received = sentence(
      "Mira Manager",
      request({
        action: "order.fulfilled",
        before: { status: "APPROVED", version: 3 },
        after: {
          status: "FULFILLED",
          version: 4,
          note: "Pallet 4",
          batchId: BATCH,
          movementCount: 1,
          movements: [{ productId: PRODUCT, locationId: COLD, quantity: 30, balanceAfter: 42 }],
        },
      }),
    );
    expect(received).toBe(
      "Mira Manager fulfilled REQ-000002, receiving 1 product at Cold store (current name) — note: Pallet 4",
    );
  });

  it("order.cancelled (cancel-order-request.ts): what an approved customer order released", () => {
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.cancelled",
          recordedLabel: "REQ-000003",
          before: { status: "APPROVED", version: 2 },
          after: {
            status: "CANCELLED",
            version: 3,
            note: "Customer withdrew",
            released: [
              { productId: PRODUCT, quantity: 5 },
              { productId: OTHER_PRODUCT, quantity: 7 },
            ],
          },
        }),
      ),
    ).toBe(
      "Mira Manager cancelled REQ-000003, releasing the stock reserved for its 2 products — note: Customer withdrew",
    );
    expect(
      sentence(
        "Stan Staff",
        request({
          action: "order.cancelled",
          before: { status: "PENDING", version: 1 },
          after: { status: "CANCELLED", version: 2, note: null },
        }),
      ),
    ).toBe("Stan Staff cancelled REQ-000002");
  });

  it("order.approved with lowered quantities (approve-order-request.ts): how many lines were lowered", () => {
    // A restock: 10 gloves requested, 6 approved; the other line as requested, so not in `changed`.
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.approved",
          before: { status: "PENDING", version: 2 },
          after: {
            status: "APPROVED",
            version: 3,
            note: "Only budget for 6 this month",
            changed: [{ productId: PRODUCT, from: 10, to: 6 }],
          },
        }),
      ),
    ).toBe("Mira Manager approved REQ-000002 with 1 quantity lowered — note: Only budget for 6 this month");
    // A customer order: both lines lowered, one of them to 0; only what was approved above 0 is reserved.
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.approved",
          recordedLabel: "REQ-000003",
          before: { status: "PENDING", version: 1 },
          after: {
            status: "APPROVED",
            version: 2,
            note: "Short on both",
            changed: [
              { productId: PRODUCT, from: 5, to: 2 },
              { productId: OTHER_PRODUCT, from: 7, to: 0 },
            ],
            reserved: [{ productId: PRODUCT, quantity: 2 }],
          },
        }),
      ),
    ).toBe(
      "Mira Manager approved REQ-000003 with 2 quantities lowered, reserving stock for 1 product — note: Short on both",
    );
    // Changes that are not a lowering by whole numbers say nothing rather than something wrong.
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.approved",
          after: {
            status: "APPROVED",
            note: null,
            changed: [{ productId: PRODUCT, from: "10", to: 6 }, { productId: PRODUCT, from: 3, to: 3 }, null, 4],
          },
        }),
      ),
    ).toBe("Mira Manager approved REQ-000002");
  });

  it("order.fulfilled leaving a backorder (status PARTIALLY_FULFILLED): part of it, and what is still to come", () => {
    // A customer order approved for 10 gloves: 6 ship now, 4 are still to come.
    const partly = sentence(
      "Mira Manager",
      request({
        action: "order.fulfilled",
        recordedLabel: "REQ-000003",
        before: { status: "APPROVED", version: 2 },
        after: {
          status: "PARTIALLY_FULFILLED",
          version: 3,
          note: "Rest next week",
          backorder: [{ productId: PRODUCT, quantity: 4 }],
          batchId: BATCH,
          movementCount: 1,
          movements: [{ productId: PRODUCT, locationId: MAIN, quantity: -6, balanceAfter: 0 }],
        },
      }),
    );
    expect(partly).toBe(
      "Mira Manager fulfilled part of REQ-000003, shipping 1 product from Main warehouse (current name); 4 still to come — note: Rest next week",
    );
    // A restock with two lines still short: pairs and boxes are not added up, the products are counted.
    const received = sentence(
      "Mira Manager",
      request({
        action: "order.fulfilled",
        before: { status: "APPROVED", version: 2 },
        after: {
          status: "PARTIALLY_FULFILLED",
          version: 3,
          note: null,
          backorder: [
            { productId: PRODUCT, quantity: 20 },
            { productId: OTHER_PRODUCT, quantity: 3 },
          ],
          batchId: BATCH,
          movementCount: 2,
          movements: [
            { productId: PRODUCT, locationId: COLD, quantity: 10, balanceAfter: 10 },
            { productId: OTHER_PRODUCT, locationId: COLD, quantity: 2, balanceAfter: 2 },
          ],
        },
      }),
    );
    expect(received).toBe(
      "Mira Manager fulfilled part of REQ-000002, receiving 2 products at Cold store (current name); the rest of 2 products still to come",
    );
  });

  it("order.fulfilled ending a backorder (PARTIALLY_FULFILLED to FULFILLED): the rest of the request", () => {
    const text = sentence(
      "Mira Manager",
      request({
        action: "order.fulfilled",
        recordedLabel: "REQ-000003",
        before: { status: "PARTIALLY_FULFILLED", version: 3 },
        after: {
          status: "FULFILLED",
          version: 4,
          note: null,
          batchId: BATCH,
          movementCount: 1,
          movements: [{ productId: PRODUCT, locationId: MAIN, quantity: -4, balanceAfter: 8 }],
        },
      }),
    );
    expect(text).toBe(
      "Mira Manager fulfilled the rest of REQ-000003, shipping 1 product from Main warehouse (current name)",
    );
  });

  it("order.fulfilled: a backorder without readable quantities, or a large one without movements, still reads", () => {
    const fulfilled = (after: Record<string, unknown>) =>
      sentence("Mira Manager", request({ action: "order.fulfilled", before: { status: "APPROVED" }, after }));
    // More movements than the audit row repeats: the ledger has them, the sentence does without.
    expect(
      fulfilled({
        status: "PARTIALLY_FULFILLED",
        backorder: [{ productId: PRODUCT, quantity: 4 }],
        movementCount: 120,
      }),
    ).toBe("Mira Manager fulfilled part of REQ-000002; 4 still to come");
    expect(
      fulfilled({ status: "PARTIALLY_FULFILLED", backorder: [{ productId: PRODUCT, quantity: "4" }, null, 0] }),
    ).toBe("Mira Manager fulfilled part of REQ-000002");
    // A backorder on a whole fulfilment is not one: nothing is still to come.
    expect(fulfilled({ status: "FULFILLED", backorder: [{ productId: PRODUCT, quantity: 4 }] })).toBe(
      "Mira Manager fulfilled REQ-000002",
    );
  });

  it("order.closed (close-order-request.ts): what is not coming, the reservation released, and the reason", () => {
    // A restock approved for 10, 4 received: the supplier will not send the other 6.
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.closed",
          recordedLabel: "REQ-000004",
          before: { status: "PARTIALLY_FULFILLED", version: 3 },
          after: {
            status: "CLOSED",
            version: 4,
            note: "supplier discontinued it",
            notComing: [{ productId: PRODUCT, quantity: 6 }],
          },
        }),
      ),
    ).toBe("Mira Manager closed REQ-000004 — 6 not coming — reason: supplier discontinued it");
    // A customer order with two lines short: their reservation is released.
    const short = [
      { productId: PRODUCT, quantity: 4 },
      { productId: OTHER_PRODUCT, quantity: 1 },
    ];
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.closed",
          recordedLabel: "REQ-000005",
          before: { status: "PARTIALLY_FULFILLED", version: 3 },
          after: {
            status: "CLOSED",
            version: 4,
            note: "Customer no longer wants them",
            notComing: short,
            released: short,
          },
        }),
      ),
    ).toBe(
      "Mira Manager closed REQ-000005, releasing the stock still reserved for it — the rest of 2 products not coming — reason: Customer no longer wants them",
    );
    // Unreadable quantities and no reason: who closed which request is still said.
    expect(
      sentence(
        "Mira Manager",
        request({
          action: "order.closed",
          after: { status: "CLOSED", note: "  ", notComing: [{ productId: PRODUCT, quantity: "6" }, null] },
        }),
      ),
    ).toBe("Mira Manager closed REQ-000002");
  });

  it("the demo data's requests (prisma/seed.ts) record only a status: named today, marked", () => {
    const text = sentence("Mira Manager", {
      action: "order.approved",
      entityType: "order",
      entityId: ORDER,
      currentLabel: "REQ-000002",
      before: { status: "PENDING" },
      after: { status: "APPROVED" },
    });
    expect(text).toBe("Mira Manager approved REQ-000002 (current name)");
  });
});

describe("describeAuditEntry: the company (lib/companies/*, lib/accounts/register-company.ts, lib/platform/*)", () => {
  const company = { entityType: "company", entityId: "0193a5b0-7c1e-7a00-8000-000000000201" };

  it("company.settings_changed (update-company-settings.ts): each setting changed", () => {
    expect(
      sentence("Ada Admin", {
        action: "company.settings_changed",
        ...company,
        before: { name: "Acme", timeZone: "UTC", requireSecondApprover: false, staffSeeMoney: true },
        after: { name: "Acme Ltd", timeZone: "Europe/London", requireSecondApprover: true, staffSeeMoney: false },
      }),
    ).toBe(
      "Ada Admin changed the company settings: name from Acme to Acme Ltd; time zone from UTC to Europe/London; requests now need a second person's approval; staff no longer see cost prices and stock values",
    );
    expect(
      sentence("Ada Admin", {
        action: "company.settings_changed",
        ...company,
        before: { currency: "USD", lowStockAlerts: true },
        after: { currency: "EUR", lowStockAlerts: false },
      }),
    ).toBe("Ada Admin changed the company settings: currency from USD to EUR; low-stock emails turned off");
  });

  it("company.registered (register-company.ts): the company as registered", () => {
    const text = sentence("Ada Admin", {
      action: "company.registered",
      ...company,
      after: {
        id: company.entityId,
        name: "Acme Ltd",
        slug: "acme-ltd",
        status: "PENDING",
        timeZone: "Europe/London",
        currency: "GBP",
      },
    });
    expect(text).toBe("Ada Admin registered the company Acme Ltd (time zone Europe/London, currency GBP)");
  });

  it("company.approved, .suspended, .reactivated (change-company-status.ts): by a platform administrator", () => {
    expect(
      sentence("Pat Platform", {
        action: "company.approved",
        ...company,
        currentLabel: "Acme Ltd",
        before: { status: "PENDING" },
        after: { status: "ACTIVE" },
      }),
    ).toBe("Pat Platform approved the company Acme Ltd (current name)");
    expect(
      sentence("Pat Platform", {
        action: "company.suspended",
        ...company,
        before: { status: "ACTIVE" },
        after: { status: "SUSPENDED" },
      }),
    ).toBe("Pat Platform suspended the company");
    expect(
      sentence("Pat Platform", {
        action: "company.reactivated",
        ...company,
        recordedLabel: "Acme Ltd",
        before: { status: "SUSPENDED" },
        after: { status: "ACTIVE" },
      }),
    ).toBe("Pat Platform reactivated the company Acme Ltd");
  });

  it("company.seeded (prisma/seed.ts): the demo data loaded", () => {
    expect(
      sentence("Ada Admin", { action: "company.seeded", ...company, after: { products: 40, movements: 1234 } }),
    ).toBe("Ada Admin loaded the demo data: 40 products, 1,234 stock movements");
  });
});

describe("describeAuditEntry: members and invitations (lib/users/*, lib/accounts/*)", () => {
  it("membership.role_changed (change-member-role.ts): from which role to which", () => {
    expect(
      sentence(
        "Ada Admin",
        membership({
          action: "membership.role_changed",
          before: { userId: USER, email: "bob@x.example", role: "STAFF" },
          after: { userId: USER, email: "bob@x.example", role: "MANAGER", sentInvitationsRetired: 0 },
        }),
      ),
    ).toBe("Ada Admin changed the role of bob@x.example from Staff to Manager");
    expect(
      sentence(
        "Ada Admin",
        membership({
          action: "membership.role_changed",
          before: { userId: USER, email: "bob@x.example", role: "ADMIN" },
          after: { userId: USER, email: "bob@x.example", role: "STAFF", sentInvitationsRetired: 2 },
        }),
      ),
    ).toBe(
      "Ada Admin changed the role of bob@x.example from Admin to Staff; 2 invitations they had sent were withdrawn",
    );
  });

  it("membership.deactivated (deactivate-member.ts): who, as what, and what it withdrew", () => {
    const text = sentence(
      "Ada Admin",
      membership({
        action: "membership.deactivated",
        before: { userId: USER, email: "bob@x.example", role: "STAFF", active: true },
        after: {
          userId: USER,
          email: "bob@x.example",
          role: "STAFF",
          active: false,
          invitationsRetired: 1,
          sentInvitationsRetired: 0,
        },
      }),
    );
    expect(text).toBe("Ada Admin deactivated bob@x.example (Staff); 1 pending invitation to them was withdrawn");
  });

  it("membership.reactivated (reactivate-member.ts): back with the role they had", () => {
    const text = sentence(
      "Ada Admin",
      membership({
        action: "membership.reactivated",
        before: { userId: USER, email: "bob@x.example", role: "MANAGER", active: false },
        after: { userId: USER, email: "bob@x.example", role: "MANAGER", active: true, invitationsRetired: 0 },
      }),
    );
    expect(text).toBe("Ada Admin reactivated bob@x.example as Manager");
  });

  it("user.invited (invite-member.ts): whom, as what, and whether it replaced a pending invitation", () => {
    const invited = (replacedInvitationIds: string[]) => ({
      action: "user.invited",
      entityType: "invitation",
      entityId: INVITATION,
      after: { email: "bob@x.example", role: "STAFF", expiresAt: EXPIRES, replacedInvitationIds },
    });
    expect(sentence("Ada", invited([]))).toBe("Ada invited bob@x.example as Staff");
    expect(sentence("Ada", invited([INVITATION]))).toBe(
      "Ada invited bob@x.example as Staff, replacing the invitation still pending",
    );
  });

  it("invitation.revoked and invitation.resent (revoke-invitation.ts, resend-invitation.ts)", () => {
    const about = { entityType: "invitation", entityId: INVITATION };
    expect(
      sentence("Ada Admin", {
        action: "invitation.revoked",
        ...about,
        before: { email: "bob@x.example", role: "MANAGER", expiresAt: EXPIRES, status: "pending" },
        after: { status: "revoked" },
      }),
    ).toBe("Ada Admin revoked the invitation to bob@x.example as Manager");
    expect(
      sentence("Ada Admin", {
        action: "invitation.resent",
        ...about,
        before: { invitationId: INVITATION },
        after: { email: "bob@x.example", role: "STAFF", expiresAt: EXPIRES },
      }),
    ).toBe("Ada Admin resent the invitation to bob@x.example as Staff");
  });

  it("invitation.accepted (accept-invitation.ts): a new account, a new member, a returning one, one already in", () => {
    const about = { action: "invitation.accepted", entityType: "invitation", entityId: INVITATION };
    const joined = { userId: USER, email: "bob@x.example", membershipId: MEMBERSHIP, active: true };
    expect(
      sentence("Bob Builder", {
        ...about,
        after: {
          userId: USER,
          name: "Bob Builder",
          email: "bob@x.example",
          role: "STAFF",
          membershipId: MEMBERSHIP,
          accountCreated: true,
        },
      }),
    ).toBe("Bob Builder created their account and joined as Staff");
    expect(
      sentence("Bob Builder", { ...about, before: null, after: { ...joined, role: "MANAGER", accountCreated: false } }),
    ).toBe("Bob Builder accepted an invitation and joined as Manager");
    expect(
      sentence("Bob Builder", {
        ...about,
        before: { membershipId: MEMBERSHIP, role: "STAFF", active: false },
        after: { ...joined, role: "MANAGER", accountCreated: false },
      }),
    ).toBe("Bob Builder accepted an invitation and rejoined as Manager");
    expect(
      sentence("Bob Builder", {
        ...about,
        before: { membershipId: MEMBERSHIP, role: "ADMIN", active: true },
        after: { ...joined, role: "ADMIN", accountCreated: false },
      }),
    ).toBe("Bob Builder accepted an invitation but was already a member (Admin)");
  });

  it("user.created (account-records.ts): the account an admin made, with a temporary password", () => {
    const text = sentence("Ada Admin", {
      action: "user.created",
      entityType: "user",
      entityId: USER,
      after: {
        email: "bob@x.example",
        name: "Bob Builder",
        role: "STAFF",
        membershipId: MEMBERSHIP,
        credential: "temporary, to be changed at first sign-in",
      },
    });
    expect(text).toBe(
      "Ada Admin created an account for Bob Builder (bob@x.example) as Staff with a temporary password",
    );
  });

  it("user.password_reset_by_admin (account-records.ts)", () => {
    const text = sentence("Ada Admin", {
      action: "user.password_reset_by_admin",
      entityType: "user",
      entityId: USER,
      before: { email: "bob@x.example" },
      after: { email: "bob@x.example", sessionVersion: 3, signInRequires: "a new password" },
    });
    expect(text).toBe(
      "Ada Admin set a temporary password for bob@x.example, who must choose a new one at their next sign-in",
    );
  });

  it("notifications.changed (lib/notifications/update-notification-preferences.ts): the emails turned off and on", () => {
    expect(
      sentence(
        "Mira Manager",
        membership({
          action: "notifications.changed",
          before: { "order.created": true, "stock.low": true },
          after: { "order.created": false, "stock.low": false },
        }),
      ),
    ).toBe("Mira Manager turned off the “A request needs a decision” and “A product reached its reorder point” emails");
    expect(
      sentence(
        "Mira Manager",
        membership({
          action: "notifications.changed",
          before: { "order.status": false, "stock.low": true },
          after: { "order.status": true, "stock.low": false },
        }),
      ),
    ).toBe(
      "Mira Manager turned off the “A product reached its reorder point” email and turned on the “Your request was decided or completed” email",
    );
  });
});

describe("describeAuditEntry: a person's own account (recordUserAudit, lib/auth/user-audit.ts)", () => {
  it("user.password_changed (lib/accounts/change-password.ts) and user.password_reset (reset-password.ts)", () => {
    expect(sentence("Bob Builder", ownAccount({ action: "user.password_changed" }))).toBe(
      "Bob Builder changed their password",
    );
    expect(sentence("Bob Builder", ownAccount({ action: "user.password_reset" }))).toBe(
      "Bob Builder reset their password with an emailed link",
    );
  });

  it("user.signed_out_everywhere (lib/auth/sessions.ts): how many sessions ended", () => {
    expect(
      sentence("Bob Builder", ownAccount({ action: "user.signed_out_everywhere", after: { sessionsEnded: 3 } })),
    ).toBe("Bob Builder signed out everywhere, ending 3 sessions");
    expect(
      sentence("Bob Builder", ownAccount({ action: "user.signed_out_everywhere", after: { sessionsEnded: 1 } })),
    ).toBe("Bob Builder signed out everywhere, ending 1 session");
  });

  it("user.name_changed (lib/accounts/update-profile.ts)", () => {
    const text = sentence(
      "Bob Builder",
      ownAccount({ action: "user.name_changed", before: { name: "Bob" }, after: { name: "Bob Builder" } }),
    );
    expect(text).toBe("Bob Builder changed their name from Bob to Bob Builder");
  });

  it("user.email_change_requested (update-profile.ts) and user.email_changed (email-confirmation.ts)", () => {
    expect(
      sentence(
        "Bob Builder",
        ownAccount({
          action: "user.email_change_requested",
          before: { email: "bob@x.example" },
          after: { pendingEmail: "bob@y.example", expiresAt: EXPIRES },
        }),
      ),
    ).toBe(
      "Bob Builder asked to change their email address from bob@x.example to bob@y.example, waiting for the new address to confirm it",
    );
    expect(
      sentence(
        "Bob Builder",
        ownAccount({
          action: "user.email_changed",
          before: { email: "bob@x.example" },
          after: { email: "bob@y.example" },
        }),
      ),
    ).toBe("Bob Builder changed their email address from bob@x.example to bob@y.example");
  });

  it("user.email_change_cancelled, user.email_verification_sent, user.email_verified (email-confirmation.ts)", () => {
    expect(
      sentence(
        "Bob Builder",
        ownAccount({ action: "user.email_change_cancelled", before: { pendingEmail: "bob@y.example" } }),
      ),
    ).toBe("Bob Builder cancelled the change of their email address to bob@y.example");
    expect(
      sentence(
        "Bob Builder",
        ownAccount({ action: "user.email_verification_sent", after: { email: "bob@x.example" } }),
      ),
    ).toBe("Bob Builder asked for a new link to confirm their email address bob@x.example");
    expect(
      sentence(
        "Bob Builder",
        ownAccount({ action: "user.email_verified", after: { email: "bob@x.example", by: "link" } }),
      ),
    ).toBe("Bob Builder confirmed their email address bob@x.example with the emailed link");
    expect(
      sentence(
        "Bob Builder",
        ownAccount({ action: "user.email_verified", after: { email: "bob@x.example", by: "invitation" } }),
      ),
    ).toBe("Bob Builder confirmed their email address bob@x.example by accepting an invitation");
  });

  it("auth.login (lib/auth/sign-in.ts), auth.login_failed and auth.locked_out (lib/auth/password-attempts.ts)", () => {
    expect(sentence("Bob Builder", ownAccount({ action: "auth.login" }))).toBe("Bob Builder signed in");
    expect(sentence("Bob Builder", ownAccount({ action: "auth.login_failed" }))).toBe(
      "A sign-in as Bob Builder failed",
    );
    expect(sentence("Bob Builder", ownAccount({ action: "auth.locked_out" }))).toBe(
      "Sign-in as Bob Builder was locked after too many failed attempts",
    );
  });
});

describe("describeAuditEntry: refusals, emails, devices", () => {
  it("auth.forbidden (lib/audit/record-forbidden.ts): where, as what, and what the person was told", () => {
    const refused = { action: "auth.forbidden", entityType: "authorization" };
    expect(
      sentence("Stan Staff", {
        ...refused,
        after: { path: "/settings", message: "Only admins change company settings.", role: "STAFF" },
      }),
    ).toBe("Stan Staff was refused as Staff on /settings: “Only admins change company settings.”");
    expect(sentence("Stan Staff", { ...refused, after: { message: "You may not do this.", role: "MANAGER" } })).toBe(
      "Stan Staff was refused as Manager: “You may not do this.”",
    );
    // The page's path names which request by its id: the sentence keeps where, without the id.
    const onRequest = sentence("Stan Staff", {
      ...refused,
      after: { path: `/requests/${ORDER}`, message: "Only managers and admins approve requests.", role: "STAFF" },
    });
    expect(onRequest).toBe(
      "Stan Staff was refused as Staff on /requests/…: “Only managers and admins approve requests.”",
    );
  });

  it("email.skipped and email.sanitized (lib/email/enqueue-email.ts, outbox-row.ts): which email, to whom, why", () => {
    expect(
      sentence("Mira Manager", {
        action: "email.skipped",
        entityType: "email",
        after: { template: "order-status", to: "stan@x.example", fields: ["note"] },
      }),
    ).toBe(
      "Mira Manager caused the “order status” email to stan@x.example, which was skipped: its note could not be used",
    );
    expect(
      sentence("Ada Admin", {
        action: "email.sanitized",
        entityType: "email",
        after: { template: "invitation", to: "bob@x.example", fields: ["inviterName", "companyName"] },
      }),
    ).toBe(
      "Ada Admin caused the “invitation” email to bob@x.example, which was sent with its inviter name and company name made safe",
    );
  });

  it("push.subscribed and push.unsubscribed (lib/push/*): the device, as its browser says", () => {
    const device = { entityType: "push_subscription", entityId: "0193a5b0-7c1e-7a00-8000-000000000301" };
    expect(
      sentence("Stan Staff", {
        action: "push.subscribed",
        ...device,
        after: { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" },
      }),
    ).toBe("Stan Staff turned on push notifications on a device (Firefox on Linux)");
    expect(sentence("Stan Staff", { action: "push.subscribed", ...device, after: { userAgent: null } })).toBe(
      "Stan Staff turned on push notifications on a device",
    );
    expect(sentence("Stan Staff", { action: "push.unsubscribed", ...device })).toBe(
      "Stan Staff turned off push notifications on a device",
    );
  });
});

describe("describeAuditEntry: names", () => {
  const archived = (scenario: Partial<DescribableAuditEntry>) =>
    sentence("Ada Admin", { action: "product.archived", entityType: "product", entityId: PRODUCT, ...scenario });

  it("names the entity as recorded with the entry, else as the payload recorded it, else today's name, marked", () => {
    expect(archived({ recordedLabel: "Gloves (GL-L)", currentLabel: "Safety Gloves (GL-L)", after: gloves })).toBe(
      "Ada Admin archived product Gloves (GL-L)",
    );
    expect(archived({ currentLabel: "Hand Protection (GL-L)", after: gloves })).toBe(
      "Ada Admin archived product Safety Gloves (GL-L)",
    );
    expect(archived({ currentLabel: "Safety Gloves (GL-L)" })).toBe(
      "Ada Admin archived product Safety Gloves (GL-L) (current name)",
    );
  });

  it("describes an entity with no name by its kind, never by its id", () => {
    const text = archived({});
    expect(text).toBe("Ada Admin archived a product");
    expect(text).not.toContain(PRODUCT);
    expect(
      sentence("Mira Manager", {
        action: "order.rejected",
        entityType: "order",
        entityId: ORDER,
        after: { note: "No" },
      }),
    ).toBe("Mira Manager rejected a request — note: No");
    expect(
      sentence("Ada Admin", {
        action: "user.invited",
        entityType: "invitation",
        entityId: INVITATION,
        after: { role: "STAFF" },
      }),
    ).toBe("Ada Admin invited someone as Staff");
    expect(
      sentence("Ada Admin", { action: "invitation.revoked", entityType: "invitation", entityId: INVITATION }),
    ).toBe("Ada Admin revoked an invitation");
  });

  it("gives the caller the entity and other names as parts, with whether they are today's", () => {
    const parts = describeAuditEntry(
      entry(
        product({
          action: "stock.transferred",
          recordedLabel: null,
          currentLabel: "Safety Gloves (GL-L)",
          locationNames: { [COLD]: "Cold store" },
          after: {
            fromLocationId: MAIN,
            fromLocationName: "Main warehouse",
            toLocationId: COLD,
            quantity: 2,
            note: null,
          },
        }),
      ),
    );
    expect(parts).toEqual([
      { actor: true },
      " moved 2 of ",
      { entity: { label: "Safety Gloves (GL-L)", current: true } },
      " from ",
      { name: { label: "Main warehouse", current: false } },
      " to ",
      { name: { label: "Cold store", current: true } },
    ]);
  });

  it("names a location by the name recorded beside its id, else today's, else as a location", () => {
    const transfer = (after: Record<string, unknown>, locationNames: Record<string, string> = {}) =>
      sentence(
        "Mira Manager",
        product({ action: "stock.transferred", locationNames, after: { quantity: 4, ...after } }),
      );
    expect(
      transfer(
        { fromLocationId: MAIN, fromLocationName: "Main warehouse", toLocationId: COLD, toLocationName: "Cold store" },
        { [MAIN]: "Head office", [COLD]: "Freezer" },
      ),
    ).toBe("Mira Manager moved 4 of Safety Gloves (GL-L) from Main warehouse to Cold store");
    expect(transfer({ fromLocationId: MAIN, toLocationId: COLD }, { [MAIN]: "Head office" })).toBe(
      "Mira Manager moved 4 of Safety Gloves (GL-L) from Head office (current name) to a location",
    );
    // An id that happens to be a property name of every object is no location of ours.
    expect(transfer({ fromLocationId: "constructor", toLocationId: "__proto__" })).toBe(
      "Mira Manager moved 4 of Safety Gloves (GL-L) from a location to a location",
    );
  });
});

describe("describeAuditEntry: notes, numbers, unknown actions, malformed payloads", () => {
  const rejected = (noteText: unknown) =>
    sentence("Mira Manager", request({ action: "order.rejected", after: { status: "REJECTED", note: noteText } }));

  it("puts a typed note on one line, and cuts a long one at 200 characters with an ellipsis", () => {
    expect(rejected("  Over budget\n\n   this month  ")).toBe(
      "Mira Manager rejected REQ-000002 — note: Over budget this month",
    );
    expect(rejected(`${"x".repeat(250)}`)).toBe(`Mira Manager rejected REQ-000002 — note: ${"x".repeat(199)}…`);
    expect(rejected(`${"x".repeat(200)}`)).toBe(`Mira Manager rejected REQ-000002 — note: ${"x".repeat(200)}`);
    expect(rejected("   ")).toBe("Mira Manager rejected REQ-000002");
  });

  it("writes quantities as whole numbers with thousands separators", () => {
    const text = sentence(
      "Mira Manager",
      product({
        action: "stock.transferred",
        after: { fromLocationName: "Main warehouse", toLocationName: "Cold store", quantity: 1234567 },
      }),
    );
    expect(text).toBe("Mira Manager moved 1,234,567 of Safety Gloves (GL-L) from Main warehouse to Cold store");
  });

  it("reads an action it does not know as a generic sentence: the action in words and the entity", () => {
    expect(
      sentence("Ada Admin", { action: "invoice.paid", entityType: "invoice", entityId: ORDER, currentLabel: "INV-7" }),
    ).toBe("Ada Admin recorded “invoice paid” for INV-7 (current name)");
    const unnamed = sentence("Ada Admin", { action: "invoice.paid", entityType: "invoice", entityId: ORDER });
    expect(unnamed).toBe("Ada Admin recorded “invoice paid” for an invoice");
    expect(unnamed).not.toContain(ORDER);
    expect(sentence("Ada Admin", { action: "stock.counted_twice", entityType: "stock_level" })).toBe(
      "Ada Admin recorded “stock counted twice” for stock levels",
    );
    // A property every object has is not a known action.
    expect(sentence("Ada Admin", { action: "toString", entityType: "user" })).toBe(
      "Ada Admin recorded “to string” for a person",
    );
  });

  it("reads values of the wrong type as absent: a sentence without them, not a wrong one", () => {
    const adjusted = sentence(
      "Stan Manager",
      product({
        action: "stock.adjusted",
        after: { locationId: 12, mode: "set", quantity: "3", reason: ["spill"], movements: "none" },
      }),
    );
    expect(adjusted).toBe("Stan Manager adjusted the stock of Safety Gloves (GL-L) at a location");
    const created = sentence(
      "Stan Staff",
      request({
        action: "order.created",
        recordedLabel: null,
        after: { number: 2, type: "SOMETHING", locationId: null, lines: [{ quantity: "5" }], reference: {}, note: 7 },
      }),
    );
    expect(created).toBe("Stan Staff submitted a request");
    expect(
      sentence(
        "Ada Admin",
        membership({ action: "membership.role_changed", before: [], after: { role: 3, email: null } }),
      ),
    ).toBe("Ada Admin changed the role of a member");
  });

  const MALFORMED: unknown[] = [null, [], [null, {}], {}, { a: 1 }, "12", 12.5, Number.NaN, true, ""];
  const PAYLOAD_KEYS = [
    "name",
    "sku",
    "email",
    "role",
    "quantity",
    "mode",
    "reason",
    "note",
    "locationId",
    "locationName",
    "fromLocationId",
    "toLocationId",
    "fromLocationName",
    "toLocationName",
    "movements",
    "lines",
    "reserved",
    "released",
    "counted",
    "changed",
    "unchanged",
    "rows",
    "created",
    "updated",
    "fileName",
    "number",
    "type",
    "reference",
    "template",
    "to",
    "fields",
    "userAgent",
    "path",
    "message",
    "sessionsEnded",
    "pendingEmail",
    "by",
    "accountCreated",
    "active",
    "invitationsRetired",
    "sentInvitationsRetired",
    "replacedInvitationIds",
    "defaultLocationId",
    "defaultLocationName",
    "opening",
    "timeZone",
    "currency",
    "requireSecondApprover",
    "lowStockAlerts",
    "staffSeeMoney",
    "code",
    "products",
    "status",
    "notComing",
    "backorder",
    "contactName",
    "phone",
    "notes",
    "order.created",
    "stock.low",
  ];

  it("never prints undefined, null, NaN or [object …], nor throws, whatever the payload holds", () => {
    const actions = [...new Set([...scanAuditActions().keys(), "invoice.paid"])];
    for (const action of actions) {
      for (const value of MALFORMED) {
        const every = Object.fromEntries(PAYLOAD_KEYS.map((key) => [key, value]));
        const inLists = {
          movements: [value],
          lines: [value],
          opening: value,
          changed: [value, { from: value, to: value }],
          reserved: [value],
          released: [value],
          notComing: [value, { quantity: value }],
          backorder: [value, { quantity: value }],
          status: "PARTIALLY_FULFILLED",
        };
        for (const payload of [value, every, inLists]) {
          const text = sentence("Ada Admin", { action, entityType: "product", before: payload, after: payload });
          expect(text, `${action} with ${JSON.stringify(payload)}`).not.toMatch(/undefined|null|NaN|\[object/);
          expect(text.startsWith("Ada Admin") || text.includes("Ada Admin"), action).toBe(true);
        }
      }
    }
  });
});

// ---- Every action the app writes to the company's audit log has a sentence of its own ----

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Where audit rows are written: the app's code, and the demo data (prisma/seed.ts) that fills a fresh install. */
const SCANNED = ["lib", "app", "prisma/seed.ts"];

function sourceFiles(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (/\.(ts|tsx)$/.test(relative)) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((item) => {
    const child = path.join(relative, item.name);
    if (item.isDirectory()) return child === path.join("lib", "db", "generated") ? [] : sourceFiles(child);
    return /\.(ts|tsx)$/.test(item.name) && !/\.test\.tsx?$/.test(item.name) ? [path.join(ROOT, child)] : [];
  });
}

/** `entity.verb` as the audit log's actions are spelled (lib/audit/audit-list-params.ts). */
const ACTION_LITERAL = /"([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)"/g;
/**
 * Where a file names an audit action: an `action:` key or an `action =` variable (a literal, a ternary of two, a
 * union type of them), or a constant named …_ACTION. Other `action` keys (form actions, a Prisma filter on the
 * action column) hold no `entity.verb` literal and add nothing.
 */
const ACTION_CONTEXTS = [
  /\baction\s*:\s*([^,;\n}]+)/g,
  /\baction\s*=\s*([^;\n]+)/g,
  /\b[A-Z_]*_ACTION\s*=\s*([^;\n]+)/g,
];
/** The company's audit log is written by these (lib/audit/record-audit.ts, lib/auth/*-audit.ts, the ledger). */
const COMPANY_LOG_WRITER =
  /\brecordAudit\(|\brecordCompanyAudit\(|\brecordUserAudit\(|\bauditLog\.create(Many)?\(|\bapplyStockMovements\(/;
const PLATFORM_LOG_WRITER = /\bplatformAuditLog\.create\(/;

/** Every audit action the code writes to the company's audit log, with a file that names it. */
function scanAuditActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SCANNED.flatMap(sourceFiles)) {
    const source = readFileSync(file, "utf8");
    // A file that writes only the platform's log (contact form, platform settings, password reset requests) is not
    // about the company's; one that writes neither may define an action a writer elsewhere records (outbox-row.ts).
    if (PLATFORM_LOG_WRITER.test(source) && !COMPANY_LOG_WRITER.test(source)) continue;
    for (const context of ACTION_CONTEXTS) {
      for (const match of source.matchAll(context)) {
        for (const literal of match[1]!.matchAll(ACTION_LITERAL)) found.set(literal[1]!, path.relative(ROOT, file));
      }
    }
  }
  // Written through a map rather than a literal at the call: the requests' actions, and the platform's decisions on
  // a company (`company.${done}`, lib/platform/change-company-status.ts).
  for (const action of Object.values(ORDER_AUDIT_ACTIONS)) found.set(action, "lib/orders/order-fields.ts");
  for (const actions of Object.values(PARTNER_AUDIT_ACTIONS)) {
    for (const action of Object.values(actions)) found.set(action, "lib/partners/partner-kinds.ts");
  }
  for (const { done } of Object.values(COMPANY_STATUS_CHANGES)) {
    found.set(`company.${done}`, "lib/platform/company-status-changes.ts");
  }
  return found;
}

describe("describeAuditEntry covers every action written to the company's audit log", () => {
  const actions = scanAuditActions();

  it("finds the actions wherever they are written, and only the company log's", () => {
    expect(actions.size).toBeGreaterThan(30);
    // One of each way an action reaches the log: a literal at recordAudit, a ternary, a variable, a constant, an
    // operation passed to the ledger, the email outbox's fallback, the order map, the company status map, the seed.
    for (const action of [
      "location.renamed",
      "product.restored",
      "auth.locked_out",
      "notifications.changed",
      "auth.forbidden",
      "stock.adjusted",
      "stock.initial",
      "email.skipped",
      "order.fulfilled",
      "company.suspended",
      "company.seeded",
      "user.password_changed",
      "invitation.accepted",
      "supplier.archived",
      "customer.imported",
    ]) {
      expect(actions.has(action), action).toBe(true);
    }
    // The platform's own log is another log, with its own viewer.
    for (const action of ["contact.message_received", "platform.settings_changed", "auth.password_reset_requested"]) {
      expect(actions.has(action), action).toBe(false);
    }
  });

  it.each([...actions.entries()].sort())("%s (%s) has a sentence of its own", (action) => {
    const text = sentence("Ada Admin", { action, entityType: "product", entityId: PRODUCT });
    expect(text).not.toContain(`recorded “${action.replace(/[._]/g, " ")}”`);
    expect(text).not.toMatch(/undefined|null|\[object/);
  });

  it.each([...actions.entries()].sort())("%s (%s) has a name of its own in the Action filter", (action) => {
    expect(Object.hasOwn(AUDIT_ACTION_LABELS, action)).toBe(true);
    expect(auditActionLabel(action)).toMatch(/^[A-Z][^._]*$/);
  });
});

describe("auditActionLabel", () => {
  it("names actions as people say them, each kind of partner in its own word", () => {
    expect(auditActionLabel("order.approved")).toBe("Request approved");
    expect(auditActionLabel("stock.reorder_point_set")).toBe("Reorder point set");
    expect(auditActionLabel("supplier.imported")).toBe("Suppliers imported");
    expect(auditActionLabel("customer.archived")).toBe("Customer archived");
  });

  it("gives two actions the same name nowhere, so the filter's choices can be told apart", () => {
    const labels = [...scanAuditActions().keys()].map(auditActionLabel);
    expect(labels.length).toBeGreaterThan(30);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("spells an action it does not know in words, never blank", () => {
    expect(auditActionLabel("invoice.paid_late")).toBe("Invoice paid late");
    expect(auditActionLabel("...")).toBe("...");
  });
});
