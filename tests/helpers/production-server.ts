// The production server (scripts/serve.ts over the build of tests/helpers/production-build.ts) on a free port, for
// tests that speak HTTP to it.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ProductionServer {
  base: string;
  process: ChildProcess;
  output: () => string;
  stop: () => void;
}

/** Starts scripts/serve.ts with `env` on top of this process's and waits until /api/health answers. */
export async function startProductionServer(env: Record<string, string>): Promise<ProductionServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: base,
      NEXTAUTH_URL: base,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const healthy = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    process: server,
    output: () => output,
    stop: () => {
      if (server.exitCode === null) server.kill("SIGKILL");
    },
  };
}
