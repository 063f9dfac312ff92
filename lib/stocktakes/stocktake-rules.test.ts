import { describe, expect, it } from "vitest";
import { ROLES } from "../auth/permissions";
import { formatStocktakeNumber, STOCKTAKE_STATUSES } from "./stocktake-fields";
import { countShown, expectedRevealed, needsRecount, stocktakeStep, thresholdText } from "./stocktake-rules";

describe("needsRecount", () => {
  const none = { units: null, percent: null };
  it("never without a threshold, and never for a count that matches", () => {
    expect(needsRecount({ counted: 1000, expected: 0 }, none)).toBe(false);
    expect(needsRecount({ counted: 7, expected: 7 }, { units: 0, percent: 0 })).toBe(false);
  });

  it("by units: more than the threshold either way, so 0 flags any difference", () => {
    const five = { units: 5, percent: null };
    expect(needsRecount({ counted: 15, expected: 10 }, five)).toBe(false);
    expect(needsRecount({ counted: 16, expected: 10 }, five)).toBe(true);
    expect(needsRecount({ counted: 4, expected: 10 }, five)).toBe(true);
    expect(needsRecount({ counted: 11, expected: 10 }, { units: 0, percent: null })).toBe(true);
  });

  it("by percent of what was expected; anything found where nothing was expected is above every percentage", () => {
    const tenPercent = { units: null, percent: 10 };
    expect(needsRecount({ counted: 110, expected: 100 }, tenPercent)).toBe(false);
    expect(needsRecount({ counted: 111, expected: 100 }, tenPercent)).toBe(true);
    expect(needsRecount({ counted: 1, expected: 0 }, { units: null, percent: 1000 })).toBe(true);
  });

  it("with both, only a difference above both: a small item off by one, a pallet off by a few", () => {
    const both = { units: 5, percent: 10 };
    expect(needsRecount({ counted: 2, expected: 1 }, both)).toBe(false);
    expect(needsRecount({ counted: 10_006, expected: 10_000 }, both)).toBe(false);
    expect(needsRecount({ counted: 30, expected: 20 }, both)).toBe(true);
  });
});

describe("thresholdText", () => {
  it("says each threshold that is set", () => {
    expect(thresholdText({ units: null, percent: null })).toBe("no recounts");
    expect(thresholdText({ units: 1, percent: null })).toBe("a difference of more than 1 unit");
    expect(thresholdText({ units: 5, percent: 10 })).toBe(
      "a difference of more than 5 units and more than 10% of what was expected",
    );
  });
});

describe("blind", () => {
  it("shows expected quantities for an open stocktake, for a blind one only once booked", () => {
    for (const status of STOCKTAKE_STATUSES) {
      expect(expectedRevealed({ blind: false, status })).toBe(true);
      expect(expectedRevealed({ blind: true, status })).toBe(status === "BOOKED");
    }
  });

  it("hides a blind line's first count while it waits for its recount", () => {
    const blind = { blind: true, status: "COUNTED" as const };
    expect(countShown(blind, { recount: "REQUESTED" })).toBe(false);
    expect(countShown(blind, { recount: "DONE" })).toBe(true);
    expect(countShown(blind, { recount: "NONE" })).toBe(true);
    expect(countShown({ blind: false, status: "COUNTED" }, { recount: "REQUESTED" })).toBe(true);
    expect(countShown({ blind: true, status: "BOOKED" }, { recount: "REQUESTED" })).toBe(true);
  });
});

describe("stocktakeStep", () => {
  // Every status × step × role, written out: staff count; managers and admins also finish, book and cancel.
  const DESIGN = {
    STARTED: { count: true, finish: true, book: false, cancel: true },
    COUNTED: { count: true, finish: false, book: true, cancel: true },
    BOOKED: { count: false, finish: false, book: false, cancel: false },
    CANCELLED: { count: false, finish: false, book: false, cancel: false },
  } as const;
  const cases = STOCKTAKE_STATUSES.flatMap((status) =>
    (["count", "finish", "book", "cancel"] as const).flatMap((step) =>
      ROLES.map((role) => [status, step, role] as const),
    ),
  );

  it.each(cases)("%s × %s × %s", (status, step, role) => {
    const allowed = DESIGN[status][step] && (role !== "STAFF" || step === "count");
    const answer = stocktakeStep(step, status, role, 3);
    expect(answer.ok).toBe(allowed);
    if (!answer.ok && role !== "STAFF") expect(answer.reason).toContain(formatStocktakeNumber(3));
  });
});
