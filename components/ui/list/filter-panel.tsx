"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "../cn";

/**
 * The fields of a FilterForm behind a "Filters" button on a phone, where open filters would push the list below the
 * fold; from md up they are always open and the button is not shown. The button counts the filters set, so a
 * narrowed list says so while closed; a field with an error opens the panel. Closed fields still submit (a hidden
 * field is sent with its form), so Apply and the search keep them.
 */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  // A field the page marked invalid must be seen: open once it is on screen.
  useEffect(() => {
    if (panel.current?.querySelector('[aria-invalid="true"]')) setOpen(true);
  }, []);

  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={active > 0 ? `Filters, ${active} set` : "Filters"}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 md:hidden"
      >
        <svg
          viewBox="0 0 20 20"
          className="size-4"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M3 5h14M6 10h8M9 15h2" strokeLinecap="round" />
        </svg>
        Filters
        {active > 0 && (
          <span
            aria-hidden="true"
            className="inline-flex min-w-6 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
          >
            {active}
          </span>
        )}
      </button>
      <div id={panelId} ref={panel} className={cn(!open && "max-md:hidden")}>
        {children}
      </div>
    </>
  );
}
