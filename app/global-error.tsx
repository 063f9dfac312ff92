"use client";

import "./globals.css";
import { ErrorMessage } from "@/components/layout/error-message";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <ErrorMessage digest={error.digest} onRetry={reset} />
      </body>
    </html>
  );
}
