import { Text } from "@react-email/components";
import { Fragment } from "react";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, multiLine, optionalLine, singleLine } from "./fields";
import { textLines } from "./format";

// Fields shared with order-status.tsx.

/** The number people see for a request (docs/architecture.md §5): "REQ-000123". */
export const requestNumber = z
  .string()
  .max(32)
  .regex(/^REQ-\d{6,}$/, "must be a request number such as REQ-000123");

export const requestType = z.enum(["RESTOCK", "CUSTOMER_ORDER"]);

export type RequestType = z.infer<typeof requestType>;

/** Free text the person typed: may be empty and may span lines, but no other control characters. */
export const note = multiLine(2000);

/** "restock request", "customer order": reads after "a" or "your". */
export const requestTypeLabel = (type: RequestType) => (type === "RESTOCK" ? "restock request" : "customer order");

/** A note as one paragraph with its line breaks kept; nothing at all when the note is empty. */
export function NoteParagraph({ label, text }: { label: string; text: string }) {
  if (text === "") return null;
  return (
    <Text style={paragraph}>
      {label}:{" "}
      {textLines(text).map((line, index) => (
        // The lines never move, so their position is their identity.
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </Text>
  );
}

/**
 * `total` as written now; a row queued before per-unit totals carries `totalUnits` instead (one number across the
 * lines) and still renders with that figure when an older instance wrote it during a deploy. Exactly one of the two.
 * Not a union of two shapes: the outbox repairs a refused field by its path (emails/registry.ts, refusedProps),
 * which a union's error does not give.
 */
export const orderSubmittedSchema = z
  .strictObject({
    recipientName: singleLine(120),
    companyName: singleLine(120),
    requestNumber,
    requestType,
    requesterName: singleLine(120),
    locationName: singleLine(120),
    /** The lines as the caller wrote them, e.g. "3 × Blue widget (WID-1), 2 × Gadget (GAD-9)". */
    summary: singleLine(500),
    /**
     * The quantities per unit as the caller wrote them, e.g. "12 each and 5 pair": quantities of different products
     * are never added into one number (docs/architecture.md §5). At most 100 lines, in units of up to 16 characters,
     * keep it under 3,500 characters.
     */
    total: singleLine(4000).optional(),
    totalUnits: z.int().min(1).optional(),
    /** Free-text customer or supplier reference; "" when there is none. */
    reference: optionalLine(200),
    note,
    requestUrl: absoluteUrl,
  })
  .refine((props) => (props.total === undefined) !== (props.totalUnits === undefined), {
    message: "needs the total, or (written before per-unit totals) totalUnits, and not both",
    path: ["total"],
  });

export type OrderSubmittedProps = z.infer<typeof orderSubmittedSchema>;

export const orderSubmittedSubject = ({ requestType, requestNumber, requesterName }: OrderSubmittedProps) =>
  `New ${requestTypeLabel(requestType)} ${requestNumber} from ${requesterName}`;

/** Sent to each manager and admin of the company when a request needs a decision. */
export default function OrderSubmittedEmail({
  recipientName,
  companyName,
  requestNumber,
  requestType,
  requesterName,
  locationName,
  summary,
  total,
  totalUnits,
  reference,
  note,
  requestUrl,
}: OrderSubmittedProps) {
  const label = requestTypeLabel(requestType);
  return (
    <EmailLayout
      preview={`${requesterName} asks for a decision on ${requestNumber}: ${summary}`}
      heading={`New ${label} ${requestNumber}`}
      action={{ label: "Review the request", href: requestUrl }}
      reason={`You received this because you approve requests at ${companyName} on StockFlow.`}
    >
      <Text style={paragraph}>Hi {recipientName},</Text>
      <Text style={paragraph}>
        {requesterName} made a {label} that is waiting for a decision: approve or reject it.
      </Text>
      <Text style={paragraph}>
        Location: {locationName}
        <br />
        Items: {summary}
        <br />
        Total: {total ?? `${(totalUnits ?? 0).toLocaleString("en-GB")} ${totalUnits === 1 ? "unit" : "units"}`}
        {reference !== "" && (
          <>
            <br />
            {requestType === "RESTOCK" ? "Supplier reference" : "Customer reference"}: {reference}
          </>
        )}
      </Text>
      <NoteParagraph label={`Note from ${requesterName}`} text={note} />
    </EmailLayout>
  );
}

OrderSubmittedEmail.PreviewProps = {
  recipientName: "Priya Natarajan",
  companyName: "Acme Hardware",
  requestNumber: "REQ-000123",
  requestType: "CUSTOMER_ORDER",
  requesterName: "Sam Staff",
  locationName: "Main warehouse",
  summary: "3 × Blue widget (WID-1), 2 × Gadget (GAD-9)",
  total: "3 each and 2 box",
  reference: "PO-4471",
  note: "The customer collects on Friday.\nPlease pack the widgets separately.",
  requestUrl: "http://localhost:3000/requests/0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e",
} satisfies OrderSubmittedProps;
