import { PartnerNotFound } from "../../partners/partner-not-found";

/** An unknown supplier id and another company's look the same. */
export default function SupplierNotFound() {
  return <PartnerNotFound kind="supplier" />;
}
