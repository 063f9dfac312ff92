// The "Notifications on this device" switch with the browser's push machinery stubbed (jsdom has none): what it
// shows when push is off on the server or the browser cannot do it, the subscribe flow (permission, the service
// worker's push manager with the server's key, the action with the subscription and the company), a refused save
// followed by a corrected one, a blocked permission, and turning it off.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FormCompanyProvider } from "@/components/ui/company-field";
import type { FormState } from "@/components/ui/form-state";
import { COMPANY_FIELD } from "@/lib/form-company";
import { PushDeviceToggle } from "./push-device-toggle";

const COMPANY = "0193a1b2-0000-7000-8000-000000000001";
// 65 bytes: 0x04 then 1..64, as base64url.
const KEY_BYTES = Uint8Array.from([4, ...Array.from({ length: 64 }, (_, i) => i + 1)]);
const PUBLIC_KEY = Buffer.from(KEY_BYTES).toString("base64url");
const ENDPOINT = "https://push.example.com/send/abc";

type State = FormState<null>;
type Action = (state: State, form: FormData) => Promise<State>;

interface FakeSubscription {
  endpoint: string;
  toJSON(): { endpoint: string; keys: { p256dh: string; auth: string } };
  unsubscribe: ReturnType<typeof vi.fn>;
}

function fakeSubscription(endpoint = ENDPOINT): FakeSubscription {
  return {
    endpoint,
    toJSON: () => ({ endpoint, keys: { p256dh: "p".repeat(87), auth: "a".repeat(22) } }),
    unsubscribe: vi.fn(async () => true),
  };
}

/** The browser: a service worker registration whose push manager holds `current` (or nothing). */
function stubBrowser(options: { current?: FakeSubscription | null; permission?: NotificationPermission } = {}) {
  let current = options.current ?? null;
  const pushManager = {
    getSubscription: vi.fn(async () => current),
    subscribe: vi.fn(async () => (current = fakeSubscription())),
  };
  const registration = { pushManager };
  vi.stubGlobal("PushManager", function PushManager() {});
  vi.stubGlobal("Notification", { requestPermission: vi.fn(async () => options.permission ?? "granted") });
  Object.defineProperty(navigator, "serviceWorker", {
    configurable: true,
    value: { ready: Promise.resolve(registration), getRegistration: vi.fn(async () => registration) },
  });
  return pushManager;
}

function renderToggle(props: {
  publicKey?: string | null;
  endpoints?: string[];
  subscribe?: Action;
  unsubscribe?: Action;
}) {
  const subscribe = vi.fn<Action>(props.subscribe ?? (async () => ({ ok: true, data: null })));
  const unsubscribe = vi.fn<Action>(props.unsubscribe ?? (async () => ({ ok: true, data: null })));
  render(
    <FormCompanyProvider companyId={COMPANY}>
      <PushDeviceToggle
        publicKey={props.publicKey === undefined ? PUBLIC_KEY : props.publicKey}
        endpoints={props.endpoints ?? []}
        subscribeAction={subscribe}
        unsubscribeAction={unsubscribe}
      />
    </FormCompanyProvider>,
  );
  return { subscribe, unsubscribe };
}

const toggle = () => screen.getByRole("switch", { name: "Notifications on this device" });

async function flip() {
  await act(async () => {
    fireEvent.click(toggle());
  });
}

beforeEach(() => {
  vi.unstubAllGlobals();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, "serviceWorker");
});

describe("PushDeviceToggle", () => {
  it("says push is not set up on this server, with no switch", () => {
    stubBrowser();
    renderToggle({ publicKey: null });
    expect(screen.getByText(/Push notifications are not set up on this server/)).toBeTruthy();
    expect(screen.queryByRole("switch")).toBeNull();
  });

  it("says this browser cannot receive them when it has no service worker or push manager", async () => {
    renderToggle({});
    expect(await screen.findByText(/This browser cannot receive push notifications/)).toBeTruthy();
    expect(screen.queryByRole("switch")).toBeNull();
  });

  it("turns on: asks permission, subscribes with the server's key, stores it for this company, then reads On", async () => {
    const pushManager = stubBrowser();
    const { subscribe } = renderToggle({});
    await waitFor(() => expect((toggle() as HTMLButtonElement).disabled).toBe(false));
    expect(toggle().getAttribute("aria-checked")).toBe("false");
    await flip();

    expect(Notification.requestPermission).toHaveBeenCalled();
    expect(pushManager.subscribe).toHaveBeenCalledTimes(1);
    const [options] = pushManager.subscribe.mock.calls[0] as unknown as [PushSubscriptionOptionsInit];
    expect(options.userVisibleOnly).toBe(true);
    expect([...(options.applicationServerKey as Uint8Array)]).toEqual([...KEY_BYTES]);
    const sent = subscribe.mock.calls[0]![1];
    expect(Object.fromEntries(sent.entries())).toEqual({
      endpoint: ENDPOINT,
      p256dh: "p".repeat(87),
      auth: "a".repeat(22),
      [COMPANY_FIELD]: COMPANY,
    });
    expect(toggle().getAttribute("aria-checked")).toBe("true");
    expect(toggle().textContent).toBe("On");
    expect(screen.getByRole("status").textContent).toBe("Notifications are on for this device.");
  });

  it("a refused save says why and stays Off; the next try goes through", async () => {
    stubBrowser();
    const subscribe = vi
      .fn<Action>()
      .mockResolvedValueOnce({ ok: false, code: "CONFLICT", message: "This page is out of date." })
      .mockResolvedValueOnce({ ok: true, data: null });
    renderToggle({ subscribe });
    await waitFor(() => expect((toggle() as HTMLButtonElement).disabled).toBe(false));
    await flip();
    expect(screen.getByRole("alert").textContent).toBe("This page is out of date.");
    expect(toggle().getAttribute("aria-checked")).toBe("false");

    await flip();
    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(subscribe.mock.calls[1]![1].get(COMPANY_FIELD)).toBe(COMPANY);
    expect(toggle().getAttribute("aria-checked")).toBe("true");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a blocked permission says where to allow it and sends nothing", async () => {
    const pushManager = stubBrowser({ permission: "denied" });
    const { subscribe } = renderToggle({});
    await waitFor(() => expect((toggle() as HTMLButtonElement).disabled).toBe(false));
    await flip();
    expect(screen.getByRole("alert").textContent).toMatch(/blocks notifications.*site settings/);
    expect(pushManager.subscribe).not.toHaveBeenCalled();
    expect(subscribe).not.toHaveBeenCalled();
    expect(toggle().getAttribute("aria-checked")).toBe("false");
  });

  it("reads On only when the server holds this browser's subscription, and turns off through the server", async () => {
    const existing = fakeSubscription();
    stubBrowser({ current: existing });
    const { unsubscribe } = renderToggle({ endpoints: [ENDPOINT] });
    await waitFor(() => expect(toggle().getAttribute("aria-checked")).toBe("true"));
    await flip();
    expect(Object.fromEntries(unsubscribe.mock.calls[0]![1].entries())).toEqual({
      endpoint: ENDPOINT,
      [COMPANY_FIELD]: COMPANY,
    });
    expect(toggle().getAttribute("aria-checked")).toBe("false");
    expect(screen.getByRole("status").textContent).toBe("Notifications are off for this device.");

    cleanup();
    stubBrowser({ current: fakeSubscription() });
    renderToggle({ endpoints: ["https://push.example.com/send/another-session"] });
    await waitFor(() => expect((toggle() as HTMLButtonElement).disabled).toBe(false));
    expect(toggle().getAttribute("aria-checked")).toBe("false");
  });
});
