// Builds and serves the service worker (app/sw.ts → /serwist/sw.js, its source map beside it) with Serwist's
// Turbopack integration: at `next build` the worker is bundled by esbuild with the precache list of that build's
// static files injected, and prerendered; the handler then serves the stored result (docs/architecture.md
// "Installable app and service worker"). A public path (lib/auth/routes.ts): the browser checks it for updates
// whether or not anyone is signed in, and it holds nothing personal. Its Service-Worker-Allowed header lets it control
// the whole app from under /serwist/; next.config.mjs adds Cache-Control: no-cache.
import { createSerwistRoute } from "@serwist/turbopack";

const serwist = createSerwistRoute({
  swSrc: "app/sw.ts",
  // Serwist's default patterns, plus the font (next/font/local puts it in .next/static/media).
  globPatterns: [
    ".next/static/**/*.{js,css,html,ico,apng,png,avif,jpg,jpeg,gif,svg,webp,json,webmanifest,woff2}",
    "public/**/*",
  ],
  // The scanner's decoder (1 MB of WebAssembly, public/vendor/) loads only when a scanner opens, and only where the
  // browser has no native BarcodeDetector: it is not worth every install's download.
  globIgnores: ["public/vendor/**"],
  // The native esbuild (an npm package with its binary, already installed by tsx) instead of the slower WASM one.
  useNativeEsbuild: true,
});

export const dynamic = "force-static";
export const dynamicParams = false;
export const revalidate = false;
export const generateStaticParams = serwist.generateStaticParams;
export const GET = serwist.GET;
