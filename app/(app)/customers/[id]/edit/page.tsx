import type { Metadata } from "next";
import { EditPartnerPage, type IdParams } from "../../../partners/edit-page";

export const metadata: Metadata = { title: "Edit customer" };

export default function EditCustomerPage({ params }: { params: IdParams }) {
  return <EditPartnerPage kind="customer" params={params} />;
}
