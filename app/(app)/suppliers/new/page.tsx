import type { Metadata } from "next";
import { NewPartnerPage } from "../../partners/new-page";

export const metadata: Metadata = { title: "Add supplier" };

export default function NewSupplierPage() {
  return <NewPartnerPage kind="supplier" />;
}
