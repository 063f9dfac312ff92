"use client";

// Scan to open a product (docs/architecture.md "Camera scanning"): the scanned or typed code goes to
// /products/lookup, which opens the one product with that barcode or SKU, or says none has it and offers a search.
import { useRouter } from "next/navigation";
import { ScanButton } from "@/components/scan/scan-button";

export const productLookupHref = (code: string) => `/products/lookup?${new URLSearchParams({ code })}`;

export function ScanProductButton({ label }: { label?: string }) {
  const router = useRouter();
  return (
    <ScanButton
      label={label}
      title="Scan a product"
      hint="Scan a barcode or QR code to open its product."
      mode="single"
      onCode={(code) => router.push(productLookupHref(code))}
    />
  );
}
