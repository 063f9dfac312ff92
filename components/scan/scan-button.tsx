"use client";

// A "Scan" button that opens the camera scanner (docs/architecture.md "Camera scanning"). Only this button is in
// the page's first load: the dialog's code is fetched when it is first pressed (next/dynamic), and the
// WebAssembly decoder, where needed, only after that (./detector.ts). Focus returns to the button on close. Disabled
// until the page has hydrated: before that a tap would do nothing.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ScanFeedback, ScanMode } from "./scanner-dialog";

const ScannerDialog = dynamic(() => import("./scanner-dialog"), { ssr: false });

export function ScanButton({
  label = "Scan",
  title,
  hint,
  mode,
  onCode,
  variant = "secondary",
  className,
}: {
  label?: string;
  title: string;
  hint: string;
  mode: ScanMode;
  onCode: (code: string) => ScanFeedback | void;
  variant?: ButtonVariant;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const button = useRef<HTMLButtonElement>(null);
  // Back to the button once the dialog is gone: while a modal dialog is open, nothing outside it takes focus.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <Button
        ref={button}
        type="button"
        variant={variant}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={!hydrated}
        onClick={() => setOpen(true)}
        className={className}
      >
        <CameraIcon />
        {label}
      </Button>
      {open && <ScannerDialog title={title} hint={hint} mode={mode} onCode={onCode} onClose={() => setOpen(false)} />}
    </>
  );
}

function CameraIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M3 7h3l2-3h8l2 3h3v13H3z" strokeLinejoin="round" />
      <circle cx="12" cy="13" r="4" />
    </svg>
  );
}
