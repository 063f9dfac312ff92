import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FolderMailer } from "./folder-mailer";
import type { OutgoingEmail } from "./mailer";

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "stockflow-mail-"));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const link = "http://localhost:3000/requests/0193a7c2-1111-7000-8000-000000000000";
const message: OutgoingEmail = {
  from: "StockFlow <no-reply@stockflow.local>",
  to: "dana@example.test",
  replyTo: "support@example.test",
  subject: "Order #42 needs your approval",
  html: `<p>Order #42 is waiting.</p><a href="${link}">Review it</a>`,
  text: `Order #42 is waiting.\n\nReview it ${link}`,
};

/** Undoes quoted-printable (soft line breaks and =XX escapes), which MIME may use for the parts. */
function decodeQuotedPrintable(body: string): string {
  return body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe("FolderMailer", () => {
  it("writes the full MIME message as .eml and the HTML as .html", async () => {
    const sent = await new FolderMailer(dir).send(message);

    const files = (await fs.readdir(dir)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/order-42-needs-your-approval\.eml$/);
    expect(files[1]).toMatch(/order-42-needs-your-approval\.html$/);
    expect(sent.id).toBe(path.join(dir, files[0]!));

    const eml = await fs.readFile(sent.id, "utf8");
    const endOfHeaders = eml.indexOf("\r\n\r\n");
    expect(endOfHeaders).toBeGreaterThan(0);
    const headers = eml.slice(0, endOfHeaders);
    const body = eml.slice(endOfHeaders);
    expect(headers).toMatch(/^From: StockFlow <no-reply@stockflow\.local>$/m);
    expect(headers).toMatch(/^To: dana@example\.test$/m);
    expect(headers).toMatch(/^Reply-To: support@example\.test$/m);
    expect(headers).toMatch(/^Subject: Order #42 needs your approval$/m);
    expect(headers).toMatch(/^Content-Type: multipart\/alternative;/m);
    const decoded = decodeQuotedPrintable(body);
    expect(decoded).toMatch(/Content-Type: text\/plain/);
    expect(decoded).toContain(`Review it ${link}`);
    expect(decoded).toMatch(/Content-Type: text\/html/);
    expect(decoded).toContain(`<a href="${link}">Review it</a>`);

    expect(await fs.readFile(path.join(dir, files[1]!), "utf8")).toBe(message.html);
  });

  it.each([
    ["subject", { subject: "Hello\r\nBcc: victim@example.test" }],
    ["to", { to: "dana@example.test\nBcc: victim@example.test" }],
  ])("refuses a line break in %s and writes nothing", async (_field, change) => {
    await expect(new FolderMailer(dir).send({ ...message, ...change })).rejects.toThrow(/line break/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
