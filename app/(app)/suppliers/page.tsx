import type { Metadata } from "next";
import { PartnerListPage, type SearchParams } from "../partners/list-page";

export const metadata: Metadata = { title: "Suppliers" };

export default function SuppliersPage({ searchParams }: { searchParams: SearchParams }) {
  return <PartnerListPage kind="supplier" searchParams={searchParams} />;
}
