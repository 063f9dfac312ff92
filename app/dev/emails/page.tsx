import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { renderEmailPreviews } from "@/lib/email/email-previews";

export const metadata: Metadata = { title: "Email previews" };
export const dynamic = "force-dynamic";

/**
 * Development only: every email StockFlow sends, rendered from its sample props — the HTML as a mail client shows
 * it (in a sandboxed frame) and the plain-text part. A production build answers 404.
 */
export default async function EmailPreviewsPage() {
  if (process.env.NODE_ENV === "production") notFound();
  const previews = await renderEmailPreviews();
  return (
    <main className="mx-auto max-w-5xl space-y-8 p-4 sm:p-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Email previews</h1>
        <p className="mt-1 text-slate-600">
          Each template in <code>emails/</code>, rendered with its PreviewProps. Nothing is sent.
        </p>
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {previews.map((preview) => (
            <li key={preview.template}>
              <a href={`#${preview.template}`} className="text-brand-700 underline">
                {preview.template}
              </a>
            </li>
          ))}
        </ul>
      </div>
      {previews.map((preview) => (
        <section key={preview.template} id={preview.template} aria-labelledby={`${preview.template}-title`}>
          <h2 id={`${preview.template}-title`} className="font-mono text-lg font-semibold text-slate-900">
            {preview.template}
          </h2>
          <p className="text-sm text-slate-700">
            Subject: <strong>{preview.subject}</strong>
          </p>
          <iframe
            title={`${preview.template} as HTML`}
            srcDoc={preview.html}
            sandbox=""
            className="mt-2 h-[32rem] w-full rounded-lg border border-slate-200 bg-white"
          />
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-slate-800">Plain-text part</summary>
            <pre className="mt-2 overflow-x-auto whitespace-pre-wrap rounded-lg bg-slate-100 p-3 text-xs">
              {preview.text}
            </pre>
          </details>
        </section>
      ))}
    </main>
  );
}
