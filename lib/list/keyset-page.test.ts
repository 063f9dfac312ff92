import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeTextCursor, encodeTextCursor, STALE_CURSOR_MESSAGE } from "./keyset-cursor";
import { cursorParams, cursorTextShape, decodeCursors, keysetPage } from "./keyset-page";

const ID = "0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b";
const decode = (text: string) => decodeTextCursor("members", 1, text);
const cursor = encodeTextCursor("members", { keys: ["Dana Reyes"], id: ID });

describe("a list's cursor input", () => {
  const schema = z.object(cursorTextShape).strict().transform(decodeCursors(decode));

  it("decodes after or before, and names a cursor it cannot read, or both at once, as a field error", () => {
    expect(schema.parse({ after: cursor })).toEqual({ after: { keys: ["Dana Reyes"], id: ID }, before: undefined });
    expect(schema.parse({})).toEqual({ after: undefined, before: undefined });
    const stale = schema.safeParse({ before: "stale" });
    expect(stale.error?.issues).toEqual([expect.objectContaining({ path: ["before"], message: STALE_CURSOR_MESSAGE })]);
    const both = schema.safeParse({ after: cursor, before: cursor });
    expect(both.error?.issues.map((issue) => issue.path)).toEqual([["before"]]);
  });

  it("from a URL: keeps a cursor the list can read (after over before), drops any other", () => {
    expect(cursorParams(cursor, undefined, decode)).toEqual({ after: cursor, before: undefined });
    expect(cursorParams([cursor, "x"], cursor, decode)).toEqual({ after: cursor, before: undefined });
    expect(cursorParams("stale", cursor, decode)).toEqual({ after: undefined, before: cursor });
    expect(cursorParams("stale", "stale", decode)).toEqual({ after: undefined, before: undefined });
  });
});

describe("keysetPage", () => {
  const cursorOf = (row: number) => `at-${row}`;

  it("the first page: the extra row says there is a next page, and there is no previous one", () => {
    expect(keysetPage([1, 2, 3], { limit: 2 }, cursorOf)).toEqual({
      rows: [1, 2],
      nextCursor: "at-2",
      previousCursor: null,
    });
    expect(keysetPage([1, 2], { limit: 2 }, cursorOf)).toEqual({
      rows: [1, 2],
      nextCursor: null,
      previousCursor: null,
    });
  });

  it("after a cursor there is a previous page; before one, a next page, and the extra row is the earliest", () => {
    expect(keysetPage([3, 4], { limit: 2, after: "c" }, cursorOf)).toEqual({
      rows: [3, 4],
      nextCursor: null,
      previousCursor: "at-3",
    });
    expect(keysetPage([1, 2, 3], { limit: 2, before: "c" }, cursorOf)).toEqual({
      rows: [2, 3],
      nextCursor: "at-3",
      previousCursor: "at-2",
    });
    expect(keysetPage([1, 2], { limit: 2, before: "c" }, cursorOf)).toEqual({
      rows: [1, 2],
      nextCursor: "at-2",
      previousCursor: null,
    });
    expect(keysetPage([], { limit: 2, after: "c" }, cursorOf)).toEqual({
      rows: [],
      nextCursor: null,
      previousCursor: null,
    });
  });
});
