import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  asSingleLine,
  idSchema,
  isUuid,
  multiLineText,
  optionalMultiLineText,
  optionalSingleLineText,
  searchText,
  searchTextSchema,
  singleLineText,
  stripControlCharacters,
  versionSchema,
} from "./fields";

const messagesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("single-line text", () => {
  const name = singleLineText({ missing: "Enter a name.", max: 12 });

  it("accepts one line of text, trimmed, other scripts and emoji included", () => {
    expect(name.parse("  Dana Reyes ")).toBe("Dana Reyes");
    expect(name.parse("Zoë Ōtsuka")).toBe("Zoë Ōtsuka");
    expect(name.parse("Ana 🙂")).toBe("Ana 🙂");
  });

  it.each([
    ["a tab", "Dana\tReyes"],
    ["a line feed", "Dana\nReyes"],
    ["a carriage return and line feed", "Dana\r\nBcc: x@example.test"],
    ["a trailing line feed (refused, not trimmed away)", "Dana\n"],
    ["a leading tab", "\tDana"],
    ["NUL", "Dana\u0000"],
    ["DEL", "Dana\u007f"],
    ["U+0085 (next line)", "Dana\u0085Reyes"],
    ["U+2028 (line separator)", "Dana\u2028Reyes"],
    ["U+2029 (paragraph separator)", "Dana\u2029Reyes"],
    ["an escape", "Dana\u001b[31m"],
  ])("refuses %s", (_, value) => {
    expect(messagesOf(name, value)).toEqual(["Use a single line without control characters."]);
  });

  it("refuses blank, missing and non-text values with the 'missing' message, and too long text", () => {
    expect(messagesOf(name, "")).toEqual(["Enter a name."]);
    expect(messagesOf(name, "   ")).toEqual(["Enter a name."]);
    expect(messagesOf(name, undefined)).toEqual(["Enter a name."]);
    expect(messagesOf(name, 42)).toEqual(["Enter a name."]);
    expect(name.parse("x".repeat(12))).toBe("x".repeat(12));
    expect(messagesOf(name, "x".repeat(13))).toEqual(["Use at most 12 characters."]);
  });

  it("starts its messages with the label when given one, and counts a minimum after trimming", () => {
    const reference = singleLineText({ label: "Reference", min: 3, max: 5 });
    expect(messagesOf(reference, "")).toEqual(["Reference: enter text."]);
    expect(messagesOf(reference, " ab ")).toEqual(["Reference: enter at least 3 characters."]);
    expect(messagesOf(reference, "abcdef")).toEqual(["Reference: use at most 5 characters."]);
    expect(messagesOf(reference, "a\tb")).toEqual(["Reference: use a single line without control characters."]);
    expect(messagesOf(singleLineText({ min: 2, max: 9 }), "a")).toEqual(["Use at least 2 characters."]);
  });

  it("optional: blank, null or missing is null; anything else follows the same rule", () => {
    const code = optionalSingleLineText({ max: 4 });
    expect(code.parse(undefined)).toBeNull();
    expect(code.parse(null)).toBeNull();
    expect(code.parse("  ")).toBeNull();
    expect(code.parse(" WH ")).toBe("WH");
    expect(messagesOf(code, "W\tH")).toEqual(["Use a single line without control characters."]);
    expect(messagesOf(code, "WHWHW")).toEqual(["Use at most 4 characters."]);
  });
});

describe("multi-line text", () => {
  const note = multiLineText({ label: "Note", max: 50 });

  it("keeps line breaks and tabs inside the text, trims its ends", () => {
    expect(note.parse(" first line\r\nsecond\tcolumn\nthird ")).toBe("first line\r\nsecond\tcolumn\nthird");
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["U+0085", "a\u0085b"],
    ["a vertical tab", "a\u000bb"],
    ["a form feed", "a\u000cb"],
    ["a bell", "a\u0007b"],
    ["DEL", "a\u007fb"],
  ])("refuses %s", (_, value) => {
    expect(messagesOf(note, value)).toEqual(["Note: use plain text without control characters."]);
  });

  it("optional: blank is null", () => {
    const optional = optionalMultiLineText({ label: "Note", max: 5 });
    expect(optional.parse("\n \n")).toBeNull();
    expect(optional.parse(undefined)).toBeNull();
    expect(messagesOf(optional, "123456")).toEqual(["Note: use at most 5 characters."]);
  });
});

describe("ids", () => {
  const productId = idSchema("That product");

  it("accepts a UUID and lower-cases it, like the text the database returns", () => {
    expect(productId.parse("0190A2B4-7C1D-7E2F-8A3B-4C5D6E7F8091")).toBe("0190a2b4-7c1d-7e2f-8a3b-4c5d6e7f8091");
    expect(isUuid("0190a2b4-7c1d-7e2f-8a3b-4c5d6e7f8091")).toBe(true);
  });

  it.each([
    ["not-a-uuid"],
    [""],
    [" 0190a2b4-7c1d-7e2f-8a3b-4c5d6e7f8091"],
    ["0190a2b4-7c1d-7e2f-8a3b-4c5d6e7f8091\u0000"],
    [42],
  ])("refuses %j as not found", (value) => {
    expect(messagesOf(productId, value)).toEqual(["That product was not found."]);
    expect(isUuid(value)).toBe(false);
  });
});

describe("versions", () => {
  const version = versionSchema("request");

  it("accepts a whole number from 1, as a number or as digits", () => {
    expect(version.parse(1)).toBe(1);
    expect(version.parse("7")).toBe(7);
    expect(version.parse("0042")).toBe(42);
    expect(version.parse("2147483647")).toBe(2_147_483_647);
  });

  it.each([["1e3"], [" 1"], ["1 "], ["1.0"], ["0x10"], ["+1"], ["-1"], ["0"], [0], [1.5], ["2147483648"], ["2abc"]])(
    "refuses %j",
    (value) => {
      expect(messagesOf(version, value)).toEqual(["Reload the page: the request's version is not a version number."]);
    },
  );

  it("a missing version says so", () => {
    expect(messagesOf(version, undefined)).toEqual(["Reload the page: the request's version is missing."]);
    expect(messagesOf(version, "")).toEqual(["Reload the page: the request's version is missing."]);
  });
});

describe("search text", () => {
  it("drops control characters, trims, cuts to 100 characters; blank is no search; never refuses", () => {
    expect(searchTextSchema.parse(undefined)).toBe("");
    expect(searchTextSchema.parse("  bolt\u0000 ")).toBe("bolt");
    expect(searchTextSchema.parse("x".repeat(150))).toBe("x".repeat(100));
    expect(searchText(["\u0000bolt\u0007", "nut"])).toBe("bolt");
    expect(searchText(undefined)).toBe("");
  });
});

describe("stored text made safe", () => {
  it("strips or flattens control characters", () => {
    expect(stripControlCharacters("a\u0000b\tc\u0085")).toBe("abc");
    expect(asSingleLine("\tDana\r\n\u2028Reyes\u0000")).toBe("Dana Reyes");
  });
});
