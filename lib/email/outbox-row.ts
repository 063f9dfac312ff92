// The one way an outbox row is built, shared by the tenant (enqueueEmail) and platform (enqueuePlatformEmail)
// writers: props are checked against the template's schema and the subject comes from the registry, all before
// anything is written.
import { emailAddress } from "../../emails/fields";
import { prepareEmail, type EmailProps, type EmailTemplateName } from "../../emails/registry";

/** An email to send: the template name picks the type of its props. */
export type EmailMessage = {
  [Name in EmailTemplateName]: {
    template: Name;
    to: string;
    /** Plain JSON (names, dates, absolute links): never secrets other than one-time links. */
    props: EmailProps<Name>;
    replyTo?: string;
  };
}[EmailTemplateName];

export function buildOutboxRow(email: EmailMessage) {
  const { subject, props } = prepareEmail(email.template, email.props);
  // Header injection is impossible by construction: no CR or LF in any header we write.
  if (/[\r\n]/.test(email.to + subject + (email.replyTo ?? ""))) {
    throw new Error("Email headers must be single lines");
  }
  for (const address of [email.to, email.replyTo]) {
    if (address !== undefined && !emailAddress.safeParse(address).success) {
      throw new Error(`Not an email address: ${JSON.stringify(address)}`);
    }
  }
  return { template: email.template, toAddress: email.to, replyTo: email.replyTo ?? null, subject, props };
}
