"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { CONTACT_FIELDS, CONTACT_LIMITS, HONEYPOT_FIELD, type ContactReceipt } from "@/lib/contact/contact-fields";

export type ContactFormState = FormState<ContactReceipt>;

type Action = (state: ContactFormState, form: FormData) => Promise<ContactFormState>;

const typed = (state: ContactFormState, field: string) => (state && !state.ok ? state.values?.[field] : undefined);

/** The public contact form: after a success the fields are empty again and the message says where we reply. */
export function ContactForm({ action }: { action: Action }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  return (
    <form onChange={clearOnEdit} action={formAction} className="relative space-y-4" noValidate>
      <FormMessage
        state={state}
        fields={[...CONTACT_FIELDS]}
        success={state?.ok ? `Thanks — we've received your message and will reply to ${state.data.email}.` : undefined}
      />
      <TextField
        id="contact-name"
        name="name"
        label="Your name"
        autoComplete="name"
        maxLength={CONTACT_LIMITS.name}
        defaultValue={typed(state, "name")}
        required
        errors={fieldErrors(state, "name")}
      />
      <TextField
        id="contact-email"
        name="email"
        type="email"
        label="Your email"
        hint="We reply to this address."
        autoComplete="email"
        inputMode="email"
        maxLength={CONTACT_LIMITS.email}
        defaultValue={typed(state, "email")}
        required
        errors={fieldErrors(state, "email")}
      />
      <TextField
        id="contact-subject"
        name="subject"
        label="Subject"
        maxLength={CONTACT_LIMITS.subject}
        defaultValue={typed(state, "subject")}
        required
        errors={fieldErrors(state, "subject")}
      />
      <TextAreaField
        id="contact-message"
        name="message"
        label="Message"
        hint={`At least ${CONTACT_LIMITS.messageMin} characters.`}
        rows={7}
        defaultValue={typed(state, "message")}
        required
        errors={fieldErrors(state, "message")}
      />
      {/* The honeypot: off-screen and hidden from assistive technology, out of the tab order and autofill. People
          leave it empty; bots that fill every field get a success that sends nothing. Not display:none, which
          bots learn to skip. */}
      <div aria-hidden="true" className="absolute top-0 -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="contact-website">Leave this empty</label>
        <input id="contact-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <SubmitButton className="w-full sm:w-auto" pendingLabel="Sending…">
        Send message
      </SubmitButton>
    </form>
  );
}
