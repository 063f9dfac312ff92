import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { labelPreset } from "@/lib/labels/label-presets";
import { LabelSheets, labelSummary } from "./label-sheets";

afterEach(cleanup);

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("LabelSheets", () => {
  it("lays 25 labels on A4 21-up as two sheets at real size, with @page the sheet's size and no margin", () => {
    const { container } = render(
      <LabelSheets preset={labelPreset("a4-l7160")} labels={numbers(25)}>
        {(n) => <span>label {n}</span>}
      </LabelSheets>,
    );
    const first = screen.getByRole("region", { name: "Sheet 1 of 2" });
    const second = screen.getByRole("region", { name: "Sheet 2 of 2" });
    expect(within(first).getAllByText(/^label \d+$/)).toHaveLength(21);
    expect(
      within(second)
        .getAllByText(/^label \d+$/)
        .map((el) => el.textContent),
    ).toEqual(["label 22", "label 23", "label 24", "label 25"]);
    expect(first.style.width).toBe("210mm");
    expect(first.style.height).toBe("297mm");
    expect(first.style.gridTemplateColumns).toBe("repeat(3, 63.5mm)");
    expect(first.style.paddingTop).toBe("15.15mm");
    expect(container.querySelector("style")?.textContent).toBe("@page { size: 210mm 297mm; margin: 0; }");
  });

  it("makes each label of a roll a page the size of the label", () => {
    render(
      <LabelSheets preset={labelPreset("roll-4x6in")} labels={["a", "b"]}>
        {(text) => <span>{text}</span>}
      </LabelSheets>,
    );
    const page = screen.getByRole("region", { name: "Label 1 of 2" });
    expect(page.style.width).toBe("101.6mm");
    expect(page.style.height).toBe("152.4mm");
    expect(screen.getByRole("region", { name: "Label 2 of 2" }).textContent).toBe("b");
  });
});

describe("labelSummary", () => {
  it("counts labels and sheets, or says the roll takes one per label", () => {
    expect(labelSummary(1, labelPreset("a4-l7160"))).toBe("1 label on 1 sheet");
    expect(labelSummary(31, labelPreset("letter-5160"))).toBe("31 labels on 2 sheets");
    expect(labelSummary(3, labelPreset("roll-62x29"))).toBe("3 labels on the roll, one per label");
  });
});
