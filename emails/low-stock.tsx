import { Text } from "@react-email/components";
import { Fragment } from "react";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, multiLine, singleLine } from "./fields";
import { textLines } from "./format";

export const lowStockSchema = z.strictObject({
  recipientName: singleLine(120),
  companyName: singleLine(120),
  /** How many products reached their reorder point in the change that sent this. */
  productCount: z.int().min(1),
  /** The first of them, for the subject. */
  firstProductName: singleLine(200),
  /** One line per product listed: "Blue widget (WID-1): 3 on hand, reorder point 5". */
  products: multiLine(8000, 1),
  /** Products not listed (the list stops at a readable length). */
  moreCount: z.int().min(0),
  /** The product's page for one product, the low-stock list for several. */
  productsUrl: absoluteUrl,
});

export type LowStockProps = z.infer<typeof lowStockSchema>;

export const lowStockSubject = ({ productCount, firstProductName, companyName }: LowStockProps) =>
  productCount === 1
    ? `${firstProductName} reached its reorder point at ${companyName}`
    : `${productCount} products reached their reorder point at ${companyName}`;

/** Sent to each manager and admin when stock leaving takes products to or below their reorder point. */
export default function LowStockEmail(props: LowStockProps) {
  const { recipientName, companyName, productCount, products, moreCount, productsUrl } = props;
  const subject = lowStockSubject(props);
  return (
    <EmailLayout
      preview={subject}
      heading={productCount === 1 ? "A product is low on stock" : `${productCount} products are low on stock`}
      action={{ label: productCount === 1 ? "Open the product" : "See low stock", href: productsUrl }}
      reason={`You received this because you manage stock at ${companyName} on StockFlow. You get at most one alert per product a day; turn them off on your profile page.`}
    >
      <Text style={paragraph}>Hi {recipientName},</Text>
      <Text style={paragraph}>
        {productCount === 1
          ? "This product is now at or below its reorder point:"
          : "These products are now at or below their reorder point:"}
      </Text>
      <Text style={paragraph}>
        {textLines(products).map((line, index) => (
          // The lines never move, so their position is their identity.
          <Fragment key={index}>
            {index > 0 && <br />}
            {line}
          </Fragment>
        ))}
        {moreCount > 0 && (
          <>
            <br />
            …and {moreCount} more.
          </>
        )}
      </Text>
      <Text style={paragraph}>Reorder or raise a restock request before it runs out.</Text>
    </EmailLayout>
  );
}

LowStockEmail.PreviewProps = {
  recipientName: "Priya Natarajan",
  companyName: "Acme Hardware",
  productCount: 2,
  firstProductName: "Blue widget",
  products: "Blue widget (WID-1): 3 on hand, reorder point 5\nGadget (GAD-9): 0 on hand, reorder point 10",
  moreCount: 0,
  productsUrl: "http://localhost:3000/products?stock=low",
} satisfies LowStockProps;
