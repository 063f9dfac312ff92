import { describe, expect, it } from "vitest";
import { createECDH } from "node:crypto";
import { EnvError, parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://stockflow_app:pw@db/stockflow",
  DATABASE_SYSTEM_URL: "postgres://stockflow_system:pw@db/stockflow",
  AUTH_SECRET: "s".repeat(32),
  APP_URL: "https://stock.example.com/",
};

describe("parseEnv", () => {
  it("accepts a complete environment and fills the defaults", () => {
    expect(parseEnv(valid)).toMatchObject({
      APP_URL: "https://stock.example.com",
      DATABASE_POOL_SIZE: 10,
      LOG_LEVEL: "info",
      MAIL_DIR: ".data/mail",
      CONTACT_TO: "support@stockflow.local",
    });
    expect(parseEnv(valid).RESEND_API_KEY).toBeUndefined();
    expect(parseEnv(valid).SMTP_URL).toBeUndefined();
  });

  it("listens for live updates on DATABASE_URL unless DATABASE_LISTEN_URL names a connection of its own", () => {
    expect(parseEnv(valid).DATABASE_LISTEN_URL).toBe(valid.DATABASE_URL);
    const direct = "postgresql://stockflow_app:pw@db-primary:5432/stockflow";
    const pooled = { ...valid, DATABASE_URL: "postgresql://stockflow_app:pw@pgbouncer:6432/stockflow" };
    expect(parseEnv({ ...pooled, DATABASE_LISTEN_URL: direct }).DATABASE_LISTEN_URL).toBe(direct);
    expect(parseEnv({ ...pooled, DATABASE_LISTEN_URL: "" }).DATABASE_LISTEN_URL).toBe(pooled.DATABASE_URL);
    expect(refusedNames({ ...pooled, DATABASE_LISTEN_URL: "mysql://db/stockflow" })).toEqual(["DATABASE_LISTEN_URL"]);
  });

  it("names every missing or bad variable", () => {
    let error: unknown;
    try {
      parseEnv({
        ...valid,
        DATABASE_URL: "mysql://x",
        AUTH_SECRET: "short",
        APP_URL: undefined,
        DATABASE_POOL_SIZE: "0",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const named = (error as EnvError).issues.map((issue) => issue.split(":")[0]).sort();
    expect(named).toEqual(["APP_URL", "AUTH_SECRET", "DATABASE_POOL_SIZE", "DATABASE_URL"]);
    expect((error as EnvError).message).toContain("DATABASE_URL: must be a postgresql:// URL");
  });
});

/** The names an EnvError gives, sorted. */
function refusedNames(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).issues.map((issue) => issue.split(":")[0]!).sort();
  }
  return [];
}

describe("parseEnv: email", () => {
  const production = { ...valid, NODE_ENV: "production" };
  const SMTP_URL = "smtps://robin%40example.com:abcd-efgh-ijkl-mnop@smtp.gmail.com:465";

  it("takes an smtp:// or smtps:// URL with credentials, a Resend key and a support address", () => {
    expect(
      parseEnv({
        ...valid,
        SMTP_URL,
        RESEND_API_KEY: "re_123456789",
        CONTACT_TO: "help@stock.example.com",
      }),
    ).toMatchObject({ SMTP_URL, RESEND_API_KEY: "re_123456789", CONTACT_TO: "help@stock.example.com" });
    expect(parseEnv({ ...valid, SMTP_URL: "smtp://mail.internal:587" }).SMTP_URL).toBe("smtp://mail.internal:587");
  });

  it("reads an empty value as not set", () => {
    expect(parseEnv({ ...valid, SMTP_URL: "", RESEND_API_KEY: " ", CONTACT_TO: "" })).toMatchObject({
      SMTP_URL: undefined,
      RESEND_API_KEY: undefined,
      CONTACT_TO: "support@stockflow.local",
    });
  });

  it("names a bad SMTP URL, Resend key or support address", () => {
    expect(refusedNames({ ...valid, SMTP_URL: "https://smtp.gmail.com" })).toEqual(["SMTP_URL"]);
    expect(refusedNames({ ...valid, SMTP_URL: "smtp://" })).toEqual(["SMTP_URL"]);
    expect(refusedNames({ ...valid, RESEND_API_KEY: "sk_live_123" })).toEqual(["RESEND_API_KEY"]);
    expect(refusedNames({ ...valid, CONTACT_TO: "support" })).toEqual(["CONTACT_TO"]);
    expect(refusedNames({ ...valid, CONTACT_TO: "support@example.com\r\nBcc: x@example.com" })).toEqual(["CONTACT_TO"]);
  });

  it("refuses a production app with no way to send email, naming the variables, unless MAIL_DIR is set", () => {
    let error: unknown;
    try {
      parseEnv(production);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).message).toContain("RESEND_API_KEY or SMTP_URL: production sends email through one");
    expect(parseEnv({ ...production, MAIL_DIR: "/var/lib/stockflow/mail" }).MAIL_DIR).toBe("/var/lib/stockflow/mail");
    // Development and tests fall back to the folder.
    expect(parseEnv({ ...valid, NODE_ENV: "development" }).MAIL_DIR).toBe(".data/mail");
  });

  it("needs the support address and the sender in production once email really goes out", () => {
    expect(refusedNames({ ...production, SMTP_URL })).toEqual(["CONTACT_TO", "MAIL_FROM"]);
    expect(refusedNames({ ...production, RESEND_API_KEY: "re_123456789" })).toEqual(["CONTACT_TO", "MAIL_FROM"]);
    const mailFrom = "StockFlow <no-reply@stock.example.com>";
    expect(
      parseEnv({ ...production, SMTP_URL, CONTACT_TO: "help@stock.example.com", MAIL_FROM: mailFrom }),
    ).toMatchObject({
      SMTP_URL,
      CONTACT_TO: "help@stock.example.com",
      MAIL_FROM: mailFrom,
    });
  });

  it("takes a sender as an address or a name and <address>, on one line", () => {
    expect(parseEnv({ ...valid, MAIL_FROM: "ops@stock.example.com" }).MAIL_FROM).toBe("ops@stock.example.com");
    expect(parseEnv({ ...valid, MAIL_FROM: "Stock Ops <ops@stock.example.com>" }).MAIL_FROM).toBe(
      "Stock Ops <ops@stock.example.com>",
    );
    expect(refusedNames({ ...valid, MAIL_FROM: "StockFlow" })).toEqual(["MAIL_FROM"]);
    expect(refusedNames({ ...valid, MAIL_FROM: "ops@stock.example.com\r\nBcc: x@example.com" })).toEqual(["MAIL_FROM"]);
  });
});

describe("parseEnv: HSTS_MAX_AGE", () => {
  it("is a year unless set, 0 turns HSTS off, and anything but whole seconds is refused", () => {
    expect(parseEnv(valid).HSTS_MAX_AGE).toBe(365 * 24 * 60 * 60);
    expect(parseEnv({ ...valid, HSTS_MAX_AGE: "" }).HSTS_MAX_AGE).toBe(365 * 24 * 60 * 60);
    expect(parseEnv({ ...valid, HSTS_MAX_AGE: "0" }).HSTS_MAX_AGE).toBe(0);
    expect(parseEnv({ ...valid, HSTS_MAX_AGE: "600" }).HSTS_MAX_AGE).toBe(600);
    expect(refusedNames({ ...valid, HSTS_MAX_AGE: "-1" })).toEqual(["HSTS_MAX_AGE"]);
    expect(refusedNames({ ...valid, HSTS_MAX_AGE: "1.5" })).toEqual(["HSTS_MAX_AGE"]);
    expect(refusedNames({ ...valid, HSTS_MAX_AGE: "a year" })).toEqual(["HSTS_MAX_AGE"]);
  });
});

describe("parseEnv: Web Push (VAPID)", () => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const keys = {
    VAPID_PUBLIC_KEY: ecdh.getPublicKey("base64url"),
    VAPID_PRIVATE_KEY: Buffer.concat([Buffer.alloc(32), ecdh.getPrivateKey()])
      .subarray(-32)
      .toString("base64url"),
    VAPID_SUBJECT: "mailto:ops@stock.example.com",
  };

  it("turns push on with all three, off with none", () => {
    expect(parseEnv({ ...valid, ...keys }).VAPID).toEqual({
      publicKey: keys.VAPID_PUBLIC_KEY,
      privateKey: keys.VAPID_PRIVATE_KEY,
      subject: keys.VAPID_SUBJECT,
    });
    expect(parseEnv(valid).VAPID).toBeNull();
    expect(parseEnv({ ...valid, VAPID_PUBLIC_KEY: "", VAPID_PRIVATE_KEY: "", VAPID_SUBJECT: "" }).VAPID).toBeNull();
  });

  it("refuses one without the others, keys that are not P-256 and a subject that is not mailto: or https:", () => {
    expect(refusedNames({ ...valid, VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY })).toEqual([
      "VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT",
    ]);
    expect(refusedNames({ ...valid, ...keys, VAPID_PUBLIC_KEY: keys.VAPID_PRIVATE_KEY })).toEqual(["VAPID_PUBLIC_KEY"]);
    expect(refusedNames({ ...valid, ...keys, VAPID_PRIVATE_KEY: "not base64url!" })).toEqual(["VAPID_PRIVATE_KEY"]);
    expect(refusedNames({ ...valid, ...keys, VAPID_SUBJECT: "http://stock.example.com" })).toEqual(["VAPID_SUBJECT"]);
    expect(parseEnv({ ...valid, ...keys, VAPID_SUBJECT: "https://stock.example.com" }).VAPID?.subject).toBe(
      "https://stock.example.com",
    );
  });

  it("extends the push services with PUSH_SERVICE_HOSTS: host names, comma-separated, lower-cased", () => {
    expect(parseEnv(valid).PUSH_SERVICE_HOSTS).toEqual([]);
    expect(parseEnv({ ...valid, PUSH_SERVICE_HOSTS: "" }).PUSH_SERVICE_HOSTS).toEqual([]);
    expect(
      parseEnv({ ...valid, PUSH_SERVICE_HOSTS: " Push.Example.com, eu-1.push.example.net ," }).PUSH_SERVICE_HOSTS,
    ).toEqual(["push.example.com", "eu-1.push.example.net"]);
    for (const hosts of [
      "https://push.example.com",
      "push.example.com:443",
      "push.example.com/send",
      "corp",
      "10.0.0.5",
      "-push.example.com",
      "push.example.com.",
      "*.example.com",
      "push.example.com, intranet",
    ]) {
      expect(refusedNames({ ...valid, PUSH_SERVICE_HOSTS: hosts }), hosts).toEqual(["PUSH_SERVICE_HOSTS"]);
    }
  });

  it("accepts loopback push endpoints in tests only, never in production", () => {
    expect(parseEnv({ ...valid, PUSH_ALLOW_LOOPBACK_HTTP: "1" }).PUSH_ALLOW_LOOPBACK_HTTP).toBe(true);
    expect(parseEnv(valid).PUSH_ALLOW_LOOPBACK_HTTP).toBe(false);
    expect(refusedNames({ ...valid, NODE_ENV: "production", MAIL_DIR: "/tmp", PUSH_ALLOW_LOOPBACK_HTTP: "1" })).toEqual(
      ["PUSH_ALLOW_LOOPBACK_HTTP"],
    );
  });
});
