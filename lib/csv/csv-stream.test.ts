import { describe, expect, it } from "vitest";
import { pagedCsvStream } from "./csv-stream";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe("pagedCsvStream", () => {
  it("writes the BOM and header, then each page as the reader asks, passing the cursor along", async () => {
    const cursors: (number | null)[] = [];
    const pages = [[["A-1", 1]], [], [["=B", -2]]];
    const stream = pagedCsvStream<number>({
      header: ["sku", "qty"],
      fetchPage: async (after) => {
        cursors.push(after);
        const index = after ?? 0;
        return { rows: pages[index]!, next: index + 1 < pages.length ? index + 1 : null };
      },
    });
    expect(cursors).toEqual([]);
    expect(await readAll(stream)).toBe("\uFEFFsku,qty\r\nA-1,1\r\n'=B,-2\r\n");
    expect(cursors).toEqual([null, 1, 2]);
  });

  it("ends the download in an error when a page fails, and says so", async () => {
    const errors: unknown[] = [];
    const failure = new Error("database went away");
    const stream = pagedCsvStream<number>({
      header: ["sku"],
      fetchPage: async () => {
        throw failure;
      },
      onError: (error) => errors.push(error),
    });
    await expect(readAll(stream)).rejects.toThrow("database went away");
    expect(errors).toEqual([failure]);
  });
});
