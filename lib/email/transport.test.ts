import { describe, expect, it } from "vitest";
import { FolderMailer } from "./folder-mailer";
import { ResendMailer } from "./resend-mailer";
import { SmtpMailer } from "./smtp-mailer";
import { mailerFromEnv } from "./transport";

const RESEND_API_KEY = "re_test_0123456789";
const SMTP_URL = "smtps://robin%40example.com:app-password@smtp.example.com:465";
const MAIL_DIR = ".data/test-mail";

describe("mailerFromEnv", () => {
  it("sends through Resend when RESEND_API_KEY is set, even with SMTP_URL set too", () => {
    expect(mailerFromEnv({ RESEND_API_KEY, SMTP_URL, MAIL_DIR })).toBeInstanceOf(ResendMailer);
  });

  it("sends over SMTP when only SMTP_URL is set", () => {
    expect(mailerFromEnv({ SMTP_URL, MAIL_DIR })).toBeInstanceOf(SmtpMailer);
  });

  it("writes to the folder when neither is set", () => {
    expect(mailerFromEnv({ MAIL_DIR })).toBeInstanceOf(FolderMailer);
  });
});
