// Barcodes and QR codes as SVG, drawn by bwip-js (docs/architecture.md "Labels") on the server: the labels page is a
// server component, so the browser gets finished markup and none of bwip-js's ~1 MB of JavaScript, and a label looks
// the same whichever browser prints it. bwip-js draws everything, the human-readable digits included, as <path>
// geometry with numeric coordinates: no text, script or style of ours reaches the SVG, so it is safe to inline.
import "server-only";
import bwipjs from "bwip-js/node";
import type { LabelSymbology } from "./barcode-symbology";

/**
 * A barcode with its digits or text printed under it, and a quiet zone of 10 modules either side (Code 128's
 * minimum; EAN-13 and UPC-A ask for 7–11) drawn into the SVG, so a barcode scaled to fill its label keeps it.
 */
export function barcodeSvg(symbology: LabelSymbology, text: string): string {
  return bwipjs.toSVG({
    bcid: symbology,
    text,
    includetext: true,
    textxalign: "center",
    height: 10,
    paddingwidth: 10,
  });
}

/** A QR code at BWIPP's default error correction, level M (readable with up to ~15% of it scuffed). */
export function qrCodeSvg(text: string): string {
  return bwipjs.toSVG({ bcid: "qrcode", text });
}
