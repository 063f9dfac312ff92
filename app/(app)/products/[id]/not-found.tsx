import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** An unknown product id and another company's look the same. */
export default function ProductNotFound() {
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">Product not found</h1>
        <p className="mt-2 text-slate-600">
          There is no such product in your company. It may have been mistyped, or the link belongs to another company.
        </p>
        <ButtonLink href="/products" variant="secondary" className="mt-4">
          Back to products
        </ButtonLink>
      </Card>
    </div>
  );
}
