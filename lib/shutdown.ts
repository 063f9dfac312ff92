// What this process must finish or release when it stops (SIGTERM/SIGINT, scripts/serve.ts). Modules that hold
// something register here — the live-update listener, the outbox worker, the database pools — and the server runs
// them in phases once it stops accepting connections:
// - "streams": end what never ends by itself (event streams), so their responses complete;
// - "workers": stop background work and wait for a run in progress;
// - "connections": close the LISTEN connection and the pools, last, once nothing uses them.
// Kept on globalThis: Next bundles a module once per entry (instrumentation, routes, actions) and serve.ts loads
// its own copy, and all of them must share one registry. Not server-only: plain Node.
export type ShutdownPhase = "streams" | "workers" | "connections";

type Hook = () => void | Promise<void>;

const holder = globalThis as typeof globalThis & {
  __stockflowShutdown?: Map<string, { phase: ShutdownPhase; hook: Hook }>;
};
const hooks = (holder.__stockflowShutdown ??= new Map());

/** Registers (or replaces, by name) what to run at shutdown. */
export function onShutdown(name: string, phase: ShutdownPhase, hook: Hook): void {
  hooks.set(name, { phase, hook });
}

/** Runs one phase's hooks together; a failing hook is reported and does not stop the others. */
export async function runShutdownPhase(phase: ShutdownPhase, report: (name: string, error: unknown) => void) {
  const due = [...hooks].filter(([, entry]) => entry.phase === phase);
  await Promise.all(
    due.map(async ([name, { hook }]) => {
      try {
        await hook();
      } catch (error) {
        report(name, error);
      }
    }),
  );
}
