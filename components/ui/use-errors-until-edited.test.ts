import { describe, expect, it } from "vitest";
import { formError, type FormState } from "./form-state";
import { withoutEditedErrors } from "./use-errors-until-edited";

const refused: FormState<null> = {
  ok: false,
  code: "VALIDATION",
  message: "Please correct the highlighted fields.",
  fieldErrors: { sku: ["That SKU is taken."], name: ["Enter a name."] },
  values: { sku: "A-1", name: "" },
};

describe("withoutEditedErrors", () => {
  it("leaves out the edited fields' errors and keeps everything else", () => {
    const shown = withoutEditedErrors(refused, new Set(["sku"]));
    expect(shown).toEqual({ ...refused, fieldErrors: { name: ["Enter a name."] } });
    expect(withoutEditedErrors(refused, new Set())).toBe(refused);
  });

  it("has nothing left to say once every field error is edited away, but keeps an error of the whole form", () => {
    const fixed = withoutEditedErrors(refused, new Set(["sku", "name"]));
    expect(formError(fixed, [])).toBeUndefined();
    expect(formError(refused, [])).toBe("Please correct the highlighted fields.");
    const withForm = { ...refused, fieldErrors: { ...refused.fieldErrors, _form: ["Reload the page."] } };
    expect(formError(withoutEditedErrors(withForm, new Set(["sku", "name"])), [])).toBe("Reload the page.");
  });

  it("changes nothing after a success or a failure without field errors", () => {
    const ok: FormState<null> = { ok: true, data: null };
    const conflict: FormState<null> = { ok: false, code: "CONFLICT", message: "Changed by Mira." };
    expect(withoutEditedErrors(ok, new Set(["sku"]))).toBe(ok);
    expect(withoutEditedErrors(conflict, new Set(["sku"]))).toBe(conflict);
    expect(formError(conflict, [])).toBe("Changed by Mira.");
  });
});
