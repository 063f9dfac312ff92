// Publishes live-update events inside the caller's transaction: PostgreSQL delivers a NOTIFY on commit only, so a
// rolled-back change is never announced. Every app process LISTENs on one connection and fans events out to its
// open pages of that company (event-listener.ts, event-stream.ts).
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { EVENT_CHANNEL, type CompanyEvent, type DomainEvent } from "./types";

const MAX_EVENT_BYTES = 8000;

/**
 * How many ids one event carries when a change touches many rows (an import, a large stock operation): a uuid is 36
 * characters plus quotes and a comma, so 150 of them stay well under NOTIFY's 8000-byte cap.
 */
export const IDS_PER_EVENT = 150;

function payloadOf(ctx: Pick<TenantContext, "companyId">, event: DomainEvent, at: string): string {
  const payload = JSON.stringify({ ...event, companyId: ctx.companyId, at } satisfies CompanyEvent);
  // PostgreSQL refuses a payload of 8000 bytes or more, failing the caller's whole transaction: say why, early.
  if (Buffer.byteLength(payload) >= MAX_EVENT_BYTES) {
    throw new Error(
      `A ${event.type} event of ${Buffer.byteLength(payload)} bytes is too large for NOTIFY: publish it in chunks`,
    );
  }
  return payload;
}

export async function publishEvent(
  tx: TenantTx,
  ctx: Pick<TenantContext, "companyId">,
  event: DomainEvent,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, ${payloadOf(ctx, event, new Date().toISOString())})`;
}

/** Several events in one statement (delivered on commit, like publishEvent's). */
export async function publishEvents(
  tx: TenantTx,
  ctx: Pick<TenantContext, "companyId">,
  events: DomainEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const at = new Date().toISOString();
  const payloads = events.map((event) => payloadOf(ctx, event, at));
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`;
}

/** Ids in slices of IDS_PER_EVENT, one event each. */
export function chunkIds(ids: string[], size = IDS_PER_EVENT): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}
