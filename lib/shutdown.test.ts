import { describe, expect, it } from "vitest";
import { onShutdown, runShutdownPhase } from "./shutdown";

describe("shutdown hooks", () => {
  it("runs only the phase asked for, keeps one hook per name, and reports a failing hook without stopping the rest", async () => {
    const ran: string[] = [];
    const failures: string[] = [];
    onShutdown("test-stream", "streams", () => void ran.push("stream (replaced)"));
    onShutdown("test-stream", "streams", () => void ran.push("stream"));
    onShutdown("test-failing-worker", "workers", () => {
      throw new Error("stuck");
    });
    onShutdown("test-worker", "workers", async () => void ran.push("worker"));
    onShutdown("test-pool", "connections", () => void ran.push("pool"));

    await runShutdownPhase("streams", (name) => failures.push(name));
    expect(ran).toEqual(["stream"]);
    await runShutdownPhase("workers", (name) => failures.push(name));
    expect(ran).toEqual(["stream", "worker"]);
    expect(failures).toEqual(["test-failing-worker"]);
    await runShutdownPhase("connections", (name) => failures.push(name));
    expect(ran).toEqual(["stream", "worker", "pool"]);
  });
});
