import "server-only";
import { render, toPlainText } from "@react-email/render";
import { prepareEmail } from "../../emails/registry";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders a template to HTML and its plain-text alternative; throws EmailTemplateError for a bad template or props. */
export async function renderEmail(template: string, props: unknown): Promise<RenderedEmail> {
  const { subject, element } = prepareEmail(template, props);
  const html = await render(element);
  return { subject, html, text: toPlainText(html, { selectors: [{ selector: "h1", options: { uppercase: false } }] }) };
}
