import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** An unknown request id, another company's and (for staff) someone else's all look the same. */
export default function RequestNotFound() {
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">Request not found</h1>
        <p className="mt-2 text-slate-600">
          There is no such request that you can open. The link may be mistyped, or the request belongs to a company you
          are not a member of.
        </p>
        <ButtonLink href="/requests" variant="secondary" className="mt-4">
          Back to requests
        </ButtonLink>
      </Card>
    </div>
  );
}
