import type { Metadata } from "next";
import type { IdParams } from "../../partners/edit-page";
import type { SearchParams } from "../../partners/list-page";
import { PartnerPage } from "../../partners/partner-page";

export const metadata: Metadata = { title: "Supplier" };

export default function SupplierPage({ params, searchParams }: { params: IdParams; searchParams: SearchParams }) {
  return <PartnerPage kind="supplier" params={params} searchParams={searchParams} />;
}
