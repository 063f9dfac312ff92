import type { Metadata } from "next";
import type { IdParams } from "../../partners/edit-page";
import type { SearchParams } from "../../partners/list-page";
import { PartnerPage } from "../../partners/partner-page";

export const metadata: Metadata = { title: "Customer" };

export default function CustomerPage({ params, searchParams }: { params: IdParams; searchParams: SearchParams }) {
  return <PartnerPage kind="customer" params={params} searchParams={searchParams} />;
}
