"use client";

// The camera scanner (docs/architecture.md "Camera scanning"): a modal dialog — a bottom sheet on a phone — that
// shows the rear camera, reads barcodes and QR codes from it, and hands each code to its caller. Loaded only when
// a Scan button is pressed (./scan-button.tsx), and its decoder only then too (./detector.ts). Typing a code works
// in every case, camera or not. In "single" mode the first code closes it; in "continuous" mode it stays open,
// each code beeps (and vibrates where the phone can), and the caller's answer is shown under the picture.
// Escape, the Close button and a tap on the backdrop close it; the camera stops whenever it closes.
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { normaliseProductCode } from "@/lib/products/product-code";
import { loadDetector } from "./detector";
import { cameraProblem } from "./camera-problem";
import { createScanGate } from "./scan-gate";

/** What the caller says about a code, shown in continuous mode. */
export interface ScanFeedback {
  tone: "success" | "warning";
  message: string;
}

export type ScanMode = "single" | "continuous";

/** Pause between two looks at the picture: quick enough to feel instant, and the decoder is not run flat out. */
const SCAN_INTERVAL_MS = 100;

type CameraState = { status: "starting" } | { status: "scanning" } | { status: "unavailable"; message: string };

export interface ScannerDialogProps {
  title: string;
  /** One line under the title: what a scan does here. */
  hint: string;
  mode: ScanMode;
  /** Called with each code scanned or typed; in continuous mode what it returns is shown. */
  onCode: (code: string) => ScanFeedback | void;
  onClose: () => void;
}

export default function ScannerDialog({ title, hint, mode, onCode, onClose }: ScannerDialogProps) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<CameraState>({ status: "starting" });
  const [feedback, setFeedback] = useState<ScanFeedback | null>(null);
  const [typed, setTyped] = useState("");
  // The latest callbacks, for the scanning loop started once when the dialog opens.
  const handlers = useRef({ onCode, onClose, mode });
  useEffect(() => {
    handlers.current = { onCode, onClose, mode };
  });
  const beeper = useRef<Beeper | null>(null);

  function take(raw: string) {
    // A GS1 Code 128 carries invisible separators, and blanks are never part of a code.
    const code = normaliseProductCode(raw);
    if (!code) return;
    beeper.current?.beep();
    const answer = handlers.current.onCode(code);
    if (handlers.current.mode === "single") handlers.current.onClose();
    else setFeedback(answer ?? null);
  }
  const takeRef = useRef(take);
  useEffect(() => {
    takeRef.current = take;
  });

  useEffect(() => {
    const dialog = dialogRef.current!;
    dialog.showModal();
    beeper.current = createBeeper();
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function start() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera({ status: "unavailable", message: cameraProblem(null, window.isSecureContext) });
        return;
      }
      // The decoder's script loads while the person answers the camera prompt (its .wasm with the first look).
      const loading = loadDetector();
      loading.catch(() => undefined); // Reported below, once the camera is on; unused without a camera.
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
      } catch (error) {
        if (!stopped) setCamera({ status: "unavailable", message: cameraProblem(error, window.isSecureContext) });
        return;
      }
      if (stopped) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      let detector;
      try {
        detector = await loading;
      } catch {
        if (!stopped) {
          setCamera({ status: "unavailable", message: "The scanner could not start — type the code instead." });
        }
        return;
      }
      if (stopped) return;
      setCamera({ status: "scanning" });
      const gate = createScanGate();
      const look = async () => {
        if (stopped) return;
        if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const codes = await detector.detect(video).catch(() => []);
          if (stopped) return;
          for (const code of gate.offer(
            codes.map((found) => found.rawValue),
            performance.now(),
          )) {
            takeRef.current(code);
            if (stopped || handlers.current.mode === "single") return;
          }
        }
        timer = setTimeout(look, SCAN_INTERVAL_MS);
      };
      void look();
    }
    void start();

    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      beeper.current?.close();
      if (dialog.open) dialog.close();
    };
  }, []);

  function submitTyped() {
    setTyped("");
    take(typed);
  }

  const titleId = `${id}-title`;
  const statusText =
    camera.status === "starting"
      ? "Starting the camera…"
      : camera.status === "scanning"
        ? "Point the camera at a barcode or QR code."
        : camera.message;

  // In <body>, not where the button is: the request form's button sits inside its <form>.
  return createPortal(
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={`${id}-hint`}
      onCancel={(event) => {
        // Escape: closed by the caller, which unmounts the dialog (and stops the camera).
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A tap on the backdrop (the dialog element itself, outside its panel) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-0 mt-auto max-h-[100dvh] w-full max-w-none overflow-y-auto rounded-t-2xl bg-white p-0 shadow-xl backdrop:bg-slate-900/60 sm:m-auto sm:max-w-lg sm:rounded-2xl"
    >
      <div className="space-y-3 p-4">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            <p id={`${id}-hint`} className="text-sm text-slate-600">
              {hint}
            </p>
          </div>
          <Button type="button" variant="secondary" onClick={onClose} className="shrink-0">
            Close
          </Button>
        </div>
        {camera.status !== "unavailable" && (
          <div className="relative aspect-[4/3] w-full overflow-hidden rounded-lg bg-slate-900">
            <video
              ref={videoRef}
              muted
              playsInline
              aria-label="Camera picture"
              className="h-full w-full object-cover"
            />
            {/* Where to hold the code: a guide only, the whole picture is read. */}
            <div
              aria-hidden="true"
              className="pointer-events-none absolute inset-x-[12%] inset-y-[28%] rounded-lg border-2 border-white/80"
            />
          </div>
        )}
        <p
          role={camera.status === "unavailable" ? "alert" : "status"}
          className={cn(
            "text-sm",
            camera.status === "unavailable"
              ? "rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
              : "text-slate-600",
          )}
        >
          {statusText}
        </p>
        {mode === "continuous" && (
          <div role="status" aria-live="polite" className="min-h-6 text-sm">
            {feedback && (
              <p className={feedback.tone === "success" ? "font-medium text-green-800" : "text-amber-900"}>
                {feedback.message}
              </p>
            )}
          </div>
        )}
        {/* Not a <form>: React passes a submit up through the portal to the request form's own handler. */}
        <div className="space-y-1.5">
          <label htmlFor={`${id}-code`} className="block text-sm font-medium text-slate-800">
            Or type the code
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-code`}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  submitTyped();
                }
              }}
              maxLength={64}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="off"
              spellCheck={false}
              enterKeyHint="go"
              placeholder="Barcode or SKU"
              className={controlClasses(undefined, "min-h-11 min-w-0 flex-1")}
            />
            <Button type="button" onClick={submitTyped}>
              Use code
            </Button>
          </div>
        </div>
      </div>
    </dialog>,
    document.body,
  );
}

interface Beeper {
  beep(): void;
  close(): void;
}

/** A short beep (WebAudio) and a buzz (where the device vibrates): made when the dialog opens, a user gesture. */
function createBeeper(): Beeper {
  let audio: AudioContext | null = null;
  try {
    audio = new AudioContext();
  } catch {
    audio = null;
  }
  return {
    beep() {
      navigator.vibrate?.(60);
      if (!audio) return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 1_760;
      gain.gain.value = 0.08;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.08);
    },
    close() {
      void audio?.close().catch(() => undefined);
    },
  };
}
