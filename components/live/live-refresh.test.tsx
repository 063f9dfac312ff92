// The browser side of live updates, with a stand-in EventSource: one connection however many components use it,
// one debounced refresh for a burst of relevant events, none for others, and a reconnect with backoff (then a
// catch-up refresh) when the server refuses the stream.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveRefresh } from "./live-refresh";

const { refresh, router } = vi.hoisted(() => {
  const refresh = vi.fn();
  // Stable, like Next's router instance.
  return { refresh, router: { refresh } };
});
vi.mock("next/navigation", () => ({ useRouter: () => router }));

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
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.();
  }
  send(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
}

const latest = () => FakeEventSource.instances.at(-1)!;
const stockChanged = (...productIds: string[]) => ({
  type: "stock.changed",
  productIds,
  locationIds: ["l1"],
  companyId: "c",
  at: "t",
});
const status = () => screen.getByTitle(/./).getAttribute("data-live-status");

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("EventSource", FakeEventSource);
  FakeEventSource.instances = [];
  refresh.mockClear();
});

afterEach(async () => {
  cleanup();
  // Past the grace period after the last subscriber left: the shared connection closes, ready for the next test.
  await act(() => vi.advanceTimersByTimeAsync(10_000));
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("LiveRefresh", () => {
  it("opens one stream for the page and refreshes once, shortly after a burst of relevant events", async () => {
    render(
      <>
        <LiveRefresh topics={{ stock: ["p1"] }} />
        <LiveRefresh topics={{ stock: ["p1"] }} />
      </>,
    );
    expect(FakeEventSource.instances.map((es) => es.url)).toEqual(["/api/events"]);
    act(() => latest().open());
    expect(screen.getAllByText("Live")).toHaveLength(2);

    act(() => {
      latest().send("stock.changed", stockChanged("p1"));
      latest().send("stock.changed", stockChanged("p2", "p1"));
    });
    expect(refresh).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(300));
    // Each component refreshes the same router once; what matters is no refresh per event.
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("ignores events about what the page does not show", async () => {
    render(<LiveRefresh topics={{ stock: ["p1"] }} />);
    act(() => latest().open());
    act(() => {
      latest().send("stock.changed", stockChanged("p2"));
      latest().send("order.changed", { type: "order.changed", orderId: "o1", requesterId: "u", status: "PENDING" });
    });
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes when the server says events were missed", async () => {
    render(<LiveRefresh topics={{ orders: ["o1"] }} />);
    act(() => latest().open());
    act(() => latest().send("resync", {}));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("lets the browser retry a dropped stream, and catches up once it is back", async () => {
    render(<LiveRefresh topics="all" />);
    act(() => latest().open());
    act(() => latest().fail(FakeEventSource.CONNECTING));
    expect(status()).toBe("reconnecting");
    expect(screen.getByText("Reconnecting…")).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => latest().open());
    expect(status()).toBe("open");
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("reconnects by itself, with growing delays, when the server refuses the stream", async () => {
    render(<LiveRefresh topics={{ orders: true }} />);
    act(() => latest().fail(FakeEventSource.CLOSED));
    expect(status()).toBe("reconnecting");
    // First retry within 1 s (half to all of the minimum), the next within 2 s, then 4 s.
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => latest().fail(FakeEventSource.CLOSED));
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    expect(FakeEventSource.instances).toHaveLength(3);
    act(() => latest().fail(FakeEventSource.CLOSED));
    await act(() => vi.advanceTimersByTimeAsync(1_999));
    expect(FakeEventSource.instances).toHaveLength(3);
    await act(() => vi.advanceTimersByTimeAsync(2_001));
    expect(FakeEventSource.instances).toHaveLength(4);
    expect(FakeEventSource.instances.slice(0, 3).every((es) => es.readyState === FakeEventSource.CLOSED)).toBe(true);

    act(() => latest().open());
    expect(status()).toBe("open");
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("closes the stream a moment after the last live component leaves", async () => {
    const { unmount } = render(<LiveRefresh topics="all" />);
    act(() => latest().open());
    unmount();
    expect(latest().readyState).toBe(FakeEventSource.OPEN);
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(latest().readyState).toBe(FakeEventSource.CLOSED);
  });
});
