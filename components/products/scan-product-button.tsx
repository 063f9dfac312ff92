"use client";

// Scan to open a product (docs/architecture.md "Camera scanning"): the scanned or typed code goes to
// /products/lookup, which opens the one product with that barcode or SKU, or says none has it and offers a search.
// A QR code of one of our own pages (a location label's stocktake link) opens that page.
import { useRouter } from "next/navigation";
import { ScanButton } from "@/components/scan/scan-button";

export const productLookupHref = (code: string) => `/products/lookup?${new URLSearchParams({ code })}`;

/** Where a scanned code leads: a link to a page of this app (same origin) opens it; anything else is looked up. */
export function scannedCodeHref(code: string, origin: string): string {
  try {
    const url = new URL(code);
    if (url.origin === origin) return `${url.pathname}${url.search}`;
  } catch {
    // Not a URL: a barcode or SKU.
  }
  return productLookupHref(code);
}

export function ScanProductButton({ label }: { label?: string }) {
  const router = useRouter();
  return (
    <ScanButton
      label={label}
      title="Scan a product"
      hint="Scan a barcode or QR code to open its product."
      mode="single"
      onCode={(code) => router.push(scannedCodeHref(code, window.location.origin))}
    />
  );
}
