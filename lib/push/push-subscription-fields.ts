// What a browser's push subscription may look like at the lib boundary (docs/architecture.md §8, "Push
// notifications"). The server later POSTs to the endpoint, so it is held to a push service's shape: https on a
// named host (no IP literal, no localhost, no credentials, no fragment), bounded in length. Tests that run a push
// service of their own on http://127.0.0.1 set PUSH_ALLOW_LOOPBACK_HTTP, which production refuses (lib/env.ts).
import "server-only";
import { z } from "zod";
import { env } from "../env";

export const PUSH_ENDPOINT_MAX = 1024;

/** Whether the push outbox may POST to this URL; `loopbackHttp` admits http://127.0.0.1 (tests only). */
export function isPushEndpoint(value: string, loopbackHttp: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (loopbackHttp && url.protocol === "http:" && url.hostname === "127.0.0.1") return true;
  const ipLiteral = /^[\d.]+$/.test(url.hostname) || url.hostname.startsWith("[");
  return url.protocol === "https:" && !ipLiteral && url.hostname !== "localhost" && url.hostname.includes(".");
}

const ENDPOINT_MESSAGE = "This browser's push subscription is not one StockFlow can send to.";

export const pushEndpointSchema = z
  .string({ error: ENDPOINT_MESSAGE })
  .max(PUSH_ENDPOINT_MAX, ENDPOINT_MESSAGE)
  .refine((value) => isPushEndpoint(value, env().PUSH_ALLOW_LOOPBACK_HTTP), ENDPOINT_MESSAGE);

const KEYS_MESSAGE = "This browser's push subscription has no usable keys. Turn notifications off and on again.";

/** base64url of exactly `bytes` bytes (unpadded, as PushSubscription.toJSON() gives it). */
const base64urlKey = (bytes: number) =>
  z
    .string({ error: KEYS_MESSAGE })
    .regex(/^[A-Za-z0-9_-]+$/, KEYS_MESSAGE)
    .length(Math.ceil((bytes * 4) / 3), KEYS_MESSAGE);

export const pushSubscriptionSchema = z
  .object({
    endpoint: pushEndpointSchema,
    keys: z
      .object({
        /** The browser's P-256 public key, uncompressed (65 bytes). */
        p256dh: base64urlKey(65),
        /** The auth secret (16 bytes). */
        auth: base64urlKey(16),
      })
      .strict(),
  })
  .strict();
