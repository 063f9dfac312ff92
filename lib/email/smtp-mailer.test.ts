import { describe, expect, it } from "vitest";
import { requiresTls } from "./smtp-mailer";

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
