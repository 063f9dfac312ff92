import type { Metadata } from "next";
import { PartnerImportPage } from "../../partners/import-page";

export const metadata: Metadata = { title: "Import and export suppliers" };

export default function SupplierImportPage() {
  return <PartnerImportPage kind="supplier" />;
}
