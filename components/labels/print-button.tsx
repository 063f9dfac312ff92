"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the page's print stylesheet leaves only the label sheets. */
export function PrintButton({ children }: { children: React.ReactNode }) {
  return (
    <Button type="button" onClick={() => window.print()}>
      {children}
    </Button>
  );
}
