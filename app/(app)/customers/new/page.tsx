import type { Metadata } from "next";
import { NewPartnerPage } from "../../partners/new-page";

export const metadata: Metadata = { title: "Add customer" };

export default function NewCustomerPage() {
  return <NewPartnerPage kind="customer" />;
}
