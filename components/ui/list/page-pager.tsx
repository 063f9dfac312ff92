import Link from "next/link";
import { buttonClasses } from "../button";

/**
 * Previous / next links of a list paged by number (short lists: members, a stocktake's products, the platform's
 * companies); `href(page)` builds each page's address with the list's other parameters kept. Keyset lists use
 * CursorPager. Nothing at all when the list fits one page.
 */
export function PagePager({
  label,
  page,
  hasNext,
  pageCount,
  href,
}: {
  label: string;
  page: number;
  hasNext: boolean;
  /** When the list knows it: "Page 2 of 5". */
  pageCount?: number;
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
      <span className="text-sm text-slate-600">
        Page {page}
        {pageCount !== undefined && ` of ${pageCount}`}
      </span>
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
