// The production build (.next) the server tests run against: built once per run when missing or older than the
// sources (scripts/lib/build.ts). Test files run in parallel, so the first to need a build takes a lock directory
// and builds; the others wait for it and reuse that build (tests/integration/server-faults.test.ts and
// tests/integration/security/ share one `next build`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { copyScannerWasm } from "../../scripts/copy-scanner-wasm.mjs";
import { NEXT_BIN, needsBuild } from "../../scripts/lib/build";

const LOCK = path.resolve(".next-build.lock");
/** A lock older than this was left by a crashed run. */
const STALE_LOCK_MS = 15 * 60_000;

function tryLock(): boolean {
  try {
    fs.mkdirSync(LOCK);
    return true;
  } catch {
    const held = fs.statSync(LOCK, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

export async function ensureProductionBuild(): Promise<void> {
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    // As `npm run build` and the start script do: the scanner's decoder is served from public/.
    copyScannerWasm();
    if (!needsBuild()) return;
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
