import Link from "@/components/ui/link";
import { buttonClasses } from "../button";
import { cn } from "../cn";

/**
 * The page a link asks for: after a row (older, next), before one (previous), or neither (the first page). Both
 * keys are always present, so `{ ...query, ...cursor }` replaces the current page's cursor instead of keeping it.
 */
export interface PageCursor {
  after: string | undefined;
  before: string | undefined;
}

export interface CursorPagerProps {
  /** The navigation's name for screen readers ("Request pages"). */
  label: string;
  /** The list's address for a page, with its current filters kept: the caller's href builder. */
  href: (cursor: PageCursor) => string;
  firstPage: boolean;
  nextCursor: string | null;
  previousCursor?: string | null;
  /** The links' words: first ("Back to newest"), next ("Older requests"), previous ("Previous"). */
  labels: { first: string; next: string; previous?: string };
  className?: string;
}

/**
 * The links between the pages of a keyset list (lib/list/keyset-cursor.ts): previous and next as buttons, the
 * way back to the first page as a link; nothing at all when the list fits one page.
 */
export function CursorPager({
  label,
  href,
  firstPage,
  nextCursor,
  previousCursor,
  labels,
  className,
}: CursorPagerProps) {
  if (firstPage && !nextCursor && !previousCursor) return null;
  const first = !firstPage && (
    <Link href={href({ after: undefined, before: undefined })} className="text-sm font-medium text-brand-700 underline">
      {labels.first}
    </Link>
  );
  return (
    <nav aria-label={label} className={cn("flex flex-wrap items-center justify-between gap-2", className)}>
      {previousCursor ? (
        <Link href={href({ after: undefined, before: previousCursor })} className={buttonClasses("secondary")}>
          {labels.previous ?? "Previous"}
        </Link>
      ) : (
        first || <span />
      )}
      {previousCursor && first}
      {nextCursor ? (
        <Link href={href({ after: nextCursor, before: undefined })} className={buttonClasses("secondary")}>
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
