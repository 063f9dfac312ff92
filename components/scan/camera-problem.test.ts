// What the scanner says when the camera cannot be used (./camera-problem.ts): always how to go on (type the code).
import { describe, expect, it } from "vitest";
import { cameraProblem } from "./camera-problem";

const failure = (name: string) => new DOMException("", name);

describe("cameraProblem", () => {
  it("names the cause a person can act on, and always points at the code field", () => {
    expect(cameraProblem(failure("NotAllowedError"), true)).toMatch(
      /^Camera access was refused — type the code instead\./,
    );
    expect(cameraProblem(failure("NotFoundError"), true)).toBe("No camera found — type the code instead.");
    expect(cameraProblem(failure("OverconstrainedError"), true)).toBe("No camera found — type the code instead.");
    expect(cameraProblem(failure("NotReadableError"), true)).toMatch(
      /^The camera is busy in another app — type the code/,
    );
    expect(cameraProblem(new Error("odd"), true)).toBe("Camera not available — type the code instead.");
  });

  it("explains that a page not served over HTTPS has no camera", () => {
    expect(cameraProblem(null, false)).toMatch(/^Camera not available — type the code instead\. .*https/);
    expect(cameraProblem(null, true)).toBe("Camera not available — type the code instead.");
  });
});
