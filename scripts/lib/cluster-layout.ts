// The production layout of README "Production layout" on this machine (scripts/cluster.ts): HAProxy round-robin in
// front of N instances of the production server (one build, one AUTH_SECRET, one server-actions key), PgBouncer 1.18
// in transaction mode between the instances and PostgreSQL, and each instance's LISTEN connection straight to
// PostgreSQL (DATABASE_LISTEN_URL, docs/architecture.md §9). A fresh database on the given server is provisioned as
// production is (lib/db/roles.ts: a non-superuser owner runs the migrations; app and system roles with passwords)
// and seeded with the demo, whose published passwords are replaced by one made for this run: the instances trust
// the balancer's X-Forwarded-For (TRUST_PROXY=1), and such a server refuses demo passwords (lib/platform/open-demo.ts).
// Mail goes to an SMTP sink in this process (tests/helpers/smtp.ts). Every part runs in a temporary directory and
// stops with stop(), which also drops the database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runSql } from "../../bench/load/generate";
import { provisionBenchDatabase } from "../../bench/provision";
import { createPrismaClient } from "../../lib/db/client";
import { APP_ROLE, dropDatabase, urlFor, type DatabaseUrls } from "../../lib/db/roles";
import { hashPassword } from "../../lib/auth/passwords";
import { seedDemo } from "../../prisma/seed";
import { freePort } from "../../tests/helpers/production-server";
import { startSmtpServer, type TestSmtpServer } from "../../tests/helpers/smtp";
import { NEXT_BIN, needsBuild } from "./build";
import { serverNodeOptions } from "./server-node";

export interface ClusterOptions {
  /** A superuser URL of the PostgreSQL server the database is made on. */
  serverUrl: string;
  database: string;
  instances: number;
  /** The balancer's port (0: any free one). */
  port: number;
  /** Connections per pool per instance (DATABASE_POOL_SIZE): the app pool and the system pool each. */
  poolSize: number;
  /** PgBouncer's server connections for the app role, and for the system role. */
  pgbouncerAppPool: number;
  pgbouncerSystemPool: number;
  say: (line: string) => void;
  /**
   * Data other than the demo (the load benchmark, bench/load/): `populate` fills the fresh database (as the
   * superuser), or "reuse" keeps the one made by an earlier run; its accounts have `password`. `keep`: the database
   * is not dropped at stop().
   */
  data?: { populate: ((superuserUrl: string) => Promise<void>) | "reuse"; password: string; keep: boolean };
  /** Node options for the instances before the server script (e.g. `--cpu-prof`: the load benchmark's profiles). */
  nodeOptions?: string[];
  /**
   * The load benchmark's measure of what row-level security costs: the instances' tenant queries go as a role with
   * the app role's grants and BYPASSRLS (BYPASS_ROLE; the client extension still scopes every query). Never a
   * production setting.
   */
  tenantQueriesBypassRls?: boolean;
}

export interface Instance {
  name: string;
  port: number;
  base: string;
  process: ChildProcess;
  output: () => string;
}

export interface Cluster {
  /** The balancer's URL: what people and the check use. */
  base: string;
  instances: Instance[];
  /** Superuser URL of the database (direct): for the check's reading of the outcome. */
  superuserUrl: string;
  /** The role URLs through PgBouncer, and the direct app URL the LISTEN connections use. */
  pooled: { appUrl: string; systemUrl: string };
  listenUrl: string;
  /** PgBouncer's admin console (SHOW POOLS, …). */
  pgbouncerAdminUrl: string;
  smtp: TestSmtpServer;
  /** The password every demo account has in this run. */
  password: string;
  authSecret: string;
  /** Stops every part and drops the database. */
  stop(): Promise<void>;
}

const PGBOUNCER_ADMIN = "stockflow_cluster_admin";
/** The app role's grants with BYPASSRLS: only for the load benchmark's `tenantQueriesBypassRls`. */
const BYPASS_ROLE = "stockflow_bench_bypass";

/** Makes (or refreshes) BYPASS_ROLE as a member of the app role, with a new password; its URL. */
async function bypassRoleUrl(superuserUrl: string, appUrl: string): Promise<string> {
  const password = randomBytes(12).toString("base64url");
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [BYPASS_ROLE]);
    await client.query(
      `${rowCount ? "ALTER" : "CREATE"} ROLE ${BYPASS_ROLE} LOGIN BYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
    );
    await client.query(`GRANT ${APP_ROLE} TO ${BYPASS_ROLE}`);
  } finally {
    await client.end();
  }
  return urlFor(appUrl, { user: BYPASS_ROLE, password });
}

function which(command: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** PgBouncer's version line, e.g. "PgBouncer 1.18.0". */
export function pgbouncerVersion(): string | null {
  if (!which("pgbouncer")) return null;
  return spawnSync("pgbouncer", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0]?.trim() ?? null;
}

async function waitFor(what: string, timeoutMs: number, ready: () => Promise<boolean>, dead?: () => string | null) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready().catch(() => false)) return;
    const died = dead?.();
    if (died !== null && died !== undefined) throw new Error(`${what} stopped before it was ready\n${died}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function started(command: string, args: string[], env?: NodeJS.ProcessEnv) {
  let output = "";
  const child = spawn(command, args, { env: env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  return {
    child,
    output: () => output,
    exited: () => (child.exitCode !== null || child.signalCode !== null ? output : null),
  };
}

/** A literal for PgBouncer's userlist: double quotes, a quote inside doubled. */
const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * PgBouncer in transaction mode: clients authenticate with SCRAM against the roles' passwords in the userlist
 * (plain text there, so PgBouncer can also answer a server that asks for SCRAM), server connections are pooled per
 * role (1.18 has no per-user pool_size: default_pool_size, capped per role by max_user_connections), and no start-up parameter beyond what it tracks itself is accepted (no ignore_startup_parameters): a client
 * sending `options` would be refused, which the check relies on.
 */
function pgbouncerConfig(options: {
  dir: string;
  port: number;
  server: URL;
  database: string;
  appPool: number;
  systemPool: number;
  passwords: Record<string, string>;
}): string {
  const { dir, port, server, database } = options;
  fs.writeFileSync(
    path.join(dir, "userlist.txt"),
    Object.entries(options.passwords)
      .map(([user, password]) => `${quoted(user)} ${quoted(password)}\n`)
      .join(""),
    { mode: 0o600 },
  );
  return `[databases]
${database} = host=${server.hostname} port=${server.port || 5432} dbname=${database}

[users]
stockflow_app = max_user_connections=${options.appPool}
stockflow_system = max_user_connections=${options.systemPool}
${BYPASS_ROLE} = max_user_connections=${options.appPool}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
pidfile = ${path.join(dir, "pgbouncer.pid")}
logfile = ${path.join(dir, "pgbouncer.log")}
auth_type = scram-sha-256
auth_file = ${path.join(dir, "userlist.txt")}
admin_users = ${PGBOUNCER_ADMIN}
pool_mode = transaction
max_client_conn = 500
default_pool_size = ${options.appPool}
reserve_pool_size = 0
max_db_connections = ${options.appPool + options.systemPool}
server_lifetime = 3600
server_idle_timeout = 600
query_wait_timeout = 30
log_connections = 0
log_disconnections = 0
`;
}

/**
 * HAProxy: round-robin over the instances, each checked at /api/health every second (two failures take it out,
 * one success puts it back), hours of client, server and tunnel timeouts for the event streams, the client's
 * address appended to X-Forwarded-For, a request whose connection to an instance could not be made sent to another
 * (only then: a request an instance may have received is never sent twice), and the
 * instance that answered named in X-StockFlow-Instance (the check counts them).
 */
function haproxyConfig(port: number, instances: { name: string; port: number }[]): string {
  return `global
    maxconn 2000

defaults
    mode http
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-request 10s
    timeout queue 10s
    option forwardfor
    option redispatch
    retries 3
    retry-on conn-failure

frontend stockflow
    bind 127.0.0.1:${port}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /api/health
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
    http-response set-header X-StockFlow-Instance %s
${instances.map((instance) => `    server ${instance.name} 127.0.0.1:${instance.port} check`).join("\n")}
`;
}

/** Gives the seeded demo accounts `password` instead of the published one, as an operator would before opening up. */
async function replaceDemoPasswords(systemUrl: string, password: string): Promise<void> {
  const system = createPrismaClient(systemUrl, 1);
  try {
    const users = await system.user.findMany({ where: { demoPassword: true }, select: { id: true } });
    for (const user of users) {
      await system.user.update({
        where: { id: user.id },
        data: { passwordHash: await hashPassword(password), demoPassword: false },
      });
    }
  } finally {
    await system.$disconnect();
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { say } = options;
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await Promise.resolve(stop()).catch(() => {});
  };
  const killOnStop = (child: ChildProcess) =>
    stops.push(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const stuck = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(stuck);
    });
  try {
    for (const tool of ["haproxy", "pgbouncer"]) {
      if (!which(tool)) throw new Error(`${tool} is not installed (apt-get install -y haproxy pgbouncer)`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stockflow-cluster-"));
    stops.push(() => fs.rmSync(dir, { recursive: true, force: true }));

    const { data } = options;
    const reuse = data?.populate === "reuse";
    say(
      `${reuse ? "Reusing" : "Provisioning"} database ${options.database} (roles, migrations, ${data ? "data" : "demo seed"})`,
    );
    const urls: DatabaseUrls = await provisionBenchDatabase(options.serverUrl, options.database, !reuse);
    // Last to go (stops run in reverse), once nothing is connected: every start makes it afresh anyway.
    if (!data?.keep) stops.push(() => dropDatabase(options.serverUrl, options.database));
    const password = data?.password ?? randomBytes(12).toString("base64url");
    const superuserUrl = urlFor(options.serverUrl, { database: options.database });
    if (data) {
      if (data.populate !== "reuse") await data.populate(superuserUrl);
    } else {
      const system = createPrismaClient(urls.systemUrl, 2);
      try {
        await seedDemo(system);
      } finally {
        await system.$disconnect();
      }
      await replaceDemoPasswords(urls.systemUrl, password);
    }

    const bypassUrl = options.tenantQueriesBypassRls ? await bypassRoleUrl(superuserUrl, urls.appUrl) : null;
    // Dropped once PgBouncer, which connects as it, has stopped: a BYPASSRLS login outlives no run.
    if (bypassUrl) stops.push(() => runSql(superuserUrl, `DROP ROLE IF EXISTS ${BYPASS_ROLE}`));
    const server = new URL(options.serverUrl);
    const rolePassword = (url: string) => decodeURIComponent(new URL(url).password);
    const pgbouncerPort = await freePort();
    const adminPassword = randomBytes(12).toString("base64url");
    fs.writeFileSync(
      path.join(dir, "pgbouncer.ini"),
      pgbouncerConfig({
        dir,
        port: pgbouncerPort,
        server,
        database: options.database,
        appPool: options.pgbouncerAppPool,
        systemPool: options.pgbouncerSystemPool,
        passwords: {
          stockflow_app: rolePassword(urls.appUrl),
          stockflow_system: rolePassword(urls.systemUrl),
          ...(bypassUrl && { [BYPASS_ROLE]: rolePassword(bypassUrl) }),
          [PGBOUNCER_ADMIN]: adminPassword,
        },
      }),
    );
    // PgBouncer refuses to run as root: it drops to the PostgreSQL package's user, which must read its files.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) spawnSync("chown", ["-R", "postgres", dir]);
    const bouncer = started("pgbouncer", [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")]);
    killOnStop(bouncer.child);
    const pooledUrl = (direct: string) => {
      const url = new URL(direct);
      url.host = `127.0.0.1:${pgbouncerPort}`;
      return url.toString();
    };
    const pooled = { appUrl: pooledUrl(urls.appUrl), systemUrl: pooledUrl(urls.systemUrl) };
    const pgbouncerAdminUrl = `postgresql://${PGBOUNCER_ADMIN}:${adminPassword}@127.0.0.1:${pgbouncerPort}/pgbouncer`;
    await waitFor(
      `PgBouncer (${pgbouncerVersion()}) on port ${pgbouncerPort}`,
      10_000,
      async () => {
        const client = new pg.Client({ connectionString: pooled.appUrl });
        await client.connect();
        await client.end();
        return true;
      },
      () => {
        const log = path.join(dir, "pgbouncer.log");
        return bouncer.exited() && `${bouncer.exited()}\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""}`;
      },
    );
    say(`PgBouncer (${pgbouncerVersion()}) in transaction mode on 127.0.0.1:${pgbouncerPort}`);

    if (needsBuild()) {
      say("Building the app (the sources changed since the last build)");
      const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (build.status !== 0) throw new Error("next build failed");
    }

    const smtp = await startSmtpServer();
    stops.push(() => smtp.stop());
    const port = options.port || (await freePort());
    const base = `http://127.0.0.1:${port}`;
    const authSecret = randomBytes(32).toString("base64");
    const shared: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      APP_URL: base,
      NEXTAUTH_URL: base,
      TRUST_PROXY: "1",
      AUTH_SECRET: authSecret,
      // One key for every instance: an action's encrypted closure made by one decrypts on another.
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      DATABASE_URL: bypassUrl ? pooledUrl(bypassUrl) : pooled.appUrl,
      DATABASE_SYSTEM_URL: pooled.systemUrl,
      DATABASE_LISTEN_URL: urls.appUrl,
      DATABASE_POOL_SIZE: String(options.poolSize),
      SMTP_URL: smtp.url,
      MAIL_FROM: "StockFlow <no-reply@cluster.stockflow.test>",
      CONTACT_TO: "support@cluster.stockflow.test",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    };
    delete shared.DATABASE_MIGRATE_URL;
    delete shared.PGOPTIONS;

    const instances: Instance[] = [];
    for (let n = 1; n <= options.instances; n++) {
      const instancePort = await freePort();
      const server = started(
        process.execPath,
        [...serverNodeOptions(), ...(options.nodeOptions ?? []), "--import", "tsx", path.resolve("scripts/serve.ts")],
        {
          ...shared,
          PORT: String(instancePort),
        },
      );
      killOnStop(server.child);
      instances.push({
        name: `app${n}`,
        port: instancePort,
        base: `http://127.0.0.1:${instancePort}`,
        process: server.child,
        output: server.output,
      });
    }
    await Promise.all(
      instances.map((instance) =>
        waitFor(
          `${instance.name} (${instance.base})`,
          120_000,
          async () => (await fetch(`${instance.base}/api/health`)).ok,
          () => (instance.process.exitCode !== null ? instance.output() : null),
        ),
      ),
    );
    say(`${instances.length} instances: ${instances.map((i) => `${i.name} ${i.base}`).join(", ")}`);

    fs.writeFileSync(path.join(dir, "haproxy.cfg"), haproxyConfig(port, instances));
    const balancer = started("haproxy", ["-db", "-f", path.join(dir, "haproxy.cfg")]);
    killOnStop(balancer.child);
    await waitFor(`HAProxy on ${base}`, 10_000, async () => (await fetch(`${base}/api/health`)).ok, balancer.exited);
    say(`HAProxy (round-robin, health checks on /api/health) on ${base}`);

    return {
      base,
      instances,
      superuserUrl,
      pooled,
      listenUrl: urls.appUrl,
      pgbouncerAdminUrl,
      smtp,
      password,
      authSecret,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
