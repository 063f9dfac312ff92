// Each template rendered the way the worker renders it (lib/email/render-email.ts): the subject, the HTML and the
// plain-text part all carry the link and the facts the reader needs.
import { describe, expect, it } from "vitest";
import { renderEmail } from "../lib/email/render-email";
import CompanyStatusEmail from "./company-status";
import EmailChangedEmail from "./email-changed";
import InvitationEmail from "./invitation";
import PasswordChangedEmail from "./password-changed";
import PasswordResetEmail from "./password-reset";
import { EmailTemplateError, emailTemplates, prepareEmail, type EmailTemplateName } from "./registry";

describe("invitation", () => {
  const acceptUrl = "https://stockflow.example.com/invitations/accept?token=tok_9f8e7d";

  it("names the company, the inviter, the role and the expiry, and links to the acceptance page", async () => {
    const email = await renderEmail("invitation", {
      companyName: "Harbour Tools",
      inviterName: "Priya Natarajan",
      role: "Manager",
      acceptUrl,
      expiresAt: "2026-12-01T09:30:00.000Z",
    });
    expect(email.subject).toBe("Priya Natarajan invited you to Harbour Tools on StockFlow");
    expect(email.html).toContain(`href="${acceptUrl}"`);
    expect(email.text).toContain(acceptUrl);
    expect(email.text).toContain("Priya Natarajan invited you to join Harbour Tools on StockFlow as a Manager.");
    expect(email.text).toContain("1 Dec 2026, 09:30 UTC");
    expect(email.text).toContain("You received this email because Priya Natarajan invited this address");
  });

  it("says 'an Admin'", async () => {
    const email = await renderEmail("invitation", { ...InvitationEmail.PreviewProps, role: "Admin" });
    expect(email.text).toContain("as an Admin.");
  });
});

describe("password-reset", () => {
  it("links to the reset page and says how long the link lasts", async () => {
    const resetUrl = "https://stockflow.example.com/reset-password?token=tok_1a2b3c";
    const email = await renderEmail("password-reset", { name: "Jonas Berg", resetUrl, expiresInMinutes: 45 });
    expect(email.subject).toBe("Reset your StockFlow password");
    expect(email.html).toContain(`href="${resetUrl}"`);
    expect(email.text).toContain(resetUrl);
    expect(email.text).toContain("Hi Jonas Berg,");
    expect(email.text).toContain("expires in 45 minutes");
    expect(email.text).toContain("If you did not ask for this, ignore this email");
  });
});

describe("password-changed", () => {
  it("is a security notice with the time of the change and what to do if it was not you", async () => {
    const signInUrl = "https://stockflow.example.com/login";
    const email = await renderEmail("password-changed", {
      name: "Jonas Berg",
      changedAt: "2026-11-24T14:05:00.000Z",
      signInUrl,
    });
    expect(email.subject).toBe("Your StockFlow password was changed");
    expect(email.html).toContain(`href="${signInUrl}"`);
    expect(email.text).toContain(signInUrl);
    expect(email.text).toContain("changed on 24 Nov 2026, 14:05 UTC");
    expect(email.text).toContain("If this wasn't you, reset your password now");
  });
});

describe("email-changed", () => {
  it("tells the old address which address replaced it and when", async () => {
    const email = await renderEmail("email-changed", {
      name: "Jonas Berg",
      oldEmail: "jonas@old.example.com",
      newEmail: "j.berg@new.example.com",
      changedAt: "2026-03-02T08:15:00.000Z",
    });
    expect(email.subject).toBe("Your StockFlow email address was changed");
    expect(email.text).toContain("changed from jonas@old.example.com to j.berg@new.example.com");
    expect(email.text).toContain("On 2 Mar 2026, 08:15 UTC");
    expect(email.text).toContain("If this wasn't you, contact your company administrator");
  });
});

describe("company-status", () => {
  const signInUrl = "https://stockflow.example.com/login";

  it("tells an admin the company is active", async () => {
    const email = await renderEmail("company-status", { companyName: "Harbour Tools", status: "ACTIVE", signInUrl });
    expect(email.subject).toBe("Harbour Tools is active on StockFlow");
    expect(email.html).toContain(`href="${signInUrl}"`);
    expect(email.text).toContain(signInUrl);
    expect(email.text).toContain("Harbour Tools has been approved (or reactivated)");
    expect(email.text).toContain("you are an administrator of Harbour Tools");
  });

  it("tells an admin the company is suspended", async () => {
    const email = await renderEmail("company-status", { companyName: "Harbour Tools", status: "SUSPENDED", signInUrl });
    expect(email.subject).toBe("Harbour Tools is suspended on StockFlow");
    expect(email.text).toContain("has suspended Harbour Tools");
    expect(email.text).not.toContain("approved");
  });
});

describe("registry", () => {
  const previews: Record<EmailTemplateName, unknown> = {
    invitation: InvitationEmail.PreviewProps,
    "password-reset": PasswordResetEmail.PreviewProps,
    "password-changed": PasswordChangedEmail.PreviewProps,
    "email-changed": EmailChangedEmail.PreviewProps,
    "company-status": CompanyStatusEmail.PreviewProps,
  };

  it.each(Object.keys(emailTemplates) as EmailTemplateName[])("%s: its PreviewProps pass its schema", (name) => {
    expect(emailTemplates[name].schema.safeParse(previews[name]).success).toBe(true);
  });

  it("refuses unknown keys", () => {
    expect(() => prepareEmail("password-reset", { ...PasswordResetEmail.PreviewProps, token: "raw-secret" })).toThrow(
      EmailTemplateError,
    );
  });

  it.each([
    "/reset-password?token=abc",
    "//evil.example/reset",
    "javascript:alert(1)",
    "ftp://stockflow.example.com/x",
  ])("refuses the link %s", (resetUrl) => {
    expect(() => prepareEmail("password-reset", { ...PasswordResetEmail.PreviewProps, resetUrl })).toThrow(/resetUrl/);
  });

  it("refuses a line break in a name that would end up in the subject", () => {
    const props = { ...InvitationEmail.PreviewProps, companyName: "Acme\r\nBcc: victim@example.test" };
    expect(() => prepareEmail("invitation", props)).toThrow(EmailTemplateError);
  });

  it("refuses a template it does not know", () => {
    expect(() => prepareEmail("newsletter", {})).toThrow(new EmailTemplateError('Unknown email template "newsletter"'));
  });
});
