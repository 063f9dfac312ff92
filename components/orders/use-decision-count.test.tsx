// The "needs my decision" count: what the layout rendered, re-read from GET /api/decisions shortly after a live
// update about a request (once for a burst), not for other events, and replaced by a fresh render of the layout.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useDecisionCount } from "./use-decision-count";

class FakeEventSource {
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 0;
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
  send(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
}

function Count({ initial }: { initial: number | undefined }) {
  const count = useDecisionCount(initial);
  return <p data-testid="count">{count === undefined ? "none" : String(count)}</p>;
}

const shown = () => screen.getByTestId("count").textContent;
const stream = () => FakeEventSource.instances.at(-1)!;
const event = (type: string) => ({ type, orderId: "o", requesterId: "u", status: "PENDING", companyId: "c", at: "t" });

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.instances = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ count: 7 }), { status: 200 }));
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(async () => {
  cleanup();
  await act(() => vi.advanceTimersByTimeAsync(10_000));
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("useDecisionCount", () => {
  it("shows the layout's count, and re-reads it once shortly after a burst of request changes", async () => {
    render(<Count initial={3} />);
    expect(shown()).toBe("3");
    act(() => {
      stream().send("order.changed", event("order.changed"));
      stream().send("order.changed", event("order.changed"));
    });
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/decisions");
    expect(shown()).toBe("7");
  });

  it("ignores events about anything else", async () => {
    render(<Count initial={3} />);
    act(() => stream().send("stock.changed", { ...event("stock.changed"), productIds: [], locationIds: [] }));
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(shown()).toBe("3");
  });

  it("takes a fresh render's count over the one it read", async () => {
    const { rerender } = render(<Count initial={3} />);
    act(() => stream().send("order.changed", event("order.changed")));
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(shown()).toBe("7");
    rerender(<Count initial={2} />);
    expect(shown()).toBe("2");
  });

  it("keeps the count shown when the read fails, and listens to nothing for those who decide none", async () => {
    fetchMock.mockImplementation(async () => {
      throw new TypeError("offline");
    });
    render(<Count initial={3} />);
    act(() => stream().send("order.changed", event("order.changed")));
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(shown()).toBe("3");
    cleanup();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    const streams = FakeEventSource.instances.length;
    render(<Count initial={undefined} />);
    expect(shown()).toBe("none");
    expect(FakeEventSource.instances).toHaveLength(streams);
  });
});
