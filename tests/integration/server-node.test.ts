// The production server's Node options (scripts/lib/server-node.ts): `npm start` and the cluster layout start every
// instance with a heap limit, which HEAP_LIMIT_MB sets (0: Node's own default) and a wrong value refuses.
import { describe, expect, it } from "vitest";
import { DEFAULT_HEAP_LIMIT_MB, serverNodeOptions } from "../../scripts/lib/server-node";

describe("serverNodeOptions", () => {
  it("limits the heap to the default when HEAP_LIMIT_MB is unset or blank", () => {
    expect(serverNodeOptions({})).toEqual([`--max-old-space-size=${DEFAULT_HEAP_LIMIT_MB}`]);
    expect(serverNodeOptions({ HEAP_LIMIT_MB: " " })).toEqual([`--max-old-space-size=${DEFAULT_HEAP_LIMIT_MB}`]);
  });

  it("takes HEAP_LIMIT_MB in megabytes, and 0 as Node's own default", () => {
    expect(serverNodeOptions({ HEAP_LIMIT_MB: "384" })).toEqual(["--max-old-space-size=384"]);
    expect(serverNodeOptions({ HEAP_LIMIT_MB: "0" })).toEqual([]);
  });

  it.each(["256mb", "-1", "1.5", "32", "lots"])("refuses HEAP_LIMIT_MB=%s with what to write instead", (value) => {
    expect(() => serverNodeOptions({ HEAP_LIMIT_MB: value })).toThrow(/HEAP_LIMIT_MB must be a whole number/);
  });
});
