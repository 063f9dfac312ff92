// Resend's HTTP API is the one thing stubbed in the email tests: fetch answers as Resend does, and the tests read
// the request the SDK made.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OutgoingEmail } from "./mailer";
import { ResendMailer } from "./resend-mailer";

const API_KEY = "re_test_0123456789";

const message: OutgoingEmail = {
  from: "StockFlow <no-reply@stockflow.example>",
  to: "dana@example.test",
  replyTo: "visitor@example.test",
  subject: "REQ-000042 needs your approval",
  html: '<p>REQ-000042 is waiting.</p><a href="https://stock.example.com/requests/42">Review it</a>',
  text: "REQ-000042 is waiting.\n\nReview it https://stock.example.com/requests/42",
};

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
});

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The one request the SDK made: where it went, its headers and its JSON body. */
function sentRequest() {
  expect(fetchMock).toHaveBeenCalledTimes(1);
  const [url, init] = fetchMock.mock.calls[0]!;
  return {
    url: String(url),
    method: init?.method,
    headers: new Headers(init?.headers),
    body: JSON.parse(String(init?.body)),
  };
}

describe("ResendMailer", () => {
  it("sends the outbox row's id as the idempotency key, so a retry after a lost answer is sent once", async () => {
    fetchMock.mockResolvedValue(answer(200, { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" }));
    await new ResendMailer(API_KEY).send({ ...message, idempotencyKey: "0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e" });
    expect(sentRequest().headers.get("idempotency-key")).toBe("0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e");
  });

  it("posts the message to Resend's email endpoint with the API key and returns Resend's id", async () => {
    fetchMock.mockResolvedValue(answer(200, { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" }));

    const sent = await new ResendMailer(API_KEY).send(message);

    expect(sent).toEqual({ id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" });
    const request = sentRequest();
    expect(request.url).toBe("https://api.resend.com/emails");
    expect(request.method).toBe("POST");
    expect(request.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(request.body).toEqual({
      from: "StockFlow <no-reply@stockflow.example>",
      to: "dana@example.test",
      reply_to: "visitor@example.test",
      subject: "REQ-000042 needs your approval",
      html: message.html,
      text: message.text,
    });
  });

  it("sends no reply_to when the message has none", async () => {
    fetchMock.mockResolvedValue(answer(200, { id: "no-reply-to" }));

    await new ResendMailer(API_KEY).send({ ...message, replyTo: undefined });

    expect(sentRequest().body).not.toHaveProperty("reply_to");
  });

  it("throws Resend's refusal, so the outbox keeps the row and retries", async () => {
    fetchMock.mockResolvedValue(
      answer(422, {
        statusCode: 422,
        name: "validation_error",
        message: "The stockflow.example domain is not verified.",
      }),
    );

    await expect(new ResendMailer(API_KEY).send(message)).rejects.toThrow(
      "Resend refused the email (422 validation_error): The stockflow.example domain is not verified.",
    );
  });

  it("throws when Resend cannot be reached", async () => {
    fetchMock.mockRejectedValue(new TypeError("fetch failed"));

    await expect(new ResendMailer(API_KEY).send(message)).rejects.toThrow(
      /^Resend refused the email \(no response application_error\)/,
    );
  });

  it.each(["from", "to", "replyTo", "subject"] as const)(
    "refuses a line break in %s before anything is sent",
    async (field) => {
      await expect(
        new ResendMailer(API_KEY).send({ ...message, [field]: `${message[field]}\r\nBcc: everyone@example.test` }),
      ).rejects.toThrow(`Email ${field} contains a line break`);
      expect(fetchMock).not.toHaveBeenCalled();
    },
  );
});
