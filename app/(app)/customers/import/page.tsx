import type { Metadata } from "next";
import { PartnerImportPage } from "../../partners/import-page";

export const metadata: Metadata = { title: "Import and export customers" };

export default function CustomerImportPage() {
  return <PartnerImportPage kind="customer" />;
}
