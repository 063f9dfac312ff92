// Every template rendered with its PreviewProps, for the development preview page (app/dev/emails): what each
// email looks like, subject and plain-text part included, without sending anything.
import "server-only";
import { emailTemplates, type EmailTemplateName } from "../../emails/registry";
import { renderEmail, type RenderedEmail } from "./render-email";

export interface EmailPreview extends RenderedEmail {
  template: EmailTemplateName;
}

export async function renderEmailPreviews(): Promise<EmailPreview[]> {
  const names = Object.keys(emailTemplates) as EmailTemplateName[];
  const previews: EmailPreview[] = [];
  for (const template of names) {
    // Each template's component carries its sample props, as react-email's own preview server expects.
    const { PreviewProps } = emailTemplates[template].component as { PreviewProps?: unknown };
    previews.push({ template, ...(await renderEmail(template, PreviewProps)) });
  }
  return previews;
}
