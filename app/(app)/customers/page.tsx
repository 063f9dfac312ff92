import type { Metadata } from "next";
import { PartnerListPage, type SearchParams } from "../partners/list-page";

export const metadata: Metadata = { title: "Customers" };

export default function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  return <PartnerListPage kind="customer" searchParams={searchParams} />;
}
