// The production layout on this machine (README "Production layout"; scripts/lib/cluster-layout.ts): HAProxy →
// CLUSTER_INSTANCES instances of the production server (default 3) → PgBouncer 1.18 in transaction mode →
// PostgreSQL, each instance's LISTEN connection straight to PostgreSQL. Needs `apt-get install haproxy pgbouncer`
// and a PostgreSQL superuser URL (CLUSTER_DATABASE_URL, else TEST_DATABASE_URL, else postgres@127.0.0.1:5432).
//   npm run cluster          starts it on CLUSTER_PORT (default 3300) and keeps it up until Ctrl-C
//   npm run cluster:check    starts it on a free port, runs the check (scripts/lib/cluster-check.ts) under load for
//                            CLUSTER_CHECK_SECONDS (default 20), prints a pass/fail summary; exits 1 on any failure
// Either way, stopping ends every part and drops the database.
import { register } from "node:module";

// The lib modules mark themselves server-only; outside Next that marker must resolve to nothing (as in vitest).
const serverOnlyHook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);

const check = process.argv.includes("--check");
const say = (line: string) => console.log(`[cluster] ${line}`);
const serverUrl =
  process.env.CLUSTER_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const instances = Number(process.env.CLUSTER_INSTANCES ?? 3);
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 5);

const { startCluster } = await import("./lib/cluster-layout");
const began = Date.now();
const seconds = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
const cluster = await startCluster({
  serverUrl,
  database: check ? `stockflow_cluster_check_${process.pid}` : "stockflow_cluster",
  instances,
  port: check ? 0 : Number(process.env.CLUSTER_PORT ?? 3300),
  poolSize,
  pgbouncerAppPool: Number(process.env.PGBOUNCER_APP_POOL ?? 10),
  pgbouncerSystemPool: Number(process.env.PGBOUNCER_SYSTEM_POOL ?? 5),
  say,
}).catch((error: unknown) => {
  console.error(`[cluster] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
say(`Up in ${seconds()}: ${cluster.base}`);

if (check) {
  // The check's own lib calls (approvals, tenant transactions) go through PgBouncer like the instances'.
  Object.assign(process.env, {
    DATABASE_URL: cluster.pooled.appUrl,
    DATABASE_SYSTEM_URL: cluster.pooled.systemUrl,
    DATABASE_LISTEN_URL: cluster.listenUrl,
    DATABASE_POOL_SIZE: "4",
    AUTH_SECRET: cluster.authSecret,
    APP_URL: cluster.base,
    LOG_LEVEL: "warn",
  });
  let passed = false;
  try {
    const { runClusterCheck } = await import("./lib/cluster-check");
    passed = await runClusterCheck(cluster, { loadSeconds: Number(process.env.CLUSTER_CHECK_SECONDS ?? 20), say });
  } catch (error) {
    console.error("[cluster] The check failed to run:", error);
    for (const instance of cluster.instances) console.error(`--- ${instance.name}\n${instance.output().slice(-3000)}`);
  }
  const { disconnectAll } = await import("../lib/db/client");
  await disconnectAll();
  await cluster.stop();
  say(`${passed ? "PASSED" : "FAILED"} in ${seconds()}`);
  process.exit(passed ? 0 : 1);
}

say(`Sign in at ${cluster.base} as any demo account (README) with the password "${cluster.password}"`);
say(`Mail goes to an SMTP sink in this process (${cluster.smtp.url}); Ctrl-C stops everything`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  say("Stopped");
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
