import type { Metadata } from "next";
import { EditPartnerPage, type IdParams } from "../../../partners/edit-page";

export const metadata: Metadata = { title: "Edit supplier" };

export default function EditSupplierPage({ params }: { params: IdParams }) {
  return <EditPartnerPage kind="supplier" params={params} />;
}
