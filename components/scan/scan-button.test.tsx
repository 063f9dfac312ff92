import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { ScanButton } from "./scan-button";

afterEach(cleanup);

const button = (
  <ScanButton
    title="Scan a product"
    hint="Scan a barcode to open its product."
    mode="single"
    onCode={() => undefined}
  />
);

describe("ScanButton before and after hydration", () => {
  it("is disabled in the server's HTML, where a tap could not open the scanner", () => {
    const container = document.createElement("div");
    container.innerHTML = renderToString(button);
    const rendered = container.querySelector("button")!;
    expect(rendered.textContent).toBe("Scan");
    expect(rendered.disabled).toBe(true);
  });

  it("is enabled once hydrated, and a tap opens the scanner", () => {
    const container = document.createElement("div");
    container.innerHTML = renderToString(button);
    document.body.append(container);
    render(button, { container, hydrate: true });
    const hydrated = screen.getByRole("button", { name: "Scan" });
    expect((hydrated as HTMLButtonElement).disabled).toBe(false);
    expect(hydrated.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(hydrated);
    expect(hydrated.getAttribute("aria-expanded")).toBe("true");
  });
});
