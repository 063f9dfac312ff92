// The service worker's push handlers against a fake worker scope: what is shown for a message of ours and for
// anything else, and where a click goes.
import { describe, expect, it, vi } from "vitest";
import {
  handleNotificationClick,
  handlePush,
  type PushWorkerScope,
  type WindowClientLike,
} from "./service-worker-push";

const ORIGIN = "https://stock.example.com";

function scope(windows: WindowClientLike[] = []) {
  const shown: { title: string; options: unknown }[] = [];
  const self = {
    location: { origin: ORIGIN },
    registration: {
      showNotification: vi.fn(async (title: string, options: unknown) => void shown.push({ title, options })),
    },
    clients: { matchAll: vi.fn(async () => windows), openWindow: vi.fn(async () => null) },
  } satisfies PushWorkerScope;
  return { self, shown };
}

async function dispatch(handler: (event: never, self: PushWorkerScope) => void, event: object, self: PushWorkerScope) {
  const waits: Promise<unknown>[] = [];
  handler({ ...event, waitUntil: (promise: Promise<unknown>) => waits.push(promise) } as never, self);
  await Promise.all(waits);
  return waits.length;
}

function tab(url: string): WindowClientLike & { focus: ReturnType<typeof vi.fn>; navigate: ReturnType<typeof vi.fn> } {
  return { url, focus: vi.fn(async () => undefined), navigate: vi.fn(async () => undefined) };
}

describe("handlePush", () => {
  it("shows the title and body the server sent, tagged, carrying the page to open", async () => {
    const { self, shown } = scope();
    const payload = {
      title: "REQ-000007 approved",
      body: "Acme: approved by Mira",
      url: "/requests/abc",
      tag: "order-abc",
    };
    expect(await dispatch(handlePush, { data: { json: () => payload } }, self)).toBe(1);
    expect(shown).toEqual([
      {
        title: "REQ-000007 approved",
        options: { body: "Acme: approved by Mira", tag: "order-abc", data: { url: "/requests/abc" } },
      },
    ]);
  });

  it("shows a plain notice for a message that is not ours: no JSON, no payload, or a link to another site", async () => {
    for (const data of [
      { json: () => JSON.parse("not json") as unknown },
      null,
      { json: () => ({ title: "Win", body: "x", url: "https://evil.example/", tag: "t" }) },
      { json: () => ({ title: "Win", body: "x", url: "//evil.example/", tag: "t" }) },
    ]) {
      const { self, shown } = scope();
      await dispatch(handlePush, { data }, self);
      expect(shown).toHaveLength(1);
      expect(shown[0]!.title).toBe("StockFlow");
      expect(shown[0]!.options).toMatchObject({ data: { url: "/" } });
    }
  });
});

describe("handleNotificationClick", () => {
  const click = (url: unknown) => ({ notification: { data: { url }, close: vi.fn() } });

  it("focuses a tab that already shows the request", async () => {
    const other = tab(`${ORIGIN}/dashboard`);
    const showing = tab(`${ORIGIN}/requests/abc`);
    const { self } = scope([other, showing]);
    const event = click("/requests/abc");
    await dispatch(handleNotificationClick, event, self);
    expect(event.notification.close).toHaveBeenCalled();
    expect(showing.focus).toHaveBeenCalled();
    expect(other.navigate).not.toHaveBeenCalled();
    expect(self.clients.openWindow).not.toHaveBeenCalled();
  });

  it("steers an open StockFlow tab to the request, else opens a window", async () => {
    const ours = tab(`${ORIGIN}/dashboard`);
    const { self } = scope([tab("https://elsewhere.example/"), ours]);
    await dispatch(handleNotificationClick, click("/requests/abc"), self);
    expect(ours.navigate).toHaveBeenCalledWith(`${ORIGIN}/requests/abc`);
    expect(ours.focus).toHaveBeenCalled();

    const uncontrolled = tab(`${ORIGIN}/dashboard`);
    uncontrolled.navigate.mockRejectedValue(new TypeError("not controlled"));
    const second = scope([uncontrolled]);
    await dispatch(handleNotificationClick, click("/requests/abc"), second.self);
    expect(second.self.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/requests/abc`);

    const none = scope();
    await dispatch(handleNotificationClick, click("/requests/abc"), none.self);
    expect(none.self.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/requests/abc`);
  });

  it("never opens another site: a foreign or missing link opens the app's home", async () => {
    for (const url of ["https://evil.example/x", "//evil.example/x", undefined, 42]) {
      const { self } = scope();
      await dispatch(handleNotificationClick, click(url), self);
      expect(self.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/`);
    }
  });
});
