import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Logo } from "@/components/layout/logo";
import { getSessionUser } from "@/lib/auth/context";
import { sessionHomePath } from "@/lib/auth/home";

const FEATURES = [
  {
    title: "Requests in, decisions out",
    body: "Staff raise restock and customer-order requests from their phone; managers approve or reject from the request page or straight from the email.",
  },
  {
    title: "Stock that adds up",
    body: "Fulfilment moves stock in one atomic step. Every change is a line in an append-only ledger, so on-hand always equals its history.",
  },
  {
    title: "One company, one view",
    body: "Many companies share StockFlow and each sees only its own data — enforced twice, in the application and in the database.",
  },
  {
    title: "Audited and live",
    body: "Every action is recorded with who, when and what changed, and the dashboard updates as the warehouse moves.",
  },
];

/** The public landing page; someone signed in goes straight to their home (lib/auth/home.ts). */
export default async function LandingPage() {
  const session = await getSessionUser();
  if (session) redirect(sessionHomePath(session));
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <Logo />
          <ButtonLink href="/login" variant="secondary">
            Sign in
          </ButtonLink>
        </div>
      </header>
      <main id="main" className="flex-1">
        <section className="mx-auto max-w-5xl px-4 py-14 sm:py-20">
          <h1 className="max-w-2xl text-3xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Inventory and approvals for teams that run real warehouses
          </h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-600">
            StockFlow keeps every request, approval and stock movement in one place — pleasant on the warehouse floor,
            exact in the books.
          </p>
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <ButtonLink href="/register">Create a company account</ButtonLink>
            <ButtonLink href="/login" variant="secondary">
              Sign in
            </ButtonLink>
          </div>
        </section>
        <section aria-labelledby="features" className="border-t border-slate-200 bg-white">
          <div className="mx-auto max-w-5xl px-4 py-12">
            <h2 id="features" className="sr-only">
              Features
            </h2>
            <ul className="grid gap-6 sm:grid-cols-2">
              {FEATURES.map((feature) => (
                <li key={feature.title}>
                  <h3 className="font-semibold text-slate-900">{feature.title}</h3>
                  <p className="mt-1 text-slate-600">{feature.body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-500">
        StockFlow ·{" "}
        <a className="underline" href="/contact">
          Contact us
        </a>
      </footer>
    </div>
  );
}
