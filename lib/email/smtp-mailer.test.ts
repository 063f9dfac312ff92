import { describe, expect, it } from "vitest";
import { outboxMessageId, requiresTls } from "./smtp-mailer";

describe("requiresTls", () => {
  it.each([
    ["smtp://user:secret@smtp.example.com:587", true],
    ["smtp://user@smtp.example.com:587", true],
    ["smtp://smtp.example.com:25", false],
    ["smtps://user:secret@smtp.example.com:465", false],
    ["smtp://user:secret@localhost:2525", false],
    ["smtp://user:secret@127.0.0.1:2525", false],
    ["smtp://user:secret@[::1]:2525", false],
  ])("%s → %s", (url, expected) => {
    expect(requiresTls(new URL(url))).toBe(expected);
  });
});

describe("outboxMessageId", () => {
  const row = "0197a3c2-5b1e-7c00-8000-000000000001";
  it.each([
    ["StockFlow <stock@example.com>", `<${row}@example.com>`],
    ["stock@mail.example.org", `<${row}@mail.example.org>`],
    ["StockFlow", `<${row}@stockflow.local>`],
  ])("a row sent from %s is always %s", (from, expected) => {
    expect(outboxMessageId(row, from)).toBe(expected);
  });
});
