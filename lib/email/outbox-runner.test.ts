// The runner's timing, with the worker replaced: the worker itself is tested on PostgreSQL
// (tests/integration/email-outbox.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "../logger";
import type { DeliverOptions, DeliveryCounts } from "./outbox-worker";

const deliverPendingEmails = vi.fn<(options: DeliverOptions) => Promise<DeliveryCounts>>();
vi.mock("./outbox-worker", () => ({ deliverPendingEmails }));
// The push outbox rides on the same runner; nothing is due there in these tests.
vi.mock("../push/push-outbox-worker", () => ({
  deliverPendingPushes: vi.fn(async () => ({ sent: 0, retried: 0, failed: 0, pruned: 0 })),
}));
vi.mock("./transport", () => ({ mailerFromEnv: () => ({ name: "fake", send: vi.fn() }) }));

const { kickOutbox, startOutboxSweep } = await import("./outbox-runner");

const nothingDue: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
const HOUR = 3_600_000;
let stop: (() => void) | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  deliverPendingEmails.mockReset().mockResolvedValue(nothingDue);
});

afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

/** Starts a sweep that will not tick during the test, and lets its first run finish. */
async function startQuietSweep() {
  stop = startOutboxSweep(HOUR);
  await vi.advanceTimersByTimeAsync(0);
  deliverPendingEmails.mockClear();
}

describe("startOutboxSweep", () => {
  it("delivers at once and then on every interval, however often it is started", async () => {
    stop = startOutboxSweep(10_000);
    startOutboxSweep(10_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(3);
  });

  it("keeps claiming while batches come back full", async () => {
    deliverPendingEmails.mockImplementationOnce(async ({ batchSize }) => ({
      sent: batchSize - 1,
      retried: 1,
      failed: 0,
    }));
    stop = startOutboxSweep(HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(2);
  });

  it("logs a failed run and runs again on the next tick", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    deliverPendingEmails.mockRejectedValueOnce(new Error("database unreachable"));
    stop = startOutboxSweep(10_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledWith({ err: new Error("database unreachable") }, expect.any(String));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});

describe("kickOutbox", () => {
  it("does nothing in a process without a sweep (tests, scripts)", async () => {
    kickOutbox();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(deliverPendingEmails).not.toHaveBeenCalled();
  });

  it("turns a burst of kicks into one run, soon", async () => {
    await startQuietSweep();
    for (let i = 0; i < 5; i++) kickOutbox();
    expect(deliverPendingEmails).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(1);
  });

  it("never overlaps a run: a kick during one makes one more run after it", async () => {
    await startQuietSweep();
    let finishFirstRun: (counts: DeliveryCounts) => void = () => undefined;
    deliverPendingEmails.mockImplementationOnce(() => new Promise((resolve) => (finishFirstRun = resolve)));

    kickOutbox();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(1);
    kickOutbox();
    kickOutbox();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(1);

    finishFirstRun(nothingDue);
    await vi.advanceTimersByTimeAsync(0);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(2);
  });

  it("never throws into the caller", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    await startQuietSweep();
    deliverPendingEmails.mockRejectedValueOnce(new Error("database unreachable"));
    expect(() => kickOutbox()).not.toThrow();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
