import { Text } from "@react-email/components";
import { Fragment } from "react";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, singleLine } from "./fields";
import { NoteParagraph, note, requestNumber, requestType, requestTypeLabel } from "./order-submitted";

export const orderStatusSchema = z.strictObject({
  recipientName: singleLine(120),
  companyName: singleLine(120),
  requestNumber,
  requestType,
  status: z.enum(["APPROVED", "PARTIALLY_FULFILLED", "REJECTED", "FULFILLED", "CLOSED", "CANCELLED"]),
  /** Who approved, rejected, fulfilled, closed or cancelled the request. */
  actorName: singleLine(120),
  /** The decision note; "" when there is none. */
  note,
  /**
   * What changed line by line ("Claw hammer (HAM-1): 6 each approved of 10 requested", "…: 4 each shipped, 6 still to
   * come"); absent or empty when the step took the request whole.
   */
  lines: z.array(singleLine(400)).max(100).optional(),
  requestUrl: absoluteUrl,
});

export type OrderStatusProps = z.infer<typeof orderStatusSchema>;

const PAST_TENSE: Record<OrderStatusProps["status"], string> = {
  APPROVED: "approved",
  PARTIALLY_FULFILLED: "partly fulfilled",
  REJECTED: "rejected",
  FULFILLED: "fulfilled",
  CLOSED: "closed",
  CANCELLED: "cancelled",
};

const hasLines = (props: OrderStatusProps) => (props.lines?.length ?? 0) > 0;

export const orderStatusSubject = (props: OrderStatusProps) =>
  `Your ${requestTypeLabel(props.requestType)} ${props.requestNumber} was ${props.status === "APPROVED" && hasLines(props) ? "approved with changes" : PAST_TENSE[props.status]}`;

/** What the change means for the person who made the request, in one sentence. */
function outcome(props: OrderStatusProps): string {
  const { requestType, requestNumber, status, actorName } = props;
  const request = `your ${requestTypeLabel(requestType)} ${requestNumber}`;
  const restock = requestType === "RESTOCK";
  switch (status) {
    case "APPROVED":
      if (hasLines(props)) {
        return restock
          ? `${actorName} approved ${request} with lower quantities (below); stock is added when the delivery is received.`
          : `${actorName} approved ${request} with lower quantities (below); the stock is reserved until it is fulfilled.`;
      }
      return restock
        ? `${actorName} approved ${request}; stock is added when the delivery is received.`
        : `${actorName} approved ${request}; the stock is reserved until it is fulfilled.`;
    case "PARTIALLY_FULFILLED":
      return restock
        ? `${actorName} received part of the delivery for ${request}; the rest is still expected.`
        : `${actorName} shipped part of ${request}; the rest is on backorder and ships when stock is available.`;
    case "CLOSED":
      return `${actorName} closed ${request}: what was fulfilled stays, the rest is not coming. Make a new request if it is still needed.`;
    case "FULFILLED":
      if (hasLines(props)) {
        return restock
          ? `${actorName} received the rest of the delivery for ${request}: everything approved has arrived.`
          : `${actorName} shipped the rest of ${request}: everything approved has left stock.`;
      }
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
      {hasLines(props) && (
        <Text style={paragraph}>
          {props.lines!.map((line, index) => (
            // The lines never move, so their position is their identity.
            <Fragment key={index}>
              {index > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </Text>
      )}
      <NoteParagraph label={status === "REJECTED" || status === "CLOSED" ? "Reason" : "Note"} text={note} />
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
