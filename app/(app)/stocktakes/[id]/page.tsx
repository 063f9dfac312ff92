import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { SearchForm } from "@/components/stock/search-form";
import { StocktakeCounter, StocktakeLineList } from "@/components/stocktakes/stocktake-counter";
import { StocktakeStatusBadge } from "@/components/stocktakes/stocktake-status-badge";
import { StocktakeSteps } from "@/components/stocktakes/stocktake-steps";
import { ButtonLink } from "@/components/ui/button";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { requireTenant } from "@/lib/auth/context";
import { searchText } from "@/lib/fields";
import { cursorParams } from "@/lib/list/keyset-page";
import { orNotFound } from "@/lib/page";
import {
  decodeStocktakeLineCursor,
  getStocktake,
  STOCKTAKE_LINE_VIEWS,
  type StocktakeLineView,
} from "@/lib/stocktakes/get-stocktake";
import { formatStocktakeNumber } from "@/lib/stocktakes/stocktake-fields";
import { expectedRevealed, thresholdText } from "@/lib/stocktakes/stocktake-rules";
import { bookStocktakeAction, cancelStocktakeAction, countStocktakeAction, finishStocktakeAction } from "../actions";

export const metadata: Metadata = { title: "Stocktake" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const whole = new Intl.NumberFormat("en-US");

const VIEW_LABELS: Record<StocktakeLineView, string> = {
  all: "All",
  uncounted: "Not counted",
  recount: "To recount",
};

export default async function StocktakePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const { id } = await params;
  const query = await searchParams;
  const search = searchText(query.q);
  const view: StocktakeLineView = (STOCKTAKE_LINE_VIEWS as readonly string[]).includes(String(query.view))
    ? (query.view as StocktakeLineView)
    : "all";
  const at = cursorParams(query.after, query.before, decodeStocktakeLineCursor);
  const stocktake = await orNotFound(getStocktake(ctx, { stocktakeId: id, search, view, ...at }));
  const number = formatStocktakeNumber(stocktake.number);
  const path = `/stocktakes/${stocktake.id}`;
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: stocktake.timeZone,
  });
  const href = (next: { view?: StocktakeLineView; cursor?: PageCursor; search?: string }) => {
    const params = new URLSearchParams();
    const shownView = next.view ?? view;
    if (shownView !== "all") params.set("view", shownView);
    const q = next.search ?? search;
    if (q) params.set("q", q);
    if (next.cursor?.after) params.set("after", next.cursor.after);
    else if (next.cursor?.before) params.set("before", next.cursor.before);
    const text = params.toString();
    return text ? `${path}?${text}` : path;
  };
  const { progress } = stocktake;
  const steps = (["finish", "book", "cancel"] as const).filter((step) => stocktake.can[step]);
  const recounting = stocktake.status === "COUNTED";

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/stocktakes" className="text-brand-700 underline">
            Stocktakes
          </Link>
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-bold text-slate-900">
            {number} at {stocktake.location.name}
          </h1>
          <StocktakeStatusBadge status={stocktake.status} blind={stocktake.blind} />
          {/* Everyone's counts and steps as they happen (docs/architecture.md §8, live updates). */}
          <LiveRefresh topics={{ stocktakes: [stocktake.id] }} />
        </div>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-900">Progress</dt>
          <dd>
            {whole.format(progress.counted)} of {whole.format(progress.lines)} products counted
            {progress.recountRequested > 0 && `, ${whole.format(progress.recountRequested)} to recount`}
          </dd>
          <dt className="font-medium text-slate-900">Recount</dt>
          <dd>{thresholdText(stocktake.threshold)}</dd>
          <dt className="font-medium text-slate-900">Started</dt>
          <dd>
            {moment.format(stocktake.createdAt)} by {stocktake.createdBy}
          </dd>
          {stocktake.finished && (
            <>
              <dt className="font-medium text-slate-900">Counting finished</dt>
              <dd>
                {moment.format(stocktake.finished.at)} by {stocktake.finished.by}
              </dd>
            </>
          )}
          {stocktake.booked && (
            <>
              <dt className="font-medium text-slate-900">Booked</dt>
              <dd>
                {moment.format(stocktake.booked.at)} by {stocktake.booked.by}
              </dd>
            </>
          )}
          {stocktake.cancelled && (
            <>
              <dt className="font-medium text-slate-900">Cancelled</dt>
              <dd>
                {moment.format(stocktake.cancelled.at)} by {stocktake.cancelled.by}
              </dd>
            </>
          )}
        </dl>
        {stocktake.blind && !stocktake.revealed && (
          <p className="mt-3 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            A blind stocktake: count what is on the shelf. What the books expect, and every difference, show once it is
            booked.
          </p>
        )}
        {expectedRevealed(stocktake) && progress.counted > 0 && (
          <div className="mt-4 flex flex-wrap gap-2">
            <ButtonLink href={`${path}/report`} variant="secondary">
              Variance report
            </ButtonLink>
          </div>
        )}
      </div>

      <StocktakeSteps
        target={{
          id: stocktake.id,
          number: stocktake.number,
          version: stocktake.version,
          locationName: stocktake.location.name,
          blind: stocktake.blind,
          progress,
          threshold: thresholdText(stocktake.threshold),
        }}
        steps={[...steps]}
        actions={{ finish: finishStocktakeAction, book: bookStocktakeAction, cancel: cancelStocktakeAction }}
        bookOperationId={crypto.randomUUID()}
      />

      {recounting && progress.recountRequested > 0 && view !== "recount" && (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {whole.format(progress.recountRequested)}{" "}
          {progress.recountRequested === 1 ? "product needs" : "products need"} a recount before booking.{" "}
          <Link href={href({ view: "recount", search: "" })} className="font-medium underline">
            Show what to recount
          </Link>
        </p>
      )}

      <section aria-labelledby="lines-heading" className="space-y-4">
        <h2 id="lines-heading" className="text-lg font-semibold text-slate-900">
          Products
        </h2>
        <nav aria-label="Show products" className="flex flex-wrap gap-2">
          {STOCKTAKE_LINE_VIEWS.map((option) => (
            <Link
              key={option}
              href={href({ view: option, search: "" })}
              aria-current={option === view && !search ? "page" : undefined}
              className={
                option === view && !search
                  ? "inline-flex min-h-10 items-center rounded-full bg-brand-600 px-4 text-sm font-semibold text-white"
                  : "inline-flex min-h-10 items-center rounded-full border border-slate-300 bg-white px-4 text-sm font-medium text-slate-700"
              }
            >
              {VIEW_LABELS[option]}
            </Link>
          ))}
        </nav>
        <SearchForm
          id="stocktake-line-search"
          label="Find a product"
          action={path}
          search={search}
          hidden={view === "all" ? {} : { view }}
        />
        <p className="text-sm text-slate-600" aria-live="polite">
          {search
            ? `${whole.format(stocktake.lines.total)} ${stocktake.lines.total === 1 ? "product matches" : "products match"} “${search}”. `
            : `${whole.format(stocktake.lines.total)} ${stocktake.lines.total === 1 ? "product" : "products"} here. `}
          {search && (
            <Link href={href({ search: "" })} className="text-brand-700 underline">
              Show the stocktake&apos;s products
            </Link>
          )}
        </p>
        {stocktake.can.count ? (
          <StocktakeCounter
            stocktakeId={stocktake.id}
            recounting={recounting}
            action={countStocktakeAction}
            operationId={crypto.randomUUID()}
            lines={stocktake.lines.rows}
            draftScope={{ userId: ctx.userId, companyId: ctx.companyId }}
          />
        ) : stocktake.lines.rows.length > 0 ? (
          <StocktakeLineList lines={stocktake.lines.rows} />
        ) : null}
        {stocktake.lines.rows.length === 0 && (
          <EmptyState
            title={
              search
                ? "Nothing matches."
                : view === "recount"
                  ? "Nothing to recount."
                  : view === "uncounted"
                    ? "Every product here is counted."
                    : "No products are listed yet."
            }
          >
            {search
              ? "Try part of the name, the SKU or the barcode."
              : stocktake.can.count
                ? "Scan or type a product's code above to count it: it is added as you count."
                : undefined}
          </EmptyState>
        )}
        <CursorPager
          label="Product pages"
          href={(cursor) => href({ cursor })}
          firstPage={!at.after && !at.before}
          nextCursor={stocktake.lines.nextCursor}
          previousCursor={stocktake.lines.previousCursor}
          labels={{ first: "First page", next: "Next", previous: "Previous" }}
        />
      </section>
    </div>
  );
}
