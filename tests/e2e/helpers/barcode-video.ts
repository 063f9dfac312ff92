// A video of one EAN-13 barcode for Chromium's fake camera (the "scanning" project in playwright.config.ts,
// `--use-file-for-fake-video-capture`), drawn here at run time so no binary is committed: a Y4M file, 640×480,
// black bars on white with the standard quiet zones for a second, then a second of white — the label held up and
// taken away, so each loop (Chromium loops the file) is one more scan. Linux
// Chromium has no native BarcodeDetector, so the app decodes it with its WebAssembly fallback.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ean13 } from "../../../lib/products/product-code";

/**
 * The demo product the video shows: Acme's 11th catalogue product ("Tape measure 5 m"), whose barcode prisma/seed.ts
 * makes as `200` + the slug's length + the product's number, with its check digit. The specs look it up by this
 * barcode, so a change to the seed fails there, not silently.
 */
export const VIDEO_BARCODE = ean13("200400000011");

const WIDTH = 640;
const HEIGHT = 480;
/** Frames of the label, then as many of nothing: one second each at 30 frames a second. */
const FRAMES = 30;
/** Pixels per module: 95 modules + 2 × 11 quiet = 585 px of the 640. */
const MODULE = 5;

// EAN-13 symbol sets, as bit strings of 7 modules (1 = bar). R is L inverted; G is R reversed.
const L = [
  "0001101",
  "0011001",
  "0010011",
  "0111101",
  "0100011",
  "0110001",
  "0101111",
  "0111011",
  "0110111",
  "0001011",
];
const R = L.map((code) => [...code].map((bit) => (bit === "1" ? "0" : "1")).join(""));
const G = R.map((code) => [...code].reverse().join(""));
/** Which set each of the 6 left digits uses, by the first digit (which is encoded only this way). */
const PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"];

/** The 95 modules of an EAN-13 (guards included), 1 = bar. */
export function ean13Modules(code: string): string {
  if (!/^\d{13}$/.test(code)) throw new Error(`Not an EAN-13: ${code}`);
  const digits = [...code].map(Number);
  const parity = PARITY[digits[0]!]!;
  const left = digits
    .slice(1, 7)
    .map((digit, i) => (parity[i] === "L" ? L : G)[digit])
    .join("");
  const right = digits
    .slice(7)
    .map((digit) => R[digit])
    .join("");
  return `101${left}01010${right}101`;
}

/** One 4:2:0 frame's luma plane: the barcode centred, bars from a fifth to four fifths of the height. */
function lumaPlane(code: string): Buffer {
  const modules = ean13Modules(code);
  const plane = Buffer.alloc(WIDTH * HEIGHT, 255);
  const left = Math.floor((WIDTH - modules.length * MODULE) / 2);
  for (let y = Math.floor(HEIGHT / 5); y < Math.floor((HEIGHT * 4) / 5); y += 1) {
    for (let m = 0; m < modules.length; m += 1) {
      if (modules[m] === "1") plane.fill(0, y * WIDTH + left + m * MODULE, y * WIDTH + left + (m + 1) * MODULE);
    }
  }
  return plane;
}

/** The Y4M file's bytes: header, then FRAMES × the label and FRAMES × white ("FRAME\n", Y, U, V; neutral chroma). */
export function barcodeY4m(code: string): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
  const chroma = Buffer.alloc((WIDTH * HEIGHT) / 2, 128);
  const label = Buffer.concat([Buffer.from("FRAME\n"), lumaPlane(code), chroma]);
  const nothing = Buffer.concat([Buffer.from("FRAME\n"), Buffer.alloc(WIDTH * HEIGHT, 255), chroma]);
  return Buffer.concat([
    header,
    ...Array.from({ length: FRAMES }, () => label),
    ...Array.from({ length: FRAMES }, () => nothing),
  ]);
}

/**
 * Writes the video (atomically: each Playwright process loads the config, and a browser may be reading it) and
 * returns its path; one per port, so two runs on one machine never share a file.
 */
export function writeBarcodeVideo(port: number): string {
  const file = path.join(os.tmpdir(), `stockflow-scan-${port}.y4m`);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, barcodeY4m(VIDEO_BARCODE));
  fs.renameSync(temporary, file);
  return file;
}
