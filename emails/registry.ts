// Every email StockFlow sends: template name → the schema its props must pass (checked when enqueued and again
// when delivered, since rows outlive deployments), the subject they give, and the component that renders them.
import { createElement, type ReactElement } from "react";
import { z } from "zod";
import { asSingleLine } from "../lib/fields";
import CompanyPendingEmail, { companyPendingSchema, companyPendingSubject } from "./company-pending";
import CompanyRegisteredEmail, { companyRegisteredSchema, companyRegisteredSubject } from "./company-registered";
import CompanyStatusEmail, { companyStatusSchema, companyStatusSubject } from "./company-status";
import ContactConfirmationEmail, {
  contactConfirmationSchema,
  contactConfirmationSubject,
} from "./contact-confirmation";
import ContactMessageEmail, { contactMessageSchema, contactMessageSubject } from "./contact-message";
import EmailConfirmationEmail, { emailConfirmationSchema, emailConfirmationSubject } from "./email-confirmation";
import EmailChangeRequestedEmail, {
  emailChangeRequestedSchema,
  emailChangeRequestedSubject,
} from "./email-change-requested";
import EmailChangedEmail, { emailChangedSchema, emailChangedSubject } from "./email-changed";
import InvitationEmail, { invitationSchema, invitationSubject } from "./invitation";
import LowStockEmail, { lowStockSchema, lowStockSubject } from "./low-stock";
import OrderStatusEmail, { orderStatusSchema, orderStatusSubject } from "./order-status";
import OrderSubmittedEmail, { orderSubmittedSchema, orderSubmittedSubject } from "./order-submitted";
import PasswordChangedEmail, { passwordChangedSchema, passwordChangedSubject } from "./password-changed";
import PasswordResetEmail, { passwordResetSchema, passwordResetSubject } from "./password-reset";
import PasswordResetNoAccountEmail, {
  passwordResetNoAccountSchema,
  passwordResetNoAccountSubject,
} from "./password-reset-no-account";

/** Props are stored as a JSON object in the outbox, so they are flat JSON values, or lists of text (order-status's lines). */
type JsonProps = Record<string, string | number | boolean | string[]>;

interface EmailTemplate<Schema extends z.ZodType<JsonProps>> {
  schema: Schema;
  // Method syntax: bivariant parameters let any entry be used through `EmailTemplate<z.ZodType<JsonProps>>`
  // once its schema has produced the props.
  subject(props: z.output<Schema>): string;
  component(props: z.output<Schema>): ReactElement;
  /**
   * Props that carry a one-time link (its token is a credential): blanked in the outbox once the email is sent
   * or given up, so the database keeps only the token's hash for good.
   */
  secrets?: readonly (keyof z.output<Schema> & string)[];
}

const define = <Schema extends z.ZodType<JsonProps>>(template: EmailTemplate<Schema>) => template;

export const emailTemplates = {
  invitation: define({
    schema: invitationSchema,
    subject: invitationSubject,
    component: InvitationEmail,
    secrets: ["acceptUrl"],
  }),
  "password-reset": define({
    schema: passwordResetSchema,
    subject: passwordResetSubject,
    component: PasswordResetEmail,
    secrets: ["resetUrl"],
  }),
  // The same request for an address with no active account: a notice instead of a link.
  "password-reset-no-account": define({
    schema: passwordResetNoAccountSchema,
    subject: passwordResetNoAccountSubject,
    component: PasswordResetNoAccountEmail,
  }),
  "password-changed": define({
    schema: passwordChangedSchema,
    subject: passwordChangedSubject,
    component: PasswordChangedEmail,
  }),
  // Confirms an account's own address or a new one (lib/accounts/email-confirmation.ts): the link is the proof.
  "email-confirmation": define({
    schema: emailConfirmationSchema,
    subject: emailConfirmationSubject,
    component: EmailConfirmationEmail,
    secrets: ["confirmUrl"],
  }),
  "email-change-requested": define({
    schema: emailChangeRequestedSchema,
    subject: emailChangeRequestedSubject,
    component: EmailChangeRequestedEmail,
  }),
  "email-changed": define({ schema: emailChangedSchema, subject: emailChangedSubject, component: EmailChangedEmail }),
  "company-status": define({
    schema: companyStatusSchema,
    subject: companyStatusSubject,
    component: CompanyStatusEmail,
  }),
  // Sign-up: the welcome to the new admin, and (when approval is required) the notice to platform administrators.
  "company-registered": define({
    schema: companyRegisteredSchema,
    subject: companyRegisteredSubject,
    component: CompanyRegisteredEmail,
  }),
  "company-pending": define({
    schema: companyPendingSchema,
    subject: companyPendingSubject,
    component: CompanyPendingEmail,
  }),
  // Request links are not credentials: opening one still needs a session in the request's company.
  "order-submitted": define({
    schema: orderSubmittedSchema,
    subject: orderSubmittedSubject,
    component: OrderSubmittedEmail,
  }),
  "order-status": define({ schema: orderStatusSchema, subject: orderStatusSubject, component: OrderStatusEmail }),
  // The public contact form: the message to the support address (sender as Reply-To) and the sender's copy.
  "contact-message": define({
    schema: contactMessageSchema,
    subject: contactMessageSubject,
    component: ContactMessageEmail,
  }),
  "contact-confirmation": define({
    schema: contactConfirmationSchema,
    subject: contactConfirmationSubject,
    component: ContactConfirmationEmail,
  }),
  "low-stock": define({ schema: lowStockSchema, subject: lowStockSubject, component: LowStockEmail }),
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailProps<Name extends EmailTemplateName> = z.input<(typeof emailTemplates)[Name]["schema"]>;

/** A template that does not exist or props it refuses: retrying cannot help. */
export class EmailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmailTemplateError";
  }
}

export interface PreparedEmail {
  subject: string;
  /** The props as the schema returned them (trimmed): what is stored and rendered. */
  props: JsonProps;
  element: ReactElement;
}

const isTemplateName = (name: string): name is EmailTemplateName => Object.hasOwn(emailTemplates, name);

/** The props to keep once an email is settled: one-time links blanked (unknown templates are kept as they are). */
export function settledProps(template: string, props: unknown): unknown {
  if (!isTemplateName(template) || props === null || typeof props !== "object") return props;
  const secrets: readonly string[] = emailTemplates[template].secrets ?? [];
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => [key, secrets.includes(key) ? "[sent]" : value]),
  );
}

/** Looks the template up and checks its props; throws EmailTemplateError when either is wrong. */
export function prepareEmail(template: string, props: unknown): PreparedEmail {
  if (!isTemplateName(template)) throw new EmailTemplateError(`Unknown email template "${template}"`);
  const entry: EmailTemplate<z.ZodType<JsonProps>> = emailTemplates[template];
  const parsed = entry.schema.safeParse(props);
  if (!parsed.success) {
    throw new EmailTemplateError(`Props of email template "${template}" are invalid: ${z.prettifyError(parsed.error)}`);
  }
  return {
    subject: entry.subject(parsed.data),
    props: parsed.data,
    element: createElement(entry.component, parsed.data),
  };
}

/** The names of the top-level props the template's schema refuses (names only: never their values). */
function refusedKeys(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => String(issue.path[0] ?? "")))].sort();
}

/**
 * What to do with props a template refuses (issue 11, item 4): stored text (a name, a note) written before a rule
 * existed, or around it, must not stop the change that sends the email. `fields` names the refused props; `safe`
 * is the props with each refused text made one line and cut to its limit, or null when that does not satisfy the
 * schema: then the props are wrong by construction (a bad link, a missing value), a bug no stored value explains.
 */
export interface RefusedProps {
  fields: string[];
  safe: JsonProps | null;
}

/** Null when the template takes the props as they are. */
export function refusedProps(template: EmailTemplateName, props: unknown): RefusedProps | null {
  const schema: z.ZodType<JsonProps> = emailTemplates[template].schema;
  const first = schema.safeParse(props);
  if (first.success) return null;
  const fields = refusedKeys(first.error);
  if (props === null || typeof props !== "object") return { fields, safe: null };
  const safe: Record<string, unknown> = { ...props };
  const repair = (value: unknown) => (typeof value === "string" ? asSingleLine(value) || "—" : value);
  for (const key of fields.filter((field) => Object.hasOwn(safe, field))) {
    const value = safe[key];
    // A list of texts (lines naming products) is repaired text by text. Its length is not stored text's doing.
    safe[key] = Array.isArray(value) ? value.map(repair) : repair(value);
  }
  // Cut what is still too long to the length the schema allows: a text, or a text in a list (path [key, index]).
  for (const issue of schema.safeParse(safe).error?.issues ?? []) {
    if (issue.code !== "too_big" || typeof issue.maximum !== "number") continue;
    const max = Number(issue.maximum);
    const [key, index] = [String(issue.path[0] ?? ""), issue.path[1]];
    const value = safe[key];
    if (typeof value === "string" && index === undefined) safe[key] = value.slice(0, max).trim();
    if (Array.isArray(value) && typeof index === "number") {
      safe[key] = value.map((item, at) =>
        at === index && typeof item === "string" ? item.slice(0, max).trim() : item,
      );
    }
  }
  const checked = schema.safeParse(safe);
  return { fields, safe: checked.success ? checked.data : null };
}
