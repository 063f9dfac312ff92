import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** What someone without products.manage sees on the add and edit pages (the server would refuse anyway). */
export function ManagersOnly({ backHref }: { backHref: string }) {
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">Only managers and admins change products</h1>
        <p className="mt-2 text-slate-600">
          You can look products up and see their stock. To add or change one, ask a manager or admin of your company.
        </p>
        <ButtonLink href={backHref} variant="secondary" className="mt-4">
          Back
        </ButtonLink>
      </Card>
    </div>
  );
}
