import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, singleLine } from "./fields";
import { NoteParagraph, note, requestNumber, requestType, requestTypeLabel } from "./order-submitted";

export const orderStatusSchema = z.strictObject({
  recipientName: singleLine(120),
  companyName: singleLine(120),
  requestNumber,
  requestType,
  status: z.enum(["APPROVED", "REJECTED", "FULFILLED", "CANCELLED"]),
  /** Who approved, rejected, fulfilled or cancelled the request. */
  actorName: singleLine(120),
  /** The decision note; "" when there is none. */
  note,
  requestUrl: absoluteUrl,
});

export type OrderStatusProps = z.infer<typeof orderStatusSchema>;

const PAST_TENSE: Record<OrderStatusProps["status"], string> = {
  APPROVED: "approved",
  REJECTED: "rejected",
  FULFILLED: "fulfilled",
  CANCELLED: "cancelled",
};

export const orderStatusSubject = ({ requestType, requestNumber, status }: OrderStatusProps) =>
  `Your ${requestTypeLabel(requestType)} ${requestNumber} was ${PAST_TENSE[status]}`;

/** What the change means for the person who made the request, in one sentence. */
function outcome({ requestType, requestNumber, status, actorName }: OrderStatusProps): string {
  const request = `your ${requestTypeLabel(requestType)} ${requestNumber}`;
  const restock = requestType === "RESTOCK";
  switch (status) {
    case "APPROVED":
      return restock
        ? `${actorName} approved ${request}; stock is added when the delivery is received.`
        : `${actorName} approved ${request}; the stock is reserved until it is fulfilled.`;
    case "FULFILLED":
      return restock
        ? `${actorName} received the delivery for ${request}: the stock was added.`
        : `${actorName} fulfilled ${request}: the items left stock.`;
    case "REJECTED":
      return `${actorName} rejected ${request}. Make a new request if the items are still needed.`;
    case "CANCELLED":
      return restock
        ? `${actorName} cancelled ${request}; no stock will be added. Make a new request if the items are still needed.`
        : `${actorName} cancelled ${request}; any stock reserved for it is free again. Make a new request if the items are still needed.`;
  }
}

/** Sent to the person who made a request when someone else moves it on. */
export default function OrderStatusEmail(props: OrderStatusProps) {
  const { recipientName, companyName, status, note, requestUrl } = props;
  const sentence = outcome(props);
  return (
    <EmailLayout
      preview={sentence}
      heading={orderStatusSubject(props)}
      action={{ label: "Open the request", href: requestUrl }}
      reason={`You received this because you made this request at ${companyName} on StockFlow.`}
    >
      <Text style={paragraph}>Hi {recipientName},</Text>
      <Text style={paragraph}>{sentence}</Text>
      <NoteParagraph label={status === "REJECTED" ? "Reason" : "Note"} text={note} />
    </EmailLayout>
  );
}

OrderStatusEmail.PreviewProps = {
  recipientName: "Sam Staff",
  companyName: "Acme Hardware",
  requestNumber: "REQ-000123",
  requestType: "CUSTOMER_ORDER",
  status: "APPROVED",
  actorName: "Priya Natarajan",
  note: "",
  requestUrl: "http://localhost:3000/requests/0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e",
} satisfies OrderStatusProps;
