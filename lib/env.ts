// Environment, validated with zod on first use (server start: instrumentation.ts). A missing or bad variable
// stops the app with a message naming it. `npm start` on the embedded database fills every required one itself.
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// URL");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** App role: every tenant query (no BYPASSRLS, not owner). */
  DATABASE_URL: postgresUrl,
  /** System role (BYPASSRLS): sign-in, registration, platform administration, background jobs. */
  DATABASE_SYSTEM_URL: postgresUrl,
  /** Pool size per process for each client. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** next-auth's secret: signs the session JWT. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** Absolute origin used in email links, e.g. https://stockflow.example.com */
  APP_URL: z.url().transform((value) => value.replace(/\/+$/, "")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAIL_FROM: z.string().trim().min(3).default("StockFlow <no-reply@stockflow.local>"),
  /** Where the development mail transport writes each message (.eml and .html). */
  MAIL_DIR: z.string().trim().default(".data/mail"),
});

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
