// Publishes a live-update event inside the caller's transaction: PostgreSQL delivers a NOTIFY on commit only,
// so a rolled-back change is never announced. Every app process LISTENs on one connection and fans events out
// to its open pages of that company.
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { EVENT_CHANNEL, type CompanyEvent, type DomainEvent } from "./types";

export async function publishEvent(tx: TenantTx, ctx: Pick<TenantContext, "companyId">, event: DomainEvent): Promise<void> {
  const payload: CompanyEvent = { ...event, companyId: ctx.companyId, at: new Date().toISOString() };
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(payload)})`;
}
