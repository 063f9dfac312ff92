// Publishes a live-update event inside the caller's transaction: PostgreSQL delivers a NOTIFY on commit only,
// so a rolled-back change is never announced. Every app process LISTENs on one connection and fans events out
// to its open pages of that company.
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { EVENT_CHANNEL, type CompanyEvent, type DomainEvent } from "./types";

const MAX_EVENT_BYTES = 8000;

export async function publishEvent(
  tx: TenantTx,
  ctx: Pick<TenantContext, "companyId">,
  event: DomainEvent,
): Promise<void> {
  const payload = JSON.stringify({
    ...event,
    companyId: ctx.companyId,
    at: new Date().toISOString(),
  } satisfies CompanyEvent);
  // PostgreSQL refuses a payload of 8000 bytes or more, failing the caller's whole transaction: say why, early.
  if (Buffer.byteLength(payload) >= MAX_EVENT_BYTES) {
    throw new Error(
      `A ${event.type} event of ${Buffer.byteLength(payload)} bytes is too large for NOTIFY: publish it in chunks`,
    );
  }
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, ${payload})`;
}
