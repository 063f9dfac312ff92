import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { NewRequestForm } from "@/components/offline/new-request-form";
import type { OrderFormLine } from "@/components/orders/order-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant, type AppContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { listLocations } from "@/lib/locations/list-locations";
import { listPartnerOptions } from "@/lib/partners/partner-picker";
import type { OrderType } from "@/lib/orders/order-fields";
import { getProductStock } from "@/lib/stock/get-product-stock";
import { textFromParam } from "@/lib/stock/stock-fields";
import { createOrderAction } from "../form-actions";

export const metadata: Metadata = { title: "New request" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?productId=` (e.g. from a product's page): that product as the first line, unless it is gone or archived. */
async function prefilledLine(ctx: AppContext, productId: string, locationId: string): Promise<OrderFormLine | null> {
  if (!productId) return null;
  const stock = await getProductStock(ctx, { productId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!stock || stock.product.archived) return null;
  const here = stock.locations.find((location) => location.id === locationId);
  return {
    productId: stock.product.id,
    sku: stock.product.sku,
    name: stock.product.name,
    unit: stock.product.unit,
    packSize: stock.product.packSize,
    available: here?.available ?? 0,
    availableAt: locationId,
    quantity: "1",
  };
}

export default async function NewRequestPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const query = await searchParams;
  const locations = await listLocations(ctx, { includeArchived: false });
  const header = (
    <div>
      <Link href="/requests" className="text-sm font-medium text-brand-700 underline">
        Requests
      </Link>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">New request</h1>
    </div>
  );
  if (locations.length === 0) {
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        {header}
        <Card>
          <p className="text-slate-700">
            A request needs a location for the stock to leave from or arrive at, and none is in use.
          </p>
          <ButtonLink href="/locations" variant="secondary" className="mt-4">
            Go to locations
          </ButtonLink>
        </Card>
      </div>
    );
  }

  const wantedLocation = textFromParam(query.locationId).toLowerCase();
  const locationId = (
    locations.find((location) => location.id === wantedLocation) ??
    locations.find((location) => location.isDefault) ??
    locations[0]!
  ).id;
  const wantedType = textFromParam(query.type);
  const type: OrderType | "" = wantedType === "RESTOCK" || wantedType === "CUSTOMER_ORDER" ? wantedType : "";
  const line = await prefilledLine(ctx, textFromParam(query.productId), locationId);
  const suppliers = await listPartnerOptions(ctx, { kind: "supplier" });
  const customers = await listPartnerOptions(ctx, { kind: "customer" });
  // `?supplierId=` or `?customerId=` (e.g. from a supplier's page): that entry picked, and the type it implies.
  const offered = (options: { id: string }[], param: string | string[] | undefined) => {
    const wanted = textFromParam(param).toLowerCase();
    return options.some((option) => option.id === wanted) ? wanted : "";
  };
  const supplierId = type === "CUSTOMER_ORDER" ? "" : offered(suppliers.options, query.supplierId);
  const customerId = type === "RESTOCK" || supplierId ? "" : offered(customers.options, query.customerId);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {header}
      <NewRequestForm
        userId={ctx.userId}
        companyId={ctx.companyId}
        fromOutbox={textFromParam(query.fromOutbox) || undefined}
        action={createOrderAction}
        // Once per page load: every submit of this request (a double click, a retry) sends the same id.
        clientRequestId={crypto.randomUUID()}
        locations={locations.map((location) => ({ id: location.id, name: location.name }))}
        partners={{ suppliers: suppliers.options, customers: customers.options }}
        initial={{
          type: supplierId ? "RESTOCK" : customerId ? "CUSTOMER_ORDER" : type,
          locationId,
          lines: line ? [line] : [],
          supplierId,
          customerId,
          reference: "",
          note: "",
        }}
        cancelHref="/requests"
        draftScope={{ userId: ctx.userId, companyId: ctx.companyId }}
      />
    </div>
  );
}
