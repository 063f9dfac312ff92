// `prisma generate` without Prisma's native schema engine (it would be downloaded, which fails offline).
// The CLI only needs an engine path to exist; the stub refuses loudly so that no other command "succeeds" on it.
// Migrations go through scripts/migrate.ts (Prisma's WASM schema engine) instead.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const stub = path.join(os.tmpdir(), "stockflow-no-schema-engine.sh");
fs.writeFileSync(
  stub,
  '#!/bin/sh\necho "The native Prisma schema engine is not used here: run npm run db:migrate / db:diff." >&2\nexit 1\n',
  { mode: 0o755 },
);
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
