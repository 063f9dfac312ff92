import { describe, expect, it } from "vitest";
import { emailTemplates } from "../../emails/registry";
import { renderEmailPreviews } from "./email-previews";

describe("renderEmailPreviews", () => {
  it("renders every registered template from its sample props, with a subject, HTML and a text part", async () => {
    const previews = await renderEmailPreviews();
    expect(previews.map((preview) => preview.template).sort()).toEqual(Object.keys(emailTemplates).sort());
    for (const preview of previews) {
      expect(preview.subject, preview.template).not.toBe("");
      expect(preview.html, preview.template).toMatch(/^<!DOCTYPE html[\s\S]*<\/html>$/);
      expect(preview.text.trim().length, preview.template).toBeGreaterThan(40);
    }
  });
});
