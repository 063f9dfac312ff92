import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link without prefetching (docs/architecture.md §3, "Cost of a page"): every page here is dynamic and none has
 * a loading.tsx, so a prefetch brings only the route's tree and metadata — two requests per link in view, through
 * the proxy and the session's cookie, for a click that fetches the page anyway. A page of 40 products held 80 of
 * them, the dashboard 16. `prefetch` may still be set where a link's prefetch is worth it.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
