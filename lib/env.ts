// Environment, validated with zod on first use (server start: instrumentation.ts). A missing or bad variable
// stops the app with a message naming it. `npm start` on the embedded database fills every required one itself.
import { z } from "zod";
import { DEFAULT_HSTS_MAX_AGE } from "./http/security-headers";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// URL");

const smtpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^smtps?:$/.test(url.protocol) && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an smtp://host or smtps://host URL");

/** An optional setting: an empty value (`SMTP_URL=` in an env file) counts as not set. */
const optional = <T extends z.ZodType>(type: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), type.optional());

/**
 * HSTS_MAX_AGE: how many seconds a browser that reached the app over HTTPS keeps to HTTPS (0 sends no HSTS header).
 * scripts/serve.ts, which sets the header, parses it with this too.
 */
export const hstsMaxAgeSetting = optional(
  z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
).transform((seconds) => seconds ?? DEFAULT_HSTS_MAX_AGE);

/** Bytes of a base64url text, or -1 when it is not base64url. */
function base64urlBytes(value: string): number {
  return /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, "base64url").length : -1;
}

/** VAPID keys as `npx web-push generate-vapid-keys` prints them: a P-256 public point (65 bytes) and scalar (32). */
const vapidPublicKey = z
  .string()
  .trim()
  .refine((value) => base64urlBytes(value) === 65 && value.startsWith("B"), "must be a base64url P-256 public key");
const vapidPrivateKey = z
  .string()
  .trim()
  .refine((value) => base64urlBytes(value) === 32, "must be a base64url P-256 private key");
/** Who the push services contact about this sender. */
const vapidSubject = z
  .string()
  .trim()
  .refine(
    (value) => /^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(value),
    "must be a mailto: address or an https: URL",
  );

/**
 * A DNS name as a URL's host gives it: two labels or more of letters, digits and hyphens (a single label such as
 * "corp" would admit a whole internal domain), the last one with a letter (so no IPv4 literal).
 */
function isHostName(value: string): boolean {
  const labels = value.split(".");
  return (
    value.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(label)) &&
    /[a-z]/.test(labels.at(-1)!)
  );
}

/**
 * PUSH_SERVICE_HOSTS: push services beside the browsers' own (lib/push/push-subscription-fields.ts) that endpoints
 * may be at, comma-separated; each admits itself and its subdomains.
 */
const pushServiceHosts = optional(
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host !== ""),
    )
    .superRefine((hosts, context) => {
      for (const host of hosts.filter((entry) => !isHostName(entry))) {
        context.addIssue({ code: "custom", message: `"${host}" is not a host name such as push.example.com` });
      }
    }),
).transform((hosts) => hosts ?? []);

/** Where contact-form messages go when CONTACT_TO is not set: fine for the folder transport, nowhere real. */
const DEFAULT_CONTACT_TO = "support@stockflow.local";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** App role: every tenant query (no BYPASSRLS, not owner). */
    DATABASE_URL: postgresUrl,
    /** System role (BYPASSRLS): sign-in, registration, platform administration, background jobs. */
    DATABASE_SYSTEM_URL: postgresUrl,
    /**
     * The live-update LISTEN connection's own URL (lib/events/event-listener.ts), straight to PostgreSQL: a LISTEN
     * outlives any one transaction, so it cannot go through a pooler in transaction mode (docs/architecture.md §9).
     * Default: DATABASE_URL, right when that URL is PostgreSQL itself.
     */
    DATABASE_LISTEN_URL: optional(postgresUrl),
    /** Pool size per process for each client. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** next-auth's secret: signs the session JWT. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    /** Absolute origin used in email links, e.g. https://stockflow.example.com */
    APP_URL: z.url().transform((value) => value.replace(/\/+$/, "")),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The sender of every email, "Name <address>" or an address; one line (it is a header). */
    MAIL_FROM: optional(
      z
        .string()
        .trim()
        .min(3)
        .max(320)
        .regex(/^[^\r\n]*$/, { error: "must be a single line", abort: true })
        .regex(/^(?:[^<>]*<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)$/, "must be an address, or a name and <address>"),
    ),
    /** Sends email through Resend's API; chosen before SMTP_URL. */
    RESEND_API_KEY: optional(z.string().trim().startsWith("re_", "must be a Resend API key (re_…)")),
    /** Sends email over SMTP, credentials in the URL: smtps://user:app-password@smtp.gmail.com:465 */
    SMTP_URL: optional(smtpUrl),
    /**
     * Where the development mail transport writes each message (.eml and .html): the transport used when neither
     * RESEND_API_KEY nor SMTP_URL is set.
     */
    MAIL_DIR: optional(z.string().trim()),
    /** The platform's support address: contact-form messages are delivered here. */
    CONTACT_TO: optional(z.email("must be an email address").max(254)),
    HSTS_MAX_AGE: hstsMaxAgeSetting,
    /**
     * Web Push (docs/architecture.md §8, "Push notifications"): the VAPID key pair and subject, the same on every
     * instance (a subscription is bound to the public key). All three or none; none turns push off.
     */
    VAPID_PUBLIC_KEY: optional(vapidPublicKey),
    VAPID_PRIVATE_KEY: optional(vapidPrivateKey),
    VAPID_SUBJECT: optional(vapidSubject),
    PUSH_SERVICE_HOSTS: pushServiceHosts,
    /** Tests only: accept push endpoints at http://127.0.0.1 (a local push service). Refused in production. */
    PUSH_ALLOW_LOOPBACK_HTTP: optional(z.enum(["0", "1"])).transform((value) => value === "1"),
  })
  .superRefine((config, context) => {
    const vapid = [config.VAPID_PUBLIC_KEY, config.VAPID_PRIVATE_KEY, config.VAPID_SUBJECT];
    if (vapid.some((value) => value !== undefined) && vapid.some((value) => value === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT"],
        message: "push needs all three (or none, which turns push notifications off)",
      });
    }
    if (config.NODE_ENV !== "production") return;
    if (config.PUSH_ALLOW_LOOPBACK_HTTP) {
      context.addIssue({
        code: "custom",
        path: ["PUSH_ALLOW_LOOPBACK_HTTP"],
        message: "is for tests only: production sends push to https endpoints only",
      });
    }
    const sendsEmail = config.RESEND_API_KEY !== undefined || config.SMTP_URL !== undefined;
    // A production app that would silently write its email to a folder nobody reads must say so instead.
    if (!sendsEmail && config.MAIL_DIR === undefined) {
      context.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY or SMTP_URL"],
        message: "production sends email through one of them (or set MAIL_DIR to keep writing messages to a folder)",
      });
    }
    // Real email to the placeholder address would bounce: contact-form messages would be lost.
    if (sendsEmail && config.CONTACT_TO === undefined) {
      context.addIssue({
        code: "custom",
        path: ["CONTACT_TO"],
        message: "production sending real email needs the support address contact-form messages go to",
      });
    }
    // A provider refuses a sender on a domain it has not verified: every email would fail, hours later.
    if (sendsEmail && config.MAIL_FROM === undefined) {
      context.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "production sending real email needs the sender address, on a domain the provider has verified",
      });
    }
  })
  .transform(
    ({
      MAIL_DIR,
      CONTACT_TO,
      MAIL_FROM,
      VAPID_PUBLIC_KEY,
      VAPID_PRIVATE_KEY,
      VAPID_SUBJECT,
      DATABASE_LISTEN_URL,
      ...config
    }) => ({
      ...config,
      DATABASE_LISTEN_URL: DATABASE_LISTEN_URL ?? config.DATABASE_URL,
      /** Null: push notifications are off (the profile says so). */
      VAPID:
        VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY && VAPID_SUBJECT
          ? { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject: VAPID_SUBJECT }
          : null,
      MAIL_FROM: MAIL_FROM ?? "StockFlow <no-reply@stockflow.local>",
      MAIL_DIR: MAIL_DIR ?? ".data/mail",
      CONTACT_TO: CONTACT_TO ?? DEFAULT_CONTACT_TO,
    }),
  );

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export class EnvError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`));
  }
  return result.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
