// The debounce rule (./scan-gate.ts): once per physical scan, again only when the code left the view.
import { describe, expect, it } from "vitest";
import { createScanGate, LEAVE_MS } from "./scan-gate";

/** Offers the same frames every `step` ms from t = 0; returns the times at which the code was taken. */
function takenAt(frames: (readonly string[])[], step: number): number[] {
  const gate = createScanGate();
  return frames.flatMap((codes, i) => (gate.offer(codes, i * step).length > 0 ? [i * step] : []));
}

describe("createScanGate", () => {
  it("takes a code once however long it stays in view", () => {
    const frames = Array.from({ length: 100 }, () => ["4006381333931"]); // 10 s at 10 frames a second
    expect(takenAt(frames, 100)).toEqual([0]);
  });

  it("takes it again as soon as it comes back after leaving the view for LEAVE_MS", () => {
    const gate = createScanGate();
    expect(gate.offer(["A"], 0)).toEqual(["A"]);
    expect(gate.offer([], 100)).toEqual([]);
    expect(gate.offer(["A"], 100 + LEAVE_MS)).toEqual(["A"]);
  });

  it("does not count a frame or two the decoder missed as leaving", () => {
    const gate = createScanGate();
    gate.offer(["A"], 0);
    gate.offer([], 100);
    gate.offer([], 200);
    expect(gate.offer(["A"], 300)).toEqual([]);
    // Seen at 300: the gap is measured from the last sighting, not the first.
    expect(gate.offer(["A"], 300 + LEAVE_MS - 1)).toEqual([]);
  });

  it("judges several codes in one frame each on its own, and a code repeated in a frame once", () => {
    const gate = createScanGate();
    expect(gate.offer(["A", "B", "A"], 0)).toEqual(["A", "B"]);
    expect(gate.offer(["A", "B"], 100)).toEqual([]);
    expect(gate.offer(["C", "A"], 200)).toEqual(["C"]);
  });

  it("takes a different code at once (two products scanned one after the other)", () => {
    const gate = createScanGate();
    expect(gate.offer(["A"], 0)).toEqual(["A"]);
    expect(gate.offer(["B"], 50)).toEqual(["B"]);
  });
});
