// Sends one push message (docs/architecture.md §8, "Push notifications"): web-push encrypts the payload for the
// browser (RFC 8291, aes128gcm) and signs the VAPID header (RFC 8292); the POST itself is ours, so it has a timeout,
// follows no redirect and goes only to an endpoint that passes the rule a subscription is saved by, as it stands
// now: a row stored under an older or wider rule (before the allow-list, or before an operator narrowed
// PUSH_SERVICE_HOSTS) is never POSTed to but answered "gone", so the worker deletes it. Otherwise the outcome is
// read from the status as RFC 8030 defines it: 201 delivered, 404/410 the subscription is gone, 429 and 5xx
// temporary, any other refusal permanent.
import "server-only";
import webpush from "web-push";
import { isPushEndpoint, type PushEndpointRule } from "./push-subscription-fields";
import type { PushPayload } from "./push-payload";

export interface VapidDetails {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type PushOutcome =
  | { outcome: "sent" }
  /**
   * 404/410: the browser unsubscribed or the push service dropped it; or the endpoint is not at a push service
   * StockFlow sends to (any more). Never send to it again.
   */
  | { outcome: "gone"; error: string }
  | { outcome: "retry"; error: string }
  | { outcome: "failed"; error: string };

/** A day: a decision nobody saw within a day is better read on the request page than as a late notification. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
const TIMEOUT_MS = 10_000;

export async function sendPush(
  subscription: StoredSubscription,
  payload: PushPayload,
  options: { vapid: VapidDetails; endpointRule: PushEndpointRule },
): Promise<PushOutcome> {
  if (!isPushEndpoint(subscription.endpoint, options.endpointRule)) {
    return { outcome: "gone", error: "The endpoint is not at a push service StockFlow sends to" };
  }
  let request: webpush.RequestDetails;
  try {
    request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      { vapidDetails: options.vapid, TTL: PUSH_TTL_SECONDS, urgency: "high", contentEncoding: "aes128gcm" },
    );
  } catch (error) {
    // Keys that do not encrypt (a corrupted row): retrying cannot help.
    return { outcome: "failed", error: `Could not encrypt for this subscription: ${(error as Error).message}` };
  }
  let response: Response;
  try {
    response = await fetch(request.endpoint, {
      method: "POST",
      headers: request.headers as Record<string, string>,
      body: request.body ? new Uint8Array(request.body) : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
  } catch (error) {
    return { outcome: "retry", error: `The push service did not answer: ${(error as Error).message}` };
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { outcome: "sent" };
  const error = `The push service answered ${status}`;
  if (status === 404 || status === 410) return { outcome: "gone", error };
  if (status === 429 || status >= 500) return { outcome: "retry", error };
  return { outcome: "failed", error };
}
