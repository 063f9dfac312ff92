// The web app manifest (/manifest.webmanifest, linked from every page by Next.js): what makes StockFlow installable
// (docs/architecture.md "Installable app and service worker"). Icons come from scripts/generate-icons.mjs; the colours
// are the app's (app/globals.css: brand-600 bars, slate-50 background). /start sends each person to their home.
import type { MetadataRoute } from "next";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "StockFlow",
    short_name: "StockFlow",
    description: "Inventory and order approvals for teams that run real warehouses.",
    start_url: "/start",
    scope: "/",
    display: "standalone",
    theme_color: "#1f57d6",
    background_color: "#f8fafc",
    categories: ["business", "productivity"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
