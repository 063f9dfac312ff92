import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ServiceWorkerRegistration } from "./service-worker-registration";

const { instances, FakeSerwist, reloadPage, pathname } = vi.hoisted(() => {
  /** @serwist/window's Serwist as the component uses it: an event target that registers and messages its worker. */
  class FakeSerwist extends EventTarget {
    register = vi.fn(async () => undefined);
    messageSW = vi.fn(async () => true);
    messageSkipWaiting = vi.fn();
    constructor(
      readonly url: string,
      readonly options: RegistrationOptions,
    ) {
      super();
      instances.push(this);
    }
  }
  const instances: FakeSerwist[] = [];
  return { instances, FakeSerwist, reloadPage: vi.fn(), pathname: { current: "/dashboard" } };
});

vi.mock("@serwist/window", () => ({ Serwist: FakeSerwist }));
vi.mock("./reload-page", () => ({ reloadPage }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));

/** navigator.serviceWorker as far as the component looks: the controller, the registration, controllerchange. */
class FakeContainer extends EventTarget {
  controller: object | null = null;
  registration: { waiting: object | null } = { waiting: null };
  getRegistration = vi.fn(async () => this.registration);
}

let container: FakeContainer;

beforeEach(() => {
  instances.length = 0;
  reloadPage.mockReset();
  pathname.current = "/dashboard";
  container = new FakeContainer();
  Object.defineProperty(navigator, "serviceWorker", { value: container, configurable: true });
});

afterEach(() => {
  cleanup();
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
});

const banner = () => screen.queryByRole("status");

describe("ServiceWorkerRegistration", () => {
  it("registers the worker for the whole app in a production build, and not otherwise", () => {
    const { unmount } = render(<ServiceWorkerRegistration enabled={false} />);
    expect(instances).toHaveLength(0);
    unmount();

    render(<ServiceWorkerRegistration enabled />);
    expect(instances).toHaveLength(1);
    expect(instances[0]!.url).toBe("/serwist/sw.js");
    expect(instances[0]!.options).toMatchObject({ scope: "/", type: "classic" });
    expect(instances[0]!.register).toHaveBeenCalledTimes(1);
    expect(banner()).toBeNull();
  });

  it("offers a waiting new version and, on Reload, lets it take over and reloads once it controls the page", async () => {
    render(<ServiceWorkerRegistration enabled />);
    const serwist = instances[0]!;
    act(() => void serwist.dispatchEvent(new Event("waiting")));
    expect(banner()?.textContent).toContain("A new version of StockFlow is ready");
    container.registration = { waiting: {} };

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Reload" })));
    expect(serwist.messageSkipWaiting).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: "Reload" }).getAttribute("aria-busy")).toBe("true");
    // Not before the new worker controls the page: reloading earlier would load the old version again.
    expect(reloadPage).not.toHaveBeenCalled();

    container.dispatchEvent(new Event("controllerchange"));
    expect(reloadPage).toHaveBeenCalledTimes(1);
  });

  it("reloads at once when another tab already applied the update", async () => {
    render(<ServiceWorkerRegistration enabled />);
    act(() => void instances[0]!.dispatchEvent(new Event("waiting")));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Reload" })));
    expect(instances[0]!.messageSkipWaiting).not.toHaveBeenCalled();
    expect(reloadPage).toHaveBeenCalledTimes(1);
  });

  it("keeps the current version on Later, and never reloads unasked", () => {
    render(<ServiceWorkerRegistration enabled />);
    act(() => void instances[0]!.dispatchEvent(new Event("waiting")));
    fireEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(banner()).toBeNull();
    container.dispatchEvent(new Event("controllerchange"));
    expect(reloadPage).not.toHaveBeenCalled();
  });

  it("asks the worker to keep a page for offline use when the router reaches it without a page load", () => {
    container.controller = {};
    const { rerender } = render(<ServiceWorkerRegistration enabled />);
    const serwist = instances[0]!;
    // The page load itself went through the worker.
    expect(serwist.messageSW).not.toHaveBeenCalled();

    pathname.current = "/products";
    rerender(<ServiceWorkerRegistration enabled />);
    expect(serwist.messageSW).not.toHaveBeenCalled();

    pathname.current = "/requests/new";
    window.history.pushState(null, "", "/requests/new");
    rerender(<ServiceWorkerRegistration enabled />);
    expect(serwist.messageSW).toHaveBeenCalledWith({
      type: "CACHE_URLS",
      payload: { urlsToCache: ["/requests/new"] },
    });
  });
});
