// Whether the production build (.next) is older than the sources it was built from: `npm start` rebuilds then,
// and the server tests (tests/integration/server-faults.test.ts) build before they start the server.
import fs from "node:fs";
import path from "node:path";

export const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "emails",
  "public",
  "proxy.ts",
  "scripts/serve.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "package.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (name === "generated" || name === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function needsBuild(): boolean {
  const buildId = path.resolve(".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((entry) => newestMtime(entry) > built);
}
