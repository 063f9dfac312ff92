"use server";

import type { ContactFormState } from "@/components/contact/contact-form";
import { publicAction } from "@/lib/action";
import { CONTACT_FIELDS } from "@/lib/contact/contact-fields";
import { submitContactMessage } from "@/lib/contact/submit-contact-message";

export async function contactAction(_state: ContactFormState, form: FormData): Promise<ContactFormState> {
  // Every posted field reaches the schema, which refuses unknown ones; only React's own $ACTION_ fields are left out.
  const input = Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$ACTION")));
  const result = await publicAction((request) => submitContactMessage(input, request));
  // A success clears the form; a refusal shows what was typed again beside its errors.
  if (result.ok) return result;
  const values = Object.fromEntries(
    CONTACT_FIELDS.map((field) => {
      const value = input[field];
      return [field, typeof value === "string" ? value : ""];
    }),
  );
  return { ...result, values };
}
