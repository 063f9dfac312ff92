import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { formatMoney, formatQuantity } from "@/components/products/labels";
import { LocationReorderPoints } from "@/components/products/location-reorder-points";
import { MovementList } from "@/components/products/movement-list";
import { ProductBadges } from "@/components/products/product-badges";
import { ProductStatusForm } from "@/components/products/product-status-form";
import { ProductSuppliers } from "@/components/products/product-suppliers";
import { StockByLocation } from "@/components/products/stock-by-location";
import { Alert } from "@/components/ui/alert";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { entityHistoryHref } from "@/lib/audit/audit-list-params";
import { requireTenant } from "@/lib/auth/context";
import { orNotFound } from "@/lib/page";
import { can } from "@/lib/auth/permissions";
import { productLabelsHref } from "@/lib/labels/label-fields";
import { listPartnerOptions } from "@/lib/partners/partner-picker";
import { getProduct } from "@/lib/products/get-product";
import { listProductSuppliers } from "@/lib/products/product-suppliers";
import { unitWithPack } from "@/lib/products/quantity-hint";
import {
  archiveProductAction,
  preferProductSupplierAction,
  removeProductSupplierAction,
  restoreProductAction,
  saveProductSupplierAction,
  setLocationReorderPointAction,
} from "../actions";

export const metadata: Metadata = { title: "Product" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const NOTICES: Record<string, string> = {
  created: "Product added.",
  updated: "Changes saved.",
};

export default async function ProductPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const { id } = await params;
  const query = await searchParams;
  const older = typeof query.older === "string" ? query.older : undefined;
  const detail = await orNotFound(getProduct(ctx, { id, ...(older && { movementsBefore: older }) }));
  const { product, stock, movements, unstockedLocations, timeZone, currency } = detail;
  const suppliers = await listProductSuppliers(ctx, { productId: product.id });
  // The picker only for those who may add a link.
  const supplierOptions = suppliers.canManage
    ? await listPartnerOptions(ctx, { kind: "supplier" })
    : { options: [], truncated: false };
  const notice = typeof query.notice === "string" ? NOTICES[query.notice] : undefined;
  const moment = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  const canManage = can(ctx.role, "products.manage");
  const stockLinks = [
    ...(can(ctx.role, "stock.adjust")
      ? [{ href: `/stock/adjust?productId=${product.id}`, label: "Adjust stock" }]
      : []),
    ...(can(ctx.role, "stock.transfer")
      ? [{ href: `/stock/transfer?productId=${product.id}`, label: "Transfer stock" }]
      : []),
  ];

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="space-y-2">
        <Link href="/products" className="text-sm font-medium text-brand-700 underline">
          Products
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-bold text-slate-900">{product.name}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
              <span className="font-mono text-sm">{product.sku}</span>
              <ProductBadges archived={product.archived} low={stock.low} short={stock.short} />
              <LiveRefresh topics={{ stock: [product.id], products: [product.id], locations: true }} />
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <ButtonLink href={productLabelsHref([product.id])} variant="secondary">
              Print label
            </ButtonLink>
            {canManage && (
              <>
                <ButtonLink href={`/products/${product.id}/edit`}>Edit product</ButtonLink>
                <ProductStatusForm
                  product={{ id: product.id, version: product.version, name: product.name, archived: product.archived }}
                  archiveAction={archiveProductAction}
                  restoreAction={restoreProductAction}
                />
              </>
            )}
          </div>
        </div>
        {notice && <Alert tone="success">{notice}</Alert>}
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <h2 className="font-semibold text-slate-900">Details</h2>
          <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Category</dt>
            <dd className="text-slate-900">{product.category ?? "—"}</dd>
            <dt className="text-slate-500">Unit</dt>
            <dd className="text-slate-900">{unitWithPack(product)}</dd>
            <dt className="text-slate-500">Barcode</dt>
            <dd className="break-all font-mono text-slate-900">{product.barcode ?? "—"}</dd>
            {product.costPrice !== undefined && (
              <>
                <dt className="text-slate-500">Cost price</dt>
                <dd className="text-slate-900">{formatMoney(product.costPrice, currency)}</dd>
              </>
            )}
            <dt className="text-slate-500">Sale price</dt>
            <dd className="text-slate-900">{formatMoney(product.salePrice, currency)}</dd>
            <dt className="text-slate-500">Reorder point</dt>
            <dd className="text-slate-900">
              {product.reorderPoint > 0 ? `${formatQuantity(product.reorderPoint)} ${product.unit} in total` : "None"}
            </dd>
            <dt className="text-slate-500">Reorder quantity</dt>
            <dd className="text-slate-900">
              {product.reorderQuantity !== null
                ? `${formatQuantity(product.reorderQuantity)} ${product.unit}`
                : "None (up to twice the reorder point)"}
            </dd>
            <dt className="text-slate-500">Target level</dt>
            <dd className="text-slate-900">
              {product.targetLevel !== null ? `${formatQuantity(product.targetLevel)} ${product.unit}` : "None"}
            </dd>
            <dt className="text-slate-500">Last changed</dt>
            <dd className="text-slate-900">{moment.format(product.updatedAt)}</dd>
          </dl>
          {product.description && (
            <p className="mt-4 whitespace-pre-line text-sm text-slate-700">{product.description}</p>
          )}
          {can(ctx.role, "audit.view") && (
            <Link
              href={entityHistoryHref("product", product.id)}
              className="mt-4 inline-block text-sm font-medium text-brand-700 underline"
            >
              See in the audit log
            </Link>
          )}
        </Card>

        <Card>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold text-slate-900">Stock</h2>
            {stockLinks.length > 0 && (
              <div className="flex flex-wrap gap-2">
                {stockLinks.map((link) => (
                  <Link key={link.href} href={link.href} className={buttonClasses("secondary")}>
                    {link.label}
                  </Link>
                ))}
              </div>
            )}
          </div>
          <div className="mt-3">
            <StockByLocation
              locations={stock.locations}
              total={{ ...stock, reorderPoint: product.reorderPoint }}
              unit={product.unit}
            />
          </div>
          {stock.lowInTotal && (
            <p className="mt-3 text-sm text-amber-900">
              At or below the reorder point of {formatQuantity(product.reorderPoint)} {product.unit} in total.
            </p>
          )}
          {stock.low && !product.archived && (
            <Link href="/reorder" className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
              See what to reorder
            </Link>
          )}
          {canManage && !product.archived && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <LocationReorderPoints
                productId={product.id}
                unit={product.unit}
                stocked={stock.locations}
                others={unstockedLocations}
                action={setLocationReorderPointAction}
              />
            </div>
          )}
        </Card>
      </div>

      <Card>
        <ProductSuppliers
          product={{ id: product.id, name: product.name }}
          links={suppliers.links}
          canManage={suppliers.canManage}
          seesMoney={suppliers.seesMoney}
          currency={currency}
          suppliers={supplierOptions.options}
          suppliersTruncated={supplierOptions.truncated}
          actions={{
            save: saveProductSupplierAction,
            prefer: preferProductSupplierAction,
            remove: removeProductSupplierAction,
          }}
        />
      </Card>

      <Card>
        <h2 className="font-semibold text-slate-900">Movements</h2>
        <p className="mt-1 text-sm text-slate-600">
          Every change to this product&apos;s stock, newest first. Times are in {timeZone}.
        </p>
        <div className="mt-3">
          <MovementList
            movements={movements.rows.map((m) => ({ ...m, atLabel: moment.format(m.at), atIso: m.at.toISOString() }))}
          />
        </div>
        <CursorPager
          label="Movement pages"
          href={({ after }) =>
            after ? `/products/${product.id}?older=${encodeURIComponent(after)}` : `/products/${product.id}`
          }
          firstPage={movements.isFirstPage}
          nextCursor={movements.olderCursor}
          labels={{ first: "Newest movements", next: "Older movements" }}
          className="mt-4"
        />
      </Card>
    </div>
  );
}
