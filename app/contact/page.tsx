import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ContactForm } from "@/components/contact/contact-form";
import { Logo } from "@/components/layout/logo";
import { contactAction } from "./actions";

export const metadata: Metadata = { title: "Contact us" };

/** Public: anyone may write, signed in or not. */
export default function ContactPage() {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center px-4 py-10">
      <div className="w-full max-w-xl">
        <div className="mb-6 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <h1 className="mb-2 text-xl font-semibold text-slate-900">Contact us</h1>
          <p className="mb-5 text-sm text-slate-600">
            Questions about StockFlow, trouble signing in, or feedback? Send us a message and we&apos;ll reply by email.
          </p>
          <ContactForm action={contactAction} />
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          <Link href="/" className="text-brand-700 underline">
            Back to StockFlow
          </Link>
          {" · "}
          <Link href="/login" className="text-brand-700 underline">
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
