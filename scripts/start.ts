// `npm start`: one command from a fresh clone to a running StockFlow.
// - no DATABASE_URL: runs the embedded PostgreSQL (data under .data/postgres), provisions its roles, migrates,
//   seeds the demo once; with DATABASE_URL: migrates your server (seeds only with SEED_DEMO=1);
// - builds the app when the sources changed since the last build, then serves it (PORT, default 3000);
// - `--dev` runs `next dev` instead; `--e2e` serves a freshly seeded database for Playwright;
// - `--e2e-secondary` serves a second instance (E2E_SECONDARY_PORT, default 3101) of the running `--e2e` server's
//   build on the same database, for the several-instances test: it waits for that server, and neither migrates,
//   seeds nor builds.
// Ctrl-C stops the app and the embedded database cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_PLATFORM_ADMIN, demoEmail, seedDemo } from "../prisma/seed";
import { createPrismaClient } from "../lib/db/client";
import { APP_ROLE, OWNER_ROLE, SUPERUSER, SYSTEM_ROLE, urlFor } from "../lib/db/roles";
import { ensurePlatformAdmin } from "../lib/platform/ensure-platform-admin";
import { copyScannerWasm } from "./copy-scanner-wasm.mjs";
import { NEXT_BIN, needsBuild } from "./lib/build";
import { serverNodeOptions } from "./lib/server-node";
import { DATA_DIR, E2E_MAIL_DIR, prepareDatabase, type ReadyDatabase } from "./lib/database";
import { loadOrCreateSecrets } from "./lib/local-secrets";

const mode = process.argv.includes("--dev")
  ? "dev"
  : process.argv.includes("--e2e-secondary")
    ? "e2e-secondary"
    : process.argv.includes("--e2e")
      ? "e2e"
      : "start";
// E2E_DATABASE: another name, so that two e2e servers on one PostgreSQL server (two worktrees) never share data.
const E2E_DATABASE = process.env.E2E_DATABASE ?? "stockflow_e2e";
const E2E_EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54330);
const e2ePrimaryPort = Number(process.env.E2E_PORT ?? 3100);
const port = Number(
  process.env.PORT ??
    (mode === "e2e" ? e2ePrimaryPort : mode === "e2e-secondary" ? (process.env.E2E_SECONDARY_PORT ?? 3101) : 3000),
);
const say = (line: string) => console.log(`[stockflow] ${line}`);

const SERVER_SCRIPT = path.resolve("scripts/serve.ts");

/** How long the server may take to stop: its SHUTDOWN_TIMEOUT_MS (default 10 s) plus a margin. */
const CHILD_STOP_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000) + 10_000;

let child: ChildProcess | undefined;
let stopDatabase = async () => {};
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      // The server bounds its own graceful shutdown (scripts/serve.ts); one still running well past that is stuck.
      const stuck = setTimeout(() => child?.kill("SIGKILL"), CHILD_STOP_MS);
      await exited;
      clearTimeout(stuck);
    }
    await stopDatabase();
    say("Stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child?.exitCode !== null && child?.exitCode !== undefined) return false;
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * The database of the running `--e2e` server, for a second instance: the same URLs that server computed (the same
 * server, database and role passwords), without provisioning, migrating or starting anything — the database, and
 * the embedded server when there is one, belong to the first instance.
 */
async function e2ePrimaryDatabase(): Promise<ReadyDatabase> {
  const primary = `http://127.0.0.1:${e2ePrimaryPort}/api/health`;
  say(`Waiting for the first e2e instance (${primary})`);
  if (!(await waitForHttp(primary, 300_000))) {
    throw new Error(`the first e2e instance (npm run e2e:server) is not running at ${primary}`);
  }
  const stop = async () => {};
  // Where prepareDatabase put the first instance: DATABASE_URL's server (only without TEST_DATABASE_URL), …
  if (process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL) {
    const urls = {
      appUrl: process.env.DATABASE_URL,
      systemUrl: process.env.DATABASE_SYSTEM_URL ?? "",
      migrateUrl: process.env.DATABASE_MIGRATE_URL ?? "",
    };
    return { urls, embedded: false, applied: [], stop };
  }
  // … else TEST_DATABASE_URL's server or the embedded one, provisioned with the passwords kept under .data/.
  const secrets = loadOrCreateSecrets(DATA_DIR);
  const serverUrl =
    process.env.TEST_DATABASE_URL ??
    `postgresql://${SUPERUSER}:${encodeURIComponent(secrets.superuserPassword)}@127.0.0.1:${E2E_EMBEDDED_PG_PORT}/postgres`;
  return {
    urls: {
      migrateUrl: urlFor(serverUrl, {
        user: OWNER_ROLE,
        password: secrets.databaseOwnerPassword,
        database: E2E_DATABASE,
      }),
      appUrl: urlFor(serverUrl, { user: APP_ROLE, password: secrets.appPassword, database: E2E_DATABASE }),
      systemUrl: urlFor(serverUrl, { user: SYSTEM_ROLE, password: secrets.systemPassword, database: E2E_DATABASE }),
    },
    embedded: false,
    applied: [],
    stop,
  };
}

async function main() {
  const secondary = mode === "e2e-secondary";
  const e2e = mode === "e2e" || secondary;
  const database = secondary
    ? await e2ePrimaryDatabase()
    : await prepareDatabase({
        database: e2e ? E2E_DATABASE : "stockflow",
        dataDir: path.join(DATA_DIR, e2e ? "e2e-postgres" : "postgres"),
        port: e2e ? E2E_EMBEDDED_PG_PORT : Number(process.env.EMBEDDED_PG_PORT ?? 54329),
        fresh: e2e,
        serverUrl: e2e ? process.env.TEST_DATABASE_URL : undefined,
        log: say,
      });
  stopDatabase = database.stop;

  if (!secondary && (database.embedded || e2e || process.env.SEED_DEMO === "1")) {
    const system = createPrismaClient(database.urls.systemUrl, 2);
    try {
      const created = await seedDemo(system);
      if (created.length > 0) say(`Seeded demo companies: ${created.join(", ")}`);
    } finally {
      await system.$disconnect();
    }
  }
  if (!secondary && process.env.PLATFORM_ADMIN_EMAIL) {
    const system = createPrismaClient(database.urls.systemUrl, 1);
    try {
      await ensurePlatformAdmin(system, { email: process.env.PLATFORM_ADMIN_EMAIL, log: say });
    } finally {
      await system.$disconnect();
    }
  }

  const secrets = loadOrCreateSecrets(DATA_DIR);
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.urls.appUrl,
    DATABASE_SYSTEM_URL: database.urls.systemUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.authSecret,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    // The e2e suite reads the emails the app sends from here (tests/e2e/helpers/mail.ts).
    ...(e2e && { MAIL_DIR: E2E_MAIL_DIR }),
    // The embedded default needs no mail provider: it writes its email to the folder, which a production server
    // otherwise refuses without MAIL_DIR set (lib/env.ts).
    ...(!e2e && database.embedded && !process.env.MAIL_DIR && { MAIL_DIR: path.join(DATA_DIR, "mail") }),
    // Web Push with the key pair kept under .data/ (docs/architecture.md §8, "Push notifications"): only for the
    // embedded default and the e2e server. Anything else takes VAPID_* from its environment, the same on every
    // instance; without them push is off.
    ...((database.embedded || e2e) &&
      !process.env.VAPID_PUBLIC_KEY &&
      !process.env.VAPID_PRIVATE_KEY && {
        VAPID_PUBLIC_KEY: secrets.vapidPublicKey,
        VAPID_PRIVATE_KEY: secrets.vapidPrivateKey,
        VAPID_SUBJECT: process.env.VAPID_SUBJECT ?? "mailto:support@stockflow.local",
      }),
  };
  delete childEnv.DATABASE_MIGRATE_URL;

  // The camera scanner's decoder is served from public/, which Next.js reads when it builds and starts.
  if (!secondary) copyScannerWasm();
  if (secondary) {
    // The first instance built the app just before it started: serve that build, never rebuild it under its feet.
    if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) {
      say("No build to serve: the first e2e instance builds it");
      return shutdown(1);
    }
  } else if (mode !== "dev" && needsBuild()) {
    say("Building the app (first start, or the sources changed) — about a minute");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      stdio: "inherit",
      env: { ...childEnv, NODE_ENV: "production" },
    });
    if (build.status !== 0) {
      say("The build failed (see above)");
      return shutdown(1);
    }
  }

  // The embedded database holds the demo, whose passwords are published: it is served to this machine only unless
  // HOST says otherwise (and then scripts/serve.ts refuses while a demo password is unchanged).
  const loopbackOnly = e2e || (database.embedded && !process.env.HOST);
  const serverEnv = { ...childEnv, PORT: String(port), ...(loopbackOnly && { HOST: "127.0.0.1" }) };
  const serverArgs = [
    ...(mode === "dev" ? [] : serverNodeOptions()),
    "--import",
    "tsx",
    SERVER_SCRIPT,
    ...(mode === "dev" ? ["--dev"] : []),
  ];
  child = spawn(process.execPath, serverArgs, { stdio: "inherit", env: serverEnv });
  child.on("exit", (code) => {
    if (!stopping) {
      say(`The app stopped (exit code ${code ?? "signal"})`);
      void shutdown(code ?? 1);
    }
  });

  if (!(await waitForHttp(`http://127.0.0.1:${port}/`, 120_000))) {
    say("The app did not start listening");
    return shutdown(1);
  }
  say(`Ready: ${appUrl}`);
  if (!secondary && (database.embedded || e2e)) {
    say(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const company of DEMO_COMPANIES) {
      say(
        `  ${company.name}: ${company.people.map((p) => `${demoEmail(company, p.local)} (${p.role.toLowerCase()})`).join(", ")}`,
      );
    }
    say(`  Platform administration (/platform): ${DEMO_PLATFORM_ADMIN.email}`);
  }
  say("Press Ctrl-C to stop");
}

main().catch(async (error: unknown) => {
  console.error(`[stockflow] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
