// The public contact form (issue 6) on real PostgreSQL: a valid message is stored and, in the same transaction,
// queued for the support address (the sender as Reply-To) and as a confirmation to the sender (a few a day per
// address at most, so the form cannot be used to mail a stranger); bad input and line breaks in
// header-bound fields are field errors with nothing written; a filled honeypot gets the success answer and leaves
// no trace; the per-address limit counts every attempt. Each test uses its own client /64, so the file's tests and
// other files' limits never meet.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { CONTACT_LIMITS } from "../../lib/contact/contact-fields";
import {
  CONFIRMATIONS_PER_ADDRESS_PER_DAY,
  CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR,
  submitContactMessage,
} from "../../lib/contact/submit-contact-message";
import { uniqueSuffix } from "../factories/company";
import { superuserClient } from "../helpers/db";

// Read by env() on its first use, which comes after this line: this file's support address.
const SUPPORT = "support@contact.test";
process.env.CONTACT_TO = SUPPORT;

let system: PrismaClient;

beforeAll(() => {
  system = superuserClient();
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), disconnectAll()]);
});

/** A client address in a /64 of its own (IPv6 limits count by /64): no other test shares its limit. */
function freshAddress(): string {
  const group = () => randomBytes(2).toString("hex");
  return `2001:db8:${group()}:${group()}::${group()}`;
}

const request = (ip: string | null = freshAddress()) => ({
  requestId: "contact-test",
  ip: ip ?? undefined,
  userAgent: "vitest",
});

/** A valid message whose subject and message carry a marker, so what it leaves behind can be counted. */
function message(overrides: (marker: string) => Record<string, unknown> = () => ({})) {
  const marker = uniqueSuffix();
  return {
    marker,
    input: {
      name: `Dana Reyes ${marker}`,
      email: `dana-${marker}@contact.test`,
      subject: `Importing products ${marker}`,
      message: `Hello,\r\n\r\nCan we import our product list? (${marker})\r\nThanks`,
      website: "",
      ...overrides(marker),
    },
  };
}

/** Everything a message with this marker left behind: stored messages, outbox rows (either email), audit rows. */
async function traces(marker: string) {
  const [messages, outbox, audit] = await Promise.all([
    system.contactMessage.count({
      where: {
        OR: [{ message: { contains: marker } }, { subject: { contains: marker } }, { email: { contains: marker } }],
      },
    }),
    system.emailOutbox.count({
      where: {
        OR: [{ subject: { contains: marker } }, { toAddress: { contains: marker } }, { replyTo: { contains: marker } }],
      },
    }),
    system.platformAuditLog.count({
      where: { action: "contact.message_received", email: { contains: marker } },
    }),
  ]);
  return { messages, outbox, audit };
}

const NOTHING = { messages: 0, outbox: 0, audit: 0 };

/** The thrown AppError, for assertions on its code, message and field errors. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; fieldErrors?: Record<string, string[]> };
  }
  throw new Error("expected the message to be refused");
}

describe("submitContactMessage", () => {
  it("stores the message and queues it for support (Reply-To the sender) and as a copy to the sender", async () => {
    const { input } = message((marker) => ({
      name: `  Dana Reyes ${marker}  `,
      email: ` Dana-${marker}@Contact.TEST `,
    }));
    const sender = input.email.trim().toLowerCase();
    const req = request();

    await expect(submitContactMessage(input, req)).resolves.toEqual({ email: sender });

    const stored = await system.contactMessage.findMany({
      where: { email: sender },
      select: { id: true, name: true, email: true, subject: true, message: true, ip: true, createdAt: true },
    });
    expect(stored).toHaveLength(1);
    const row = stored[0]!;
    expect(row).toMatchObject({
      name: input.name.trim(),
      email: sender,
      subject: input.subject,
      // Trimmed at the ends; the line breaks inside are kept as typed.
      message: input.message,
      ip: req.ip,
    });

    const outbox = await system.emailOutbox.findMany({
      where: { OR: [{ toAddress: sender }, { replyTo: sender }] },
      select: { companyId: true, template: true, toAddress: true, replyTo: true, subject: true, props: true },
      orderBy: { template: "asc" },
    });
    expect(outbox).toEqual([
      {
        companyId: null,
        template: "contact-confirmation",
        toAddress: sender,
        replyTo: null,
        subject: "We received your message to StockFlow",
        props: { receivedAt: row.createdAt.toISOString() },
      },
      {
        companyId: null,
        template: "contact-message",
        toAddress: SUPPORT,
        replyTo: sender,
        subject: `Contact form: ${input.subject}`,
        props: {
          name: row.name,
          email: sender,
          subject: input.subject,
          message: input.message,
          receivedAt: row.createdAt.toISOString(),
        },
      },
    ]);

    const audit = await system.platformAuditLog.findMany({
      where: { action: "contact.message_received", email: sender },
      select: { actorId: true, details: true, ip: true, userAgent: true, requestId: true },
    });
    expect(audit).toEqual([
      {
        actorId: null,
        details: { contactMessageId: row.id },
        ip: req.ip,
        userAgent: "vitest",
        requestId: "contact-test",
      },
    ]);
  });

  it("accepts a message without a client address (stored without one, no limit to count)", async () => {
    const { marker, input } = message();
    await submitContactMessage(input, request(null));
    expect(await traces(marker)).toEqual({ messages: 1, outbox: 2, audit: 1 });
    const row = await system.contactMessage.findFirstOrThrow({ where: { email: input.email }, select: { ip: true } });
    expect(row.ip).toBeNull();
  });

  it.each([
    ["an empty name", "name", "", "Enter your name."],
    ["a blank name", "name", "   ", "Enter your name."],
    ["a name of 121 characters", "name", "x".repeat(CONTACT_LIMITS.name + 1), "Use at most 120 characters."],
    ["a NUL in the name", "name", "Dana\u0000", "Use a single line without control characters."],
    ["an empty email", "email", "", "Enter your email address."],
    ["a malformed email", "email", "dana at example", "Enter a valid email address."],
    ["an email of 263 characters", "email", `${"x".repeat(250)}@example.test`, "Use at most 254 characters."],
    ["an empty subject", "subject", "", "Enter a subject."],
    ["a subject of 201 characters", "subject", "x".repeat(CONTACT_LIMITS.subject + 1), "Use at most 200 characters."],
    ["an empty message", "message", "", "Write your message."],
    ["a message of 9 characters", "message", "  Too short  ", "Use at least 10 characters."],
    [
      "a message of 5,001 characters",
      "message",
      "x".repeat(CONTACT_LIMITS.messageMax + 1),
      "Use at most 5,000 characters.",
    ],
    [
      "a bell character in the message",
      "message",
      "Ring the bell\u0007 please",
      "Use plain text without control characters.",
    ],
    ["a message that is not text", "message", 42, "Write your message."],
  ])("refuses %s with a field error and writes nothing", async (_label, field, value, error) => {
    const { marker, input } = message();
    const refused = await refusal(submitContactMessage({ ...input, [field]: value }, request()));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors).toEqual({ [field]: [error] });
    expect(await traces(marker)).toEqual(NOTHING);
  });

  it("names every missing field at once, and refuses fields the form does not have", async () => {
    const missing = await refusal(submitContactMessage({}, request()));
    expect(missing.fieldErrors).toEqual({
      name: ["Enter your name."],
      email: ["Enter your email address."],
      subject: ["Enter a subject."],
      message: ["Write your message."],
    });
    const { marker, input } = message();
    const extra = await refusal(submitContactMessage({ ...input, to: "victim@example.test" }, request()));
    expect(extra.code).toBe("VALIDATION");
    expect(extra.fieldErrors?._form).toHaveLength(1);
    expect(await traces(marker)).toEqual(NOTHING);
  });

  it.each([
    ["name", (m: string) => `Dana ${m}\r\nBcc: victim@example.test`],
    ["name", (m: string) => `Dana ${m}\n`],
    ["email", (m: string) => `dana-${m}@contact.test\r\nBcc: victim@example.test`],
    ["email", (m: string) => `dana-${m}@contact.test\n`],
    ["subject", (m: string) => `Hello ${m}\r\nBcc: victim@example.test`],
    ["subject", (m: string) => `Hello ${m}\r`],
  ])("refuses a line break in %s (it would reach a header) and queues nothing", async (field, value) => {
    const { marker, input } = message();
    const refused = await refusal(submitContactMessage({ ...input, [field]: value(marker) }, request()));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors).toEqual({ [field]: [expect.stringMatching(/^Use a single line/)] });
    expect(await traces(marker)).toEqual(NOTHING);
    expect(await system.emailOutbox.count({ where: { toAddress: { contains: "victim@example.test" } } })).toBe(0);
  });

  it("answers a filled honeypot exactly like a success, and stores and sends nothing", async () => {
    const { marker, input } = message(() => ({ website: "https://cheap-pills.example" }));
    const honest = message();
    const req = request();
    const [trapped, real] = await Promise.all([
      submitContactMessage(input, req),
      submitContactMessage(honest.input, req),
    ]);
    expect(trapped).toEqual({ email: input.email });
    expect(Object.keys(trapped)).toEqual(Object.keys(real));
    expect(await traces(marker)).toEqual(NOTHING);
    expect(await traces(honest.marker)).toEqual({ messages: 1, outbox: 2, audit: 1 });
  });

  it(`allows ${CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR} messages an hour from one network, then refuses and writes nothing`, async () => {
    const ip = freshAddress();
    for (let i = 0; i < CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR; i++) {
      await submitContactMessage(message().input, request(ip));
    }
    const { marker, input } = message();
    // Another address of the same /64 is the same network.
    const sameNetwork = ip.replace(/::[0-9a-f]+$/, "::beef");
    const refused = await refusal(submitContactMessage(input, request(sameNetwork)));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/^Too many messages from your network\. Try again in \d+ (seconds?|minutes?)\.$/);
    expect(await traces(marker)).toEqual(NOTHING);
    // A honeypot answer is no way around it, and neither is a valid message.
    await expect(submitContactMessage({ ...input, website: "x" }, request(ip))).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // Another network is not affected.
    const other = message();
    await expect(submitContactMessage(other.input, request())).resolves.toEqual({ email: other.input.email });
  });

  it("counts refused attempts too, so probing the validation is not free", async () => {
    const ip = freshAddress();
    for (let i = 0; i < CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR; i++) {
      await expect(submitContactMessage({ ...message().input, message: "short" }, request(ip))).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
    const { marker, input } = message();
    await expect(submitContactMessage(input, request(ip))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await traces(marker)).toEqual(NOTHING);
  });

  it("counts messages sent at once from one network one by one: a burst cannot slip under the limit", async () => {
    const ip = freshAddress();
    const burst = Array.from({ length: CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR + 3 }, () => message());
    const results = await Promise.allSettled(burst.map(({ input }) => submitContactMessage(input, request(ip))));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(
      CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR,
    );
    const stored = await Promise.all(burst.map(({ marker }) => traces(marker)));
    expect(stored.filter((left) => left.messages === 1)).toHaveLength(CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR);
  });
});

describe("confirmations", () => {
  it("one address gets at most a few a day, however many messages (from however many networks) name it", async () => {
    const { input } = message();
    const sent = CONFIRMATIONS_PER_ADDRESS_PER_DAY + 2;
    for (let i = 0; i < sent; i++) {
      await submitContactMessage({ ...input, subject: `${input.subject} #${i}` }, request());
    }
    const outbox = await system.emailOutbox.groupBy({
      by: ["template"],
      where: { OR: [{ toAddress: input.email }, { replyTo: input.email }] },
      _count: { _all: true },
    });
    expect(Object.fromEntries(outbox.map((row) => [row.template, row._count._all]))).toEqual({
      "contact-message": sent,
      "contact-confirmation": CONFIRMATIONS_PER_ADDRESS_PER_DAY,
    });
    expect(await system.contactMessage.count({ where: { email: input.email } })).toBe(sent);
  });
});
