import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { OrderForm, type OrderFormLocation } from "@/components/orders/order-form";
import type { NamedChoice } from "@/components/ui/searchable-select";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { listLocations } from "@/lib/locations/list-locations";
import { formatOrderNumber } from "@/lib/orders/order-fields";
import { listPartnerOptions } from "@/lib/partners/partner-picker";
import { getOrderRequest } from "@/lib/orders/get-order-request";
import { orNotFound } from "@/lib/page";
import { updateOrderAction } from "../../form-actions";

export const metadata: Metadata = { title: "Edit request" };

type Params = Promise<{ id: string }>;

export default async function EditRequestPage({ params }: { params: Params }) {
  const ctx = await requireTenant();
  const { id } = await params;
  const [detail, locations, suppliers, customers] = await Promise.all([
    orNotFound(getOrderRequest(ctx, { orderId: id })),
    listLocations(ctx, { includeArchived: false }),
    listPartnerOptions(ctx, { kind: "supplier" }),
    listPartnerOptions(ctx, { kind: "customer" }),
  ]);
  const number = formatOrderNumber(detail.number);
  const header = (
    <div>
      <Link href={`/requests/${detail.id}`} className="text-sm font-medium text-brand-700 underline">
        {number}
      </Link>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Edit {number}</h1>
    </div>
  );

  const refusal = detail.refusals.edit;
  if (refusal) {
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        {header}
        <Card>
          <p className="text-slate-700">{refusal}</p>
          <ButtonLink href={`/requests/${detail.id}`} variant="secondary" className="mt-4">
            Back to {number}
          </ButtonLink>
        </Card>
      </div>
    );
  }

  // The request's own location stays offered even when archived since: the server then asks for another.
  const options: OrderFormLocation[] = locations.map((location) => ({ id: location.id, name: location.name }));
  if (!options.some((location) => location.id === detail.location.id)) {
    options.push({ id: detail.location.id, name: detail.location.name, archived: detail.location.archived });
  }

  // Likewise its supplier or customer, archived since or beyond the picker's first page.
  const withOwn = (choices: NamedChoice[], kind: "supplier" | "customer"): NamedChoice[] => {
    const own = detail.partner?.kind === kind ? detail.partner : null;
    return own && !choices.some((choice) => choice.id === own.id)
      ? [...choices, { id: own.id, name: own.name, archived: own.archived }]
      : choices;
  };

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {header}
      <OrderForm
        mode="edit"
        action={updateOrderAction}
        orderId={detail.id}
        version={detail.version}
        locations={options}
        partners={{
          suppliers: withOwn(suppliers.options, "supplier"),
          customers: withOwn(customers.options, "customer"),
        }}
        initial={{
          type: detail.type,
          locationId: detail.location.id,
          lines: detail.lines.map((line) => ({
            productId: line.productId,
            sku: line.sku,
            name: line.name,
            unit: line.unit,
            packSize: line.packSize,
            available: line.available,
            availableAt: detail.location.id,
            archived: line.archived,
            quantity: String(line.quantity),
          })),
          supplierId: detail.partner?.kind === "supplier" ? detail.partner.id : "",
          customerId: detail.partner?.kind === "customer" ? detail.partner.id : "",
          reference: detail.reference ?? "",
          note: detail.note ?? "",
        }}
        cancelHref={`/requests/${detail.id}`}
        draftScope={{ userId: ctx.userId, companyId: ctx.companyId }}
      />
    </div>
  );
}
