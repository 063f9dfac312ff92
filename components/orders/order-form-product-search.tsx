"use client";

import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import { ScanButton } from "@/components/scan/scan-button";
import { controlClasses } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { rememberProducts, searchDeviceProducts } from "@/lib/offline/device-products";
import type { OrderProductMatch } from "@/lib/orders/find-order-products";

/** What the form tells the search: the request's location changed, so shown matches are asked again there. */
export interface ProductSearchHandle {
  relocate: (locationId: string) => void;
}

export type ProductMatch = Pick<
  OrderProductMatch,
  "productId" | "sku" | "name" | "unit" | "packSize" | "exact" | "available"
> & {
  /** Answered from this device's offline cache: availability may be out of date. */
  cached?: boolean;
};

/** Typing waits this long for the next key before it searches; a scanner's Enter searches at once. */
export const SEARCH_DELAY_MS = 250;

const count = new Intl.NumberFormat("en-US");

interface Results {
  query: string;
  locationId: string;
  matches: ProductMatch[];
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

const SEARCH_FAILED = "The search did not work: check the connection and try again.";

async function requestProducts(params: URLSearchParams, locationId: string, signal: AbortSignal) {
  if (locationId) params.set("locationId", locationId);
  let response: Response;
  try {
    // Not followed: without a session the app redirects to the sign-in page, which is no answer to a search.
    response = await fetch(`/api/requests/products?${params}`, {
      signal,
      redirect: "manual",
      headers: { accept: "application/json" },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    // No connection: a search is answered from the products saved on this device (the offline queue's cache).
    const query = params.get("q");
    if (query) return searchDeviceProducts(query);
    throw new Error(SEARCH_FAILED);
  }
  if (response.type === "opaqueredirect") throw new Error("Your session has ended: reload the page to sign in.");
  if (!response.ok) {
    // The route's message (tenantRoute answers errors as plain text a person can read).
    const reason = (await response.text().catch(() => "")).trim();
    throw new Error(reason || SEARCH_FAILED);
  }
  const matches = (await response.json()) as OrderProductMatch[];
  rememberProducts(matches, locationId);
  return matches;
}

/** The products matching what was typed or scanned, with what is available at the location; throws the reason. */
export function fetchOrderProducts(query: string, locationId: string, signal: AbortSignal) {
  return requestProducts(new URLSearchParams({ q: query }), locationId, signal);
}

/** These products (the request's lines), with what is available at the location; throws the reason. */
export function fetchProductsById(productIds: string[], locationId: string, signal: AbortSignal) {
  return requestProducts(new URLSearchParams(productIds.map((id) => ["productId", id])), locationId, signal);
}

/**
 * "Add a product": a combobox over the company's products (name, SKU or barcode). Matches show as a listbox
 * under the box (arrow keys and Enter, or a tap). A barcode scanner types the code and presses Enter: an exact
 * single match is added at once and the box is cleared for the next scan. Enter never submits the form.
 */
export function ProductSearch({
  ref,
  locationId,
  locationName,
  onPick,
  quantityOnRequest,
  errors,
  inputRef,
}: {
  locationId: string;
  locationName: string;
  /** Called with the match and the location its availability was read at; returns what to announce. */
  onPick: (match: ProductMatch, availableAt: string) => string;
  /** How many of a product the request already holds (0 when none). */
  quantityOnRequest: (productId: string) => number;
  errors?: string[];
  inputRef?: React.RefObject<HTMLInputElement | null>;
  ref?: Ref<ProductSearchHandle>;
}) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef<AbortController | null>(null);
  const lookups = useRef(new Set<AbortController>());
  // What the box holds now, for answers that arrive after more was typed (the next scan).
  const latestQuery = useRef("");

  const trimmed = query.trim();
  const current = results && results.query === trimmed && results.locationId === locationId ? results : null;
  const matches = current?.matches ?? [];
  const listShown = open && matches.length > 0;

  function stopTyping() {
    clearTimeout(timer.current);
    typing.current?.abort();
    typing.current = null;
  }

  function show(found: Results) {
    setResults(found);
    setActive(-1);
    setOpen(true);
    setAnnouncement(
      found.matches.length === 0
        ? `No products match “${found.query}”.`
        : `${found.matches.length} ${found.matches.length === 1 ? "product" : "products"} found. Use the arrow keys to choose.`,
    );
  }

  function fail(error: unknown) {
    setFailure(error instanceof Error ? error.message : SEARCH_FAILED);
  }

  /** The matches for what is being typed; more typing makes the answer obsolete. */
  function search(text: string, location: string) {
    stopTyping();
    const controller = new AbortController();
    typing.current = controller;
    setLoading(true);
    setFailure(null);
    fetchOrderProducts(text, location, controller.signal).then(
      (found) => {
        if (controller.signal.aborted) return;
        typing.current = null;
        setLoading(false);
        show({ query: text, locationId: location, matches: found });
      },
      (error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        typing.current = null;
        setLoading(false);
        fail(error);
      },
    );
  }

  /**
   * Enter: the one exact match is added (a scan), whatever is typed meanwhile (the next scan does not cancel
   * this one); otherwise the matches are shown, if the box still holds what was looked up.
   */
  function lookUp(text: string, location: string) {
    stopTyping();
    const controller = new AbortController();
    lookups.current.add(controller);
    setLoading(true);
    setFailure(null);
    const stillShown = () => latestQuery.current.trim() === text;
    fetchOrderProducts(text, location, controller.signal)
      .then(
        (found) => decide({ query: text, locationId: location, matches: found }, stillShown()),
        (error: unknown) => {
          if (!isAbort(error) && !controller.signal.aborted) fail(error);
        },
      )
      .finally(() => {
        lookups.current.delete(controller);
        if (!controller.signal.aborted && !typing.current && lookups.current.size === 0) setLoading(false);
      });
  }

  function decide(found: Results, stillShown: boolean) {
    const exact = found.matches.filter((match) => match.exact);
    if (exact.length === 1) {
      if (stillShown) pick(exact[0]!, found.locationId);
      else setAnnouncement(onPick(exact[0]!, found.locationId));
      return;
    }
    if (stillShown) show(found);
    if (found.matches.length > 0) {
      setAnnouncement(
        stillShown
          ? `No product has exactly the barcode or SKU “${found.query}”: choose one from the list.`
          : `Nothing added: no product has exactly the barcode or SKU “${found.query}”.`,
      );
    } else if (!stillShown) {
      setAnnouncement(`Nothing added: no product matches “${found.query}”.`);
    }
  }

  // Availability is per location: matches shown for another one are asked again.
  useImperativeHandle(ref, () => ({
    relocate(location: string) {
      const text = latestQuery.current.trim();
      if (text) search(text, location);
    },
  }));
  useEffect(() => {
    const pending = lookups.current;
    return () => {
      clearTimeout(timer.current);
      typing.current?.abort();
      pending.forEach((controller) => controller.abort());
    };
  }, []);

  function change(text: string) {
    latestQuery.current = text;
    setQuery(text);
    setOpen(true);
    stopTyping();
    setLoading(false);
    setFailure(null);
    const next = text.trim();
    if (!next) {
      setResults(null);
      return;
    }
    timer.current = setTimeout(() => search(next, locationId), SEARCH_DELAY_MS);
  }

  /** A code from the camera: as if typed and Enter pressed, so its one exact match is added (again: +1). */
  function scanned(code: string) {
    change(code);
    lookUp(code, locationId);
  }

  function pick(match: ProductMatch, availableAt: string) {
    stopTyping();
    setAnnouncement(onPick(match, availableAt));
    latestQuery.current = "";
    setQuery("");
    setResults(null);
    setLoading(false);
    setActive(-1);
    setOpen(false);
    inputRef?.current?.focus();
  }

  /** Enter: the highlighted match, or the one exact match (a scan); otherwise say why nothing was added. */
  function enter() {
    if (listShown && active >= 0 && matches[active]) {
      pick(matches[active], current!.locationId);
      return;
    }
    if (!trimmed) return;
    if (current) decide(current, true);
    else lookUp(trimmed, locationId);
  }

  function keyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        if (matches.length > 0) setActive((index) => Math.min(index + 1, matches.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (matches.length > 0) setActive((index) => Math.max(index - 1, 0));
        break;
      case "Escape":
        if (listShown) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          change("");
        }
        break;
      case "Enter":
        // Never the form's submit: a scanner's Enter adds the product instead.
        event.preventDefault();
        enter();
        break;
    }
  }

  const activeId = listShown && active >= 0 ? `${id}-option-${active}` : undefined;
  const hintId = `${inputId}-hint`;

  return (
    <div
      className="space-y-1.5"
      onBlur={(event) => {
        // Tabbing on to another field closes the matches; a tap on a match keeps them until it is added.
        const next = event.relatedTarget as Node | null;
        if (next && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Add a product
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={listShown}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errors?.length && `${inputId}-error`].filter(Boolean).join(" ")}
        value={query}
        onChange={(event) => change(event.target.value)}
        onKeyDown={keyDown}
        onFocus={() => setOpen(true)}
        maxLength={100}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="search"
        placeholder="Name, SKU or barcode"
        className={controlClasses(errors, "min-h-11")}
      />
      <ScanButton
        title="Scan a product"
        hint="Scan a barcode or QR code to add it to the request; scan it again for one more."
        mode="single"
        onCode={scanned}
      />
      <p id={hintId} className="text-sm text-slate-500">
        Type or scan; stock shown is what is available at {locationName}.
      </p>
      {errors?.length ? (
        <p id={`${inputId}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {loading && (
        <p className="text-sm text-slate-500" aria-hidden="true">
          Searching…
        </p>
      )}
      {failure && (
        <p role="alert" className="text-sm text-red-700">
          {failure}
        </p>
      )}
      {open && current && current.matches.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-3 text-sm text-slate-600">
          No products match “{current.query}”.
        </p>
      )}
      {listShown && matches.some((match) => match.cached) && (
        <p className="text-sm text-amber-800">
          Offline: these products are saved on this device; availability may be out of date.
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching products"
        hidden={!listShown}
        className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      >
        {listShown &&
          matches.map((match, index) => {
            const onRequest = quantityOnRequest(match.productId);
            return (
              <li
                key={match.productId}
                id={`${id}-option-${index}`}
                role="option"
                aria-selected={index === active}
                // Keeps the focus in the box, so the next scan goes there too.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(match, current!.locationId)}
                onMouseMove={() => setActive(index)}
                className={cn(
                  "flex min-h-11 cursor-pointer flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-3 py-2",
                  index === active ? "bg-brand-50" : "hover:bg-slate-50",
                )}
              >
                <span className="min-w-0">
                  <span className="block break-words font-medium text-slate-900">{match.name}</span>
                  <span className="block text-sm text-slate-600">
                    {match.sku}
                    {onRequest > 0 && <> · {count.format(onRequest)} on the request</>}
                  </span>
                </span>
                <span className="text-sm text-slate-600">{count.format(match.available)} available here</span>
              </li>
            );
          })}
      </ul>
    </div>
  );
}
