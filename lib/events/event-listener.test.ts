// The listener's life cycle without a database: its connection is exercised on PostgreSQL in
// tests/integration/live-events.test.ts.
import { describe, expect, it, vi } from "vitest";
import { EventListener } from "./event-listener";

describe("EventListener after close", () => {
  it("ends a stream that subscribes while the process shuts down, instead of leaving it open until its maximum age", async () => {
    const listener = new EventListener({ connectionString: "postgresql://nobody@127.0.0.1:1/none" });
    await listener.close();
    const onClose = vi.fn();
    const unsubscribe = listener.subscribe({ onEvent: vi.fn(), onClose });
    // Not during subscribe: the stream has not finished setting up when it returns.
    expect(onClose).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(onClose).toHaveBeenCalledOnce();
    expect(listener.subscriberCount).toBe(0);
    expect(listener.isListening).toBe(false);
    unsubscribe();
  });
});
