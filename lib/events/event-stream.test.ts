// The Server-Sent Events stream of one browser, with a stand-in for the process's listener: what it writes, what it
// filters out, and that it lets go of its subscription however it ends.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventAudience } from "./event-filter";
import type { EventSubscriber } from "./event-listener";
import { openEventStream } from "./event-stream";
import type { CompanyEvent } from "./types";

const COMPANY_A = "0190a000-0000-7000-8000-00000000000a";
const COMPANY_B = "0190b000-0000-7000-8000-00000000000b";
const STAFF: EventAudience = { companyId: COMPANY_A, userId: "me", role: "STAFF" };
const at = "2026-01-05T10:00:00.000Z";

function fakeListener() {
  const subscribers = new Set<EventSubscriber>();
  return {
    subscribers,
    subscribe(subscriber: EventSubscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    publish(event: CompanyEvent) {
      for (const subscriber of subscribers) subscriber.onEvent(event);
    },
    resync() {
      for (const subscriber of subscribers) subscriber.onResync?.();
    },
    close() {
      for (const subscriber of [...subscribers]) subscriber.onClose?.();
    },
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    text += decoder.decode(read.value, { stream: true });
  }
  return text;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("openEventStream", () => {
  it("writes the retry hint, then each event the audience may receive as `event:` and `data:`", async () => {
    const listener = fakeListener();
    const controller = new AbortController();
    const stream = openEventStream({ audience: STAFF, listener, signal: controller.signal, retryMs: 1_500 });
    const text = readAll(stream);
    listener.publish({ type: "stock.changed", productIds: ["p1"], locationIds: ["l1"], companyId: COMPANY_A, at });
    listener.publish({ type: "stock.changed", productIds: ["p2"], locationIds: ["l1"], companyId: COMPANY_B, at });
    listener.publish({
      type: "order.changed",
      orderId: "o1",
      requesterId: "me",
      status: "PENDING",
      companyId: COMPANY_A,
      at,
    });
    listener.publish({
      type: "order.changed",
      orderId: "o2",
      requesterId: "you",
      status: "PENDING",
      companyId: COMPANY_A,
      at,
    });
    listener.resync();
    controller.abort();

    expect(await text).toBe(
      [
        "retry: 1500\n: connected\n\n",
        `event: stock.changed\ndata: {"type":"stock.changed","productIds":["p1"],"locationIds":["l1"],"companyId":"${COMPANY_A}","at":"${at}"}\n\n`,
        `event: order.changed\ndata: {"type":"order.changed","orderId":"o1","requesterId":"me","status":"PENDING","companyId":"${COMPANY_A}","at":"${at}"}\n\n`,
        "event: resync\ndata: {}\n\n",
      ].join(""),
    );
    expect(listener.subscribers.size).toBe(0);
  });

  it("sends a heartbeat comment while nothing happens, and ends after its maximum age", async () => {
    vi.useFakeTimers();
    const listener = fakeListener();
    const stream = openEventStream({ audience: STAFF, listener, heartbeatMs: 25_000, maxAgeMs: 60_000 });
    const text = readAll(stream);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await text).toBe("retry: 3000\n: connected\n\n: heartbeat\n\n: heartbeat\n\n");
    expect(listener.subscribers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("delivers a change to the subscriber's own membership, then ends so the browser reconnects as it now is", async () => {
    const listener = fakeListener();
    const text = readAll(openEventStream({ audience: STAFF, listener }));
    listener.publish({ type: "membership.changed", userId: "you", companyId: COMPANY_A, at });
    listener.publish({ type: "membership.changed", userId: "me", companyId: COMPANY_A, at });
    listener.publish({ type: "product.changed", productIds: ["p1"], companyId: COMPANY_A, at });
    expect(await text).toBe(
      `retry: 3000\n: connected\n\nevent: membership.changed\ndata: {"type":"membership.changed","userId":"me","companyId":"${COMPANY_A}","at":"${at}"}\n\n`,
    );
    expect(listener.subscribers.size).toBe(0);
  });

  it("re-checks the session every few seconds and ends within one interval of it no longer granting the stream", async () => {
    vi.useFakeTimers();
    const listener = fakeListener();
    let entitled = true;
    const checks: number[] = [];
    const stillEntitled = async () => {
      checks.push(Date.now());
      return entitled;
    };
    const text = readAll(openEventStream({ audience: STAFF, listener, stillEntitled, recheckMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(12_000);
    expect(checks).toHaveLength(2);
    expect(listener.subscribers.size).toBe(1);
    // The company is suspended (or the member deactivated, or the password changed) without any event.
    entitled = false;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await text).toBe("retry: 3000\n: connected\n\n");
    expect(listener.subscribers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends when the session cannot be re-checked (the database is unreachable): the reconnect checks again", async () => {
    vi.useFakeTimers();
    const listener = fakeListener();
    const stillEntitled = () => Promise.reject(new Error("connection refused"));
    const text = readAll(openEventStream({ audience: STAFF, listener, stillEntitled, recheckMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await text).toBe("retry: 3000\n: connected\n\n");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends when the listener closes (the process shuts down), so the server is not kept waiting", async () => {
    vi.useFakeTimers();
    const listener = fakeListener();
    const text = readAll(openEventStream({ audience: STAFF, listener }));
    listener.close();
    expect(await text).toBe("retry: 3000\n: connected\n\n");
    expect(listener.subscribers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets go of everything when the response is cancelled, or was aborted before it started", async () => {
    vi.useFakeTimers();
    const listener = fakeListener();
    const stream = openEventStream({ audience: STAFF, listener });
    expect(listener.subscribers.size).toBe(1);
    await stream.cancel();
    expect(listener.subscribers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    const aborted = new AbortController();
    aborted.abort();
    const text = await readAll(openEventStream({ audience: STAFF, listener, signal: aborted.signal }));
    expect(text).toBe("retry: 3000\n: connected\n\n");
    expect(listener.subscribers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends, rather than queueing without bound, when its reader stops reading", () => {
    const listener = fakeListener();
    const stream = openEventStream({ audience: STAFF, listener });
    for (let i = 0; i < 1_000; i++) {
      listener.publish({ type: "product.changed", productIds: [`p${i}`], companyId: COMPANY_A, at });
    }
    expect(listener.subscribers.size).toBe(0);
    void stream.cancel();
  });
});
