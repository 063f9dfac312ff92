// One live-update connection per browser (docs/architecture.md §8): tabs of the same person and company share the
// stream the tab holding the `navigator.locks` lock opens, relayed over a BroadcastChannel; when that tab leaves,
// another takes over and everyone resyncs; a tab of another scope hears nothing; without locks each tab keeps
// its own. Each "tab" is a fresh copy of the module; the browser's EventSource, locks and channels are fakes
// shared by them, as the real ones are shared by a browser's tabs.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CompanyEvent } from "@/lib/events/types";
import type { LiveStatus } from "./live-connection";

class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((message: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (message: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  send(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
  static live() {
    return FakeEventSource.instances.filter((es) => es.readyState !== FakeEventSource.CLOSED);
  }
}

/** Delivers to every other open channel of the same name, asynchronously and as a copy, like the real one. */
class FakeBroadcastChannel {
  static all: FakeBroadcastChannel[] = [];
  onmessage: ((message: { data: unknown }) => void) | null = null;
  private closed = false;
  constructor(readonly name: string) {
    FakeBroadcastChannel.all.push(this);
  }
  postMessage(data: unknown) {
    for (const other of FakeBroadcastChannel.all) {
      if (other === this || other.closed || other.name !== this.name) continue;
      const copy = structuredClone(data);
      queueMicrotask(() => {
        if (!other.closed) other.onmessage?.({ data: copy });
      });
    }
  }
  close() {
    this.closed = true;
  }
}

/** navigator.locks' exclusive mode: one holder per name, the others wait in line (or give up on abort). */
class FakeLocks {
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        this.held.add(name);
        void callback().finally(() => {
          this.held.delete(name);
          resolve();
          this.waiting.get(name)?.shift()?.();
        });
      };
      if (!this.held.has(name)) return grant();
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
      options.signal?.addEventListener("abort", () => {
        this.waiting.set(
          name,
          (this.waiting.get(name) ?? []).filter((g) => g !== grant),
        );
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  }
}

interface Tab {
  events: (CompanyEvent | null)[];
  statuses: LiveStatus[];
  stop: () => void;
}

/** A tab: its own copy of the module, one subscriber recording what it hears. */
async function openTab(scope: string | undefined): Promise<Tab> {
  vi.resetModules();
  const { subscribeLive } = await import("./live-connection");
  const tab: Tab = { events: [], statuses: [], stop: () => {} };
  tab.stop = subscribeLive({ onEvent: (e) => tab.events.push(e), onStatus: (s) => tab.statuses.push(s) }, scope);
  await settle();
  return tab;
}

const settle = () => vi.advanceTimersByTimeAsync(0);
/** Leaves the page: past the grace period after its last subscriber left. */
async function close(tab: Tab) {
  tab.stop();
  await vi.advanceTimersByTimeAsync(5_000);
}

const orderChanged = (orderId: string): CompanyEvent => ({
  type: "order.changed",
  orderId,
  requesterId: "u",
  status: "PENDING",
  companyId: "c",
  at: "t",
});

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.instances = [];
  FakeBroadcastChannel.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal("BroadcastChannel", FakeBroadcastChannel);
  Object.defineProperty(navigator, "locks", { value: new FakeLocks(), configurable: true });
});

afterEach(() => {
  Reflect.deleteProperty(navigator, "locks");
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("one live connection per browser", () => {
  it("two tabs of one scope open one stream; its events and status reach both", async () => {
    const leader = await openTab("scope-a");
    const follower = await openTab("scope-a");
    expect(FakeEventSource.instances).toHaveLength(1);

    FakeEventSource.instances[0]!.open();
    await settle();
    expect(leader.statuses.at(-1)).toBe("open");
    expect(follower.statuses.at(-1)).toBe("open");

    FakeEventSource.instances[0]!.send("order.changed", orderChanged("o1"));
    await settle();
    expect(leader.events).toEqual([orderChanged("o1")]);
    expect(follower.events).toEqual([orderChanged("o1")]);
  });

  it("a tab joining later learns the stream is already open", async () => {
    await openTab("scope-a");
    FakeEventSource.instances[0]!.open();
    const late = await openTab("scope-a");
    expect(late.statuses.at(-1)).toBe("open");
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("when the leader leaves, a follower opens the stream and everyone left resyncs", async () => {
    const leader = await openTab("scope-a");
    const follower = await openTab("scope-a");
    const another = await openTab("scope-a");
    FakeEventSource.instances[0]!.open();
    await settle();

    await close(leader);
    expect(FakeEventSource.instances[0]!.readyState).toBe(FakeEventSource.CLOSED);
    expect(FakeEventSource.live()).toHaveLength(1);
    const next = FakeEventSource.live()[0]!;
    next.open();
    await settle();
    // Events may have been lost between the two streams: both remaining tabs refresh.
    expect(follower.events).toEqual([null]);
    expect(another.events).toEqual([null]);

    next.send("order.changed", orderChanged("o2"));
    await settle();
    expect(follower.events).toEqual([null, orderChanged("o2")]);
    expect(another.events).toEqual([null, orderChanged("o2")]);
    expect(leader.events).toEqual([]);
  });

  it("a tab of another person or company neither shares the stream nor hears its events", async () => {
    const a = await openTab("scope-a");
    const b = await openTab("scope-b");
    expect(FakeEventSource.instances).toHaveLength(2);
    const [streamA, streamB] = FakeEventSource.instances;
    streamA!.open();
    streamB!.open();
    streamA!.send("order.changed", orderChanged("only-a"));
    await settle();
    expect(a.events).toEqual([orderChanged("only-a")]);
    expect(b.events).toEqual([]);
  });

  it("a tab switching company leaves the old stream and resyncs", async () => {
    vi.resetModules();
    const { subscribeLive } = await import("./live-connection");
    const heard: (CompanyEvent | null)[] = [];
    const stopA = subscribeLive({ onEvent: (e) => heard.push(e), onStatus: () => {} }, "scope-a");
    await settle();
    const other = await openTab("scope-a");
    const stopB = subscribeLive({ onEvent: (e) => heard.push(e), onStatus: () => {} }, "scope-b");
    stopA();
    await settle();
    expect(heard).toEqual([null]);
    // The other tab of the old scope took over its stream; this one has its own for the new scope.
    expect(FakeEventSource.live()).toHaveLength(2);
    // This tab opened its new stream at once; the other took over the old one a moment later.
    const [streamB, streamA] = FakeEventSource.live();
    streamA!.open();
    streamA!.send("order.changed", orderChanged("old-company"));
    await settle();
    expect(heard).toEqual([null]);
    expect(other.events.filter((e) => e !== null)).toEqual([orderChanged("old-company")]);
    streamB!.open();
    streamB!.send("order.changed", orderChanged("new-company"));
    await settle();
    expect(heard).toEqual([null, orderChanged("new-company")]);
    stopB();
  });

  it("without navigator.locks every tab keeps its own stream", async () => {
    Reflect.deleteProperty(navigator, "locks");
    const one = await openTab("scope-a");
    const two = await openTab("scope-a");
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.send("order.changed", orderChanged("o1"));
    await settle();
    expect(one.events).toEqual([orderChanged("o1")]);
    expect(two.events).toEqual([]);
  });
});
