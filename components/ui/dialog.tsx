"use client";

// A modal dialog on the browser's own <dialog> (showModal): the rest of the page is inert while it is open, so
// focus stays inside; Escape closes it; it is labelled by its title and described by its description; closing
// puts focus back on what opened it. On a phone it is a sheet along the bottom of the screen (clear of the
// home indicator), on wider screens a centred box (docs/architecture.md "Decisions on a phone"). An owner whose
// step removes the opener (a decision takes its own button away) names where focus goes instead; an opener gone
// anyway leaves focus on the page's main region, never on nothing.
import { useEffect, useId, useRef } from "react";
import { cn } from "./cn";

export function Dialog({
  open,
  onClose,
  title,
  description,
  returnFocusTo,
  children,
}: {
  open: boolean;
  /** Called when the dialog closes by itself (Escape); the owner sets `open` to false. */
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  /** Where focus goes on closing, instead of the opener (null: the opener after all). */
  returnFocusTo?: () => HTMLElement | null;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  const returnTarget = useRef(returnFocusTo);
  useEffect(() => {
    returnTarget.current = returnFocusTo;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // The control marked for it (a note below other controls), else the first field or button.
      (
        dialog.querySelector<HTMLElement>("[data-autofocus]") ??
        dialog.querySelector<HTMLElement>("textarea, input:not([type=hidden]), button")
      )?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    // Back to what opened it once the dialog is gone — closed, or taken off the page while open (the opener may
    // have been re-rendered meanwhile, or be gone with it).
    const restoreFocus = () => {
      const target = returnTarget.current?.() ?? opener.current;
      opener.current = null;
      if (target?.isConnected) target.focus();
      else if (target) document.getElementById("main")?.focus();
    };
    if (!open) {
      restoreFocus();
      return;
    }
    const dialog = ref.current;
    return () => {
      if (!dialog?.isConnected) restoreFocus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => {
        if (open) onClose();
      }}
      className={cn(
        "m-0 mt-auto w-full max-w-none rounded-t-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50",
        "sm:m-auto sm:max-w-lg sm:rounded-2xl",
      )}
    >
      {open && (
        <div className="space-y-4 px-4 pt-5 pb-[max(1.25rem,env(safe-area-inset-bottom))] sm:px-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="text-sm text-slate-700">
              {description}
            </div>
          )}
          {children}
        </div>
      )}
    </dialog>
  );
}
