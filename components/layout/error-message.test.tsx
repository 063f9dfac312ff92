import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REQUEST_ID_COOKIE } from "@/lib/http/request-id-cookie";
import { ErrorMessage } from "./error-message";

afterEach(() => {
  cleanup();
  document.cookie = `${REQUEST_ID_COOKIE}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
});

describe("ErrorMessage", () => {
  it("quotes the failed request's id (left by proxy.ts in a cookie) and the error's digest", () => {
    document.cookie = `${REQUEST_ID_COOKIE}=9b2f4c1e-7a55-4a4e-9d1c-0c7d2f1e5a10; path=/`;
    render(<ErrorMessage digest="1234567" onRetry={vi.fn()} />);
    expect(screen.getByText("9b2f4c1e-7a55-4a4e-9d1c-0c7d2f1e5a10")).toBeTruthy();
    expect(screen.getByText("1234567")).toBeTruthy();
  });

  it("offers a retry, and no reference when there is none", () => {
    const onRetry = vi.fn();
    render(<ErrorMessage onRetry={onRetry} />);
    expect(screen.queryByText(/Reference/)).toBeNull();
    screen.getByRole("button", { name: "Try again" }).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it("says the connection is down, not that StockFlow failed, while the browser is offline", () => {
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    try {
      document.cookie = `${REQUEST_ID_COOKIE}=9b2f4c1e-7a55-4a4e-9d1c-0c7d2f1e5a10; path=/`;
      render(<ErrorMessage digest="1234567" onRetry={vi.fn()} />);
      expect(screen.getByRole("heading", { name: "You are offline" })).toBeTruthy();
      expect(screen.queryByText(/Reference/)).toBeNull();
      expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    } finally {
      onLine.mockRestore();
    }
  });
});
