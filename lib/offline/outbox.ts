// The offline request queue's logic (docs/architecture.md "Offline request queue and the first API endpoint"): what a
// queued request holds, and how the queue is sent — one entry at a time, oldest first, each as POST /api/requests with
// its client request id as the Idempotency-Key, so a resend (a lost answer, a second tab, a crash mid-send) never
// makes a second request. Pure: storage and fetch are passed in, so the page, the service worker's `sync` event and
// the unit tests run the same code (lib/offline/device-db.ts is the IndexedDB storage; lib/offline/replay.ts wires it).
import type { OrderType } from "../orders/order-fields";

export type OutboxState = "waiting" | "sending" | "refused";

/** The body of POST /api/requests, as the form would have sent it (quantities as typed: the server validates). */
export interface OutboxPayload {
  company: string;
  type: OrderType;
  locationId: string;
  lines: { productId: string; quantity: string }[];
  /** The supplier of a restock or the customer of a customer order, when one was picked (absent on older entries). */
  supplierId?: string;
  customerId?: string;
  reference: string;
  note: string;
}

/** What the list shows of a line without asking the server. */
export interface OutboxLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** Missing from requests queued before pack sizes existed. */
  packSize?: number | null;
}

/** The server's reason for refusing a replay (its problem details). */
export interface OutboxRefusal {
  status: number;
  title: string;
  detail: string;
  /** Field path → message ("lines.0.productId"), for a 422. */
  errors?: Record<string, string>;
}

export interface OutboxEntry {
  /** Made when the form was opened; the Idempotency-Key of every send. */
  clientRequestId: string;
  /** Whose request it is: sent only while this person is signed in on this device, never as anyone else. */
  userId: string;
  companyId: string;
  payload: OutboxPayload;
  lines: OutboxLine[];
  locationName: string;
  /** The picked supplier's or customer's name, for display. */
  partnerName?: string;
  state: OutboxState;
  refusal?: OutboxRefusal;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Who is signed in on this device now, as the app last saw it. */
export interface DeviceSession {
  userId: string;
  companyId: string;
}

export interface OutboxStorage {
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientRequestId: string): Promise<void>;
}

export interface SentRequest {
  clientRequestId: string;
  id: string;
  /** REQ-000123 */
  number: string;
  url: string;
}

export interface ReplayResult {
  sent: SentRequest[];
  refused: string[];
  /**
   * Why sending stopped with entries left waiting: no connection, signed out, the person may not send now (a password
   * to change, a company not active), or the server could not take it now.
   */
  stopped?: "offline" | "signed-out" | "blocked" | "unavailable";
}

/**
 * The header that names whose queued request this is: for anyone else the server answers 401, as if signed out, so
 * the entry waits for its owner.
 */
export const REQUESTER_HEADER = "x-stockflow-requester";

/** What an answer means for the entry: kept waiting for a later try, or refused for the person to edit or discard. */
export function outcomeOf(status: number): "sent" | "signed-out" | "blocked" | "retry" | "refused" {
  if (status === 200 || status === 201) return "sent";
  if (status === 401) return "signed-out";
  // 403 is about the sender, never the request (anyone in a company may raise one): a password change due, a company
  // pending or suspended, a page from another origin. Editing would not help; it goes once that is settled.
  if (status === 403) return "blocked";
  // 0: an opaque redirect (something in between sent the request elsewhere): not the API's answer, try again later.
  if (status === 0) return "retry";
  // Timeout, rate limit, the database away, a server fault: the same request may well go through later.
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "refused";
}

/** The entries this session may send, oldest first: its own, of the company it works in, not refused. */
export function sendable(entries: OutboxEntry[], session: DeviceSession): OutboxEntry[] {
  return entries
    .filter((e) => e.userId === session.userId && e.companyId === session.companyId && e.state !== "refused")
    .sort((a, b) => a.createdAt - b.createdAt || (a.clientRequestId < b.clientRequestId ? -1 : 1));
}

async function refusalOf(response: Response): Promise<OutboxRefusal> {
  const fallback = { status: response.status, title: "Refused", detail: "The server refused this request." };
  try {
    const problem = (await response.json()) as Partial<OutboxRefusal>;
    return {
      status: response.status,
      title: typeof problem.title === "string" ? problem.title : fallback.title,
      detail: typeof problem.detail === "string" ? problem.detail : fallback.detail,
      ...(problem.errors && typeof problem.errors === "object" && { errors: problem.errors }),
    };
  } catch {
    return fallback;
  }
}

/**
 * Sends this session's waiting entries, one at a time. The caller holds the outbox lock (two tabs and the service
 * worker never send at once); an entry found `sending` was left by a send that did not finish and is sent again,
 * which the idempotency key makes safe. Stops at the first entry that cannot go now (offline, signed out, blocked,
 * server unavailable), leaving it and the rest waiting.
 */
export async function sendOutbox(
  storage: OutboxStorage,
  session: DeviceSession,
  fetcher: typeof fetch,
  endpoint = "/api/requests",
): Promise<ReplayResult> {
  const result: ReplayResult = { sent: [], refused: [] };
  for (const entry of sendable(await storage.all(), session)) {
    await storage.put({ ...entry, state: "sending" });
    let response: Response;
    try {
      response = await fetcher(endpoint, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "idempotency-key": entry.clientRequestId,
          [REQUESTER_HEADER]: entry.userId,
        },
        body: JSON.stringify(entry.payload),
      });
    } catch {
      await storage.put({ ...entry, state: "waiting" });
      return { ...result, stopped: "offline" };
    }
    const outcome = outcomeOf(response.status);
    if (outcome === "sent") {
      const body = (await response.json()) as Omit<SentRequest, "clientRequestId">;
      await storage.remove(entry.clientRequestId);
      result.sent.push({ clientRequestId: entry.clientRequestId, id: body.id, number: body.number, url: body.url });
    } else if (outcome === "refused") {
      await storage.put({ ...entry, state: "refused", refusal: await refusalOf(response) });
      result.refused.push(entry.clientRequestId);
    } else {
      await storage.put({ ...entry, state: "waiting" });
      return { ...result, stopped: outcome === "retry" ? "unavailable" : outcome };
    }
  }
  return result;
}
