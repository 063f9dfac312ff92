// Renders StockFlow's icons from the logo mark (components/layout/logo.tsx) with the Chromium the end-to-end tests
// already use (no image library to install), and writes them to public/ where the manifest, the root layout's
// metadata and the service worker's precache find them (docs/architecture.md "Installable app and service worker").
// The outputs are committed: run `node scripts/generate-icons.mjs` after changing the mark or the brand colour.
// - public/icons/icon.svg: the mark itself, the favicon of browsers that take SVG;
// - public/icons/icon-192.png, icon-512.png: the mark on transparency ("any" purpose: shown as is);
// - public/icons/maskable-512.png: full-bleed brand colour with the glyph inside the central 80 % safe zone, since
//   launchers crop maskable icons to circles or squircles;
// - public/icons/apple-touch-icon.png (180): iOS rounds the corners itself and shows transparency as black, so it is
//   full-bleed like the maskable one;
// - public/favicon.ico: 16, 32 and 48 px PNGs in an ICO container, for the browsers and tools that ask for it.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const BRAND = "#1f57d6"; // --color-brand-600 in app/globals.css
const GLYPH =
  '<path d="M8 20l5-5 4 4 7-8" stroke="white" stroke-width="2.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/>';
const out = path.resolve("public");

/** The logo mark: a rounded brand square with the rising line. */
const markSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="${BRAND}"/>${GLYPH}</svg>`;

/** Full-bleed square with the glyph (16 units wide, centred on 16,15.5 in the mark) scaled to `share` of the side. */
function fullBleedSvg(share) {
  const scale = (32 * share) / 16;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${BRAND}"/><g transform="translate(16 16) scale(${scale}) translate(-16 -15.5)">${GLYPH}</g></svg>`;
}

const targets = [
  { file: "icons/icon-192.png", size: 192, svg: markSvg },
  { file: "icons/icon-512.png", size: 512, svg: markSvg },
  // The glyph spans half the side: well inside the 80 % circle every launcher keeps.
  { file: "icons/maskable-512.png", size: 512, svg: fullBleedSvg(0.5) },
  { file: "icons/apple-touch-icon.png", size: 180, svg: fullBleedSvg(0.56) },
  { file: "favicon-16.png", size: 16, svg: markSvg, ico: true },
  { file: "favicon-32.png", size: 32, svg: markSvg, ico: true },
  { file: "favicon-48.png", size: 48, svg: markSvg, ico: true },
];

/** An ICO file whose images are PNGs (allowed since Windows Vista; every current browser reads them). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const icoImages = [];
  fs.mkdirSync(path.join(out, "icons"), { recursive: true });
  fs.writeFileSync(path.join(out, "icons/icon.svg"), `${markSvg}\n`);
  for (const { file, size, svg, ico: forIco } of targets) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    if (forIco) icoImages.push({ size, png });
    else fs.writeFileSync(path.join(out, file), png);
  }
  fs.writeFileSync(path.join(out, "favicon.ico"), ico(icoImages));
} finally {
  await browser.close();
}
console.log("icons written to public/ and public/icons/");
