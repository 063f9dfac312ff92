import { PartnerNotFound } from "../../partners/partner-not-found";

/** An unknown customer id and another company's look the same. */
export default function CustomerNotFound() {
  return <PartnerNotFound kind="customer" />;
}
