import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import "./globals.css";

// Bundled from npm at build time: no font is fetched from the network.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});

export const metadata: Metadata = {
  title: { default: "StockFlow", template: "%s · StockFlow" },
  description: "Inventory and order approvals for teams that run real warehouses.",
  applicationName: "StockFlow",
  // Rendered from the logo by scripts/generate-icons.mjs; the manifest (app/manifest.ts) lists the install icons.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icons/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
  },
  appleWebApp: { capable: true, title: "StockFlow", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#1f57d6",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry the nonce of that request's Content-Security-Policy
  // (proxy.ts, lib/http/security-headers.ts), which a page prerendered at build time could not know.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans">
        {children}
        {/* The service worker exists in production builds only (app/serwist/[path]/route.ts). */}
        <ServiceWorkerRegistration enabled={process.env.NODE_ENV === "production"} />
      </body>
    </html>
  );
}
