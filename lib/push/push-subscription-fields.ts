// What a browser's push subscription may look like at the lib boundary (docs/architecture.md §8, "Push
// notifications"). The server later POSTs to the endpoint, so the endpoint is an allow-list, not a shape: https on
// the default port, no credentials, no fragment, bounded in length, and the host one of the browsers' push services
// or a subdomain of one (PUSH_SERVICE_HOSTS adds an operator's own). Anything else — an intranet name, an IP
// literal, localhost — would let a signed-in person make the server POST where they choose. Tests that run a push
// service of their own on http://127.0.0.1 set PUSH_ALLOW_LOOPBACK_HTTP, which production refuses (lib/env.ts).
import "server-only";
import { z } from "zod";
import { env } from "../env";

export const PUSH_ENDPOINT_MAX = 1024;

/** The push services browsers subscribe at, each admitting itself and its subdomains. */
export const BROWSER_PUSH_SERVICE_HOSTS: readonly string[] = [
  /** Chrome, Android and other Chromium browsers (Firebase Cloud Messaging). */
  "fcm.googleapis.com",
  /** Chrome's older subscriptions (GCM). */
  "android.googleapis.com",
  /** Firefox (Mozilla's autopush). */
  "updates.push.services.mozilla.com",
  /** Safari on macOS and iOS. */
  "web.push.apple.com",
  /** Edge (Windows Push Notification Services): regional hosts such as wns2-par02p.notify.windows.com. */
  "notify.windows.com",
];

export interface PushEndpointRule {
  /** Host suffixes admitted beside the browsers' push services (PUSH_SERVICE_HOSTS). */
  extraHosts: readonly string[];
  /** Admits http://127.0.0.1 (tests only: PUSH_ALLOW_LOOPBACK_HTTP). */
  loopbackHttp: boolean;
}

/** The rule this server runs with: saving checks it, and the sender checks it again before every POST. */
export function configuredEndpointRule(): PushEndpointRule {
  const config = env();
  return { extraHosts: config.PUSH_SERVICE_HOSTS, loopbackHttp: config.PUSH_ALLOW_LOOPBACK_HTTP };
}

/**
 * `hostname` (lower case, as URL gives it) is one of `suffixes` or a subdomain of one: equal, or ending in "." +
 * suffix, so the match is on a label boundary (xfcm.googleapis.com and fcm.googleapis.com.attacker.example are
 * neither).
 */
export function isPushServiceHost(hostname: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`));
}

/** Whether the push outbox may POST to this URL. */
export function isPushEndpoint(value: string, rule: PushEndpointRule): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (rule.loopbackHttp && url.protocol === "http:" && url.hostname === "127.0.0.1") return true;
  // URL drops a port that is the scheme's default (https://host:443/ has port ""), so any port left is another one.
  if (url.protocol !== "https:" || url.port !== "") return false;
  return isPushServiceHost(url.hostname, [...BROWSER_PUSH_SERVICE_HOSTS, ...rule.extraHosts]);
}

const ENDPOINT_MESSAGE = "This browser's push subscription is not one StockFlow can send to.";

/** An endpoint looked up among the stored ones (turning a device off): compared, never sent to, so only bounded. */
export const storedEndpointSchema = z
  .string({ error: ENDPOINT_MESSAGE })
  .min(1, ENDPOINT_MESSAGE)
  .max(PUSH_ENDPOINT_MAX, ENDPOINT_MESSAGE);

/** An endpoint to store, and so to send to later. */
export const pushEndpointSchema = storedEndpointSchema.refine(
  (value) => isPushEndpoint(value, configuredEndpointRule()),
  ENDPOINT_MESSAGE,
);

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
