"use client";

import { Button } from "@/components/ui/button";

/** What a person sees when a page fails: no internals, a way to retry, and a reference for support. */
export function ErrorMessage({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <p className="max-w-md text-slate-600">
        We could not show this page. Please try again; if it keeps happening, contact support.
      </p>
      {digest && (
        <p className="text-sm text-slate-500">
          Reference: <code className="rounded bg-slate-100 px-1.5 py-0.5">{digest}</code>
        </p>
      )}
      <Button onClick={onRetry}>Try again</Button>
    </main>
  );
}
