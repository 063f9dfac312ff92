import { describe, expect, it } from "vitest";
import {
  decodeKeyset,
  decodeTextCursor,
  decodeTimeCursor,
  encodeKeyset,
  encodeTextCursor,
  encodeTimeCursor,
  isIsoTime,
} from "./keyset-cursor";

const ID = "0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b";

describe("keyset positions", () => {
  it("round-trip their parts as URL-safe text, unicode included", () => {
    const text = encodeKeyset(["Wood screws 4×40 — ünïcode", 12, ID]);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeKeyset(text, 3)).toEqual(["Wood screws 4×40 — ünïcode", 12, ID]);
  });

  it("are none when the text is not one, or has another number of parts", () => {
    expect(decodeKeyset(encodeKeyset(["a", ID]), 3)).toBeNull();
    for (const text of ["", "garbage!", "W10=", btoa("{}"), "x".repeat(700)]) expect(decodeKeyset(text, 3)).toBeNull();
  });
});

describe("time cursors", () => {
  it("belong to the list that made them", () => {
    const cursor = encodeTimeCursor("orders", { createdAt: "2026-05-05T12:00:00.000Z", id: ID.toUpperCase() });
    expect(decodeTimeCursor("orders", cursor)).toEqual({ createdAt: "2026-05-05T12:00:00.000Z", id: ID });
    expect(decodeTimeCursor("audit", cursor)).toBeNull();
  });

  it("are none with an impossible time or an id that is no UUID", () => {
    expect(decodeTimeCursor("orders", encodeKeyset(["orders", "2024-02-30T10:00:00.000Z", ID]))).toBeNull();
    expect(decodeTimeCursor("orders", encodeKeyset(["orders", "2024-02-01T10:00:00.000Z", "1; DROP"]))).toBeNull();
  });
});

describe("isIsoTime", () => {
  it("takes exactly what toISOString writes for a time PostgreSQL can store", () => {
    expect(isIsoTime("2024-02-29T23:59:59.999Z")).toBe(true);
    expect(isIsoTime("0001-01-01T00:00:00.000Z")).toBe(true);
    for (const value of [
      "2024-13-45T99:99:99.000Z",
      "2023-02-29T00:00:00.000Z",
      "2024-01-01T00:00:60.000Z",
      "2024-01-01",
      1704067200000,
      null,
    ]) {
      expect(isIsoTime(value)).toBe(false);
    }
  });
});

describe("text cursors", () => {
  const decode = (text: string) => decodeTextCursor("members", 1, text);

  it("round-trip their keys and id, for their own list and key count only", () => {
    const bySku = encodeTextCursor("stocktake", { keys: ["bolt ünïcode", "B-1"], id: ID.toUpperCase() });
    expect(decodeTextCursor("stocktake", 2, bySku)).toEqual({ keys: ["bolt ünïcode", "B-1"], id: ID });
    expect(decode(encodeTextCursor("members", { keys: ["Dana Reyes"], id: ID }))).toEqual({
      keys: ["Dana Reyes"],
      id: ID,
    });
    expect(decodeTextCursor("stock-picker", 2, bySku)).toBeNull();
    expect(decode(bySku)).toBeNull();
  });

  it("refuse keys that are not names: numbers, control characters, overlong text, ids that are not ids", () => {
    for (const parts of [
      ["members", 7, ID],
      ["members", "Dana\u0000", ID],
      ["members", "x".repeat(201), ID],
      ["members", "Dana", "1; DROP TABLE"],
    ]) {
      expect(decode(encodeKeyset(parts))).toBeNull();
    }
  });
});
