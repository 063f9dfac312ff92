// How the production server's Node process is started (`npm start`, the cluster layout, the load benchmark): with a
// heap limit. Without one, Node sizes its heap from the machine's memory and collects lazily, so an instance on a
// 24 GiB machine grows past a gigabyte of RSS under load although it needs a fraction of that (BENCHMARKS.md,
// "Memory"). HEAP_LIMIT_MB sets the old generation's limit (default below); 0 leaves Node's own default.
import fs from "node:fs";

/** Measured with `npm run bench:load`: RSS stays under 512 MB per instance and throughput within 10% (BENCHMARKS.md). */
export const DEFAULT_HEAP_LIMIT_MB = 256;

/** Node's options for the server process; throws on a HEAP_LIMIT_MB that is not a whole number of megabytes. */
export function serverNodeOptions(env: Record<string, string | undefined> = process.env): string[] {
  const setting = env.HEAP_LIMIT_MB?.trim() || String(DEFAULT_HEAP_LIMIT_MB);
  if (!/^\d+$/.test(setting) || (Number(setting) > 0 && Number(setting) < 64)) {
    throw new Error(`HEAP_LIMIT_MB must be a whole number of megabytes, at least 64 (or 0 for Node's default)`);
  }
  const megabytes = Number(setting);
  return megabytes === 0 ? [] : [`--max-old-space-size=${megabytes}`];
}

/** A running process's resident memory in MB (VmRSS, /proc), or null once it has exited. */
export function residentMb(pid: number): number | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
