import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Previous / next links of a paged list; `href(page)` builds each page's address. */
export function PageLinks({
  label,
  page,
  hasNext,
  href,
}: {
  label: string;
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
}) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClasses("secondary")}>
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">Page {page}</span>
      {hasNext ? (
        <Link href={href(page + 1)} className={buttonClasses("secondary")}>
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
