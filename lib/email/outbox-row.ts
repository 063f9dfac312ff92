// The one way an outbox row is built, shared by the tenant (enqueueEmail) and platform (enqueuePlatformEmail)
// writers: props are checked against the template's schema and the subject comes from the registry, all before
// anything is written. Props a template refuses because of stored text never roll back the change that sends them
// (docs/architecture.md, "Email"): optional mail is skipped, security mail is sent with that text made safe.
import { emailAddress } from "../../emails/fields";
import { prepareEmail, refusedProps, type EmailProps, type EmailTemplateName } from "../../emails/registry";
import { logger } from "../logger";
import { NOTIFICATION_KINDS } from "../notifications/notification-kinds";

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

type RequiredKind = Extract<(typeof NOTIFICATION_KINDS)[number], { required: true }>;

/**
 * Security mail (password changed or reset, email changed, invitations, the company's status): the kinds nobody
 * may turn off. Such an email is never dropped for a stored value; any other is.
 */
export type SecurityTemplate = RequiredKind["templates"][number];

const SECURITY_TEMPLATES: ReadonlySet<string> = new Set(
  NOTIFICATION_KINDS.filter((info) => info.required).flatMap((info) => info.templates),
);

/** What enqueueing gives: an optional email may have been skipped (null); security mail always has its row. */
export type Enqueued<Message extends EmailMessage> = Message["template"] extends SecurityTemplate
  ? { id: string }
  : { id: string } | null;

export type OutboxRowData = ReturnType<typeof outboxRow>;

/** What the writer records when it had to step around refused props: the template and prop names, no values. */
export interface EmailFallback {
  action: "email.skipped" | "email.sanitized";
  details: { template: string; to: string; fields: string[] };
}

export interface PreparedOutboxRow {
  /** Null: skipped. */
  row: OutboxRowData | null;
  fallback: EmailFallback | null;
}

function outboxRow(email: EmailMessage, props: unknown) {
  const { subject, props: checked } = prepareEmail(email.template, props);
  // Header injection is impossible by construction: no CR or LF in any header we write.
  if (/[\r\n]/.test(email.to + subject + (email.replyTo ?? ""))) {
    throw new Error("Email headers must be single lines");
  }
  for (const address of [email.to, email.replyTo]) {
    if (address !== undefined && !emailAddress.safeParse(address).success) {
      throw new Error(`Not an email address: ${JSON.stringify(address)}`);
    }
  }
  return { template: email.template, toAddress: email.to, replyTo: email.replyTo ?? null, subject, props: checked };
}

/**
 * The row to write, or none. Props refused because of their text (a name with a tab, a note too long) skip an
 * optional email and are made one line and cut to fit in a security email, with an error log either way; props
 * that no such repair satisfies are a bug and throw EmailTemplateError (the change rolls back, as it should).
 */
export function prepareOutboxRow(
  email: EmailMessage,
  log: { companyId?: string; userId?: string } = {},
): PreparedOutboxRow {
  const refused = refusedProps(email.template, email.props);
  if (!refused?.safe) return { row: outboxRow(email, email.props), fallback: null };
  const security = SECURITY_TEMPLATES.has(email.template);
  const fallback: EmailFallback = {
    action: security ? "email.sanitized" : "email.skipped",
    details: { template: email.template, to: email.to, fields: refused.fields },
  };
  logger.error(
    { ...log, template: email.template, fields: refused.fields, action: fallback.action },
    security
      ? "Email props refused by the template: sent with the stored text made safe"
      : "Email props refused by the template: this optional email is skipped",
  );
  return { row: security ? outboxRow(email, refused.safe) : null, fallback };
}
