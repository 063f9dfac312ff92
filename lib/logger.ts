// Structured JSON logs (pino). One child logger per request carries its request id, user id and company id.
// Log ids, never secrets: the redact list is a safety net, not a licence.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "stockflow" },
  redact: {
    paths: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token", "authorization", "cookie"],
    censor: "[redacted]",
  },
});

export interface LogContext {
  requestId?: string;
  userId?: string;
  companyId?: string;
}

export function requestLogger(context: LogContext): pino.Logger {
  return logger.child(context);
}
