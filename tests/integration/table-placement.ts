// Where each table would live on the way past one database (docs/scaling.md): Citus, tenant tables distributed by
// company_id and co-located, small shared tables replicated to every node as reference tables, and the rest kept on
// the coordinator as Citus local tables. database-catalog.test.ts checks this against the catalog both ways — a new
// table without a place fails — and that every distributed table has a company_id that is never NULL.

export type Placement = "distributed" | "reference" | "coordinator";

export const TABLE_PLACEMENT: Record<string, { placement: Placement; why: string }> = {
  // Distributed by company_id, co-located: everything a company's work reads and writes in one transaction.
  audit_logs: { placement: "distributed", why: "a company's audit trail" },
  customers: { placement: "distributed", why: "a company's partners" },
  locations: { placement: "distributed", why: "a company's warehouses" },
  low_stock_alerts: { placement: "distributed", why: "written in the stock change's transaction" },
  notification_preferences: { placement: "distributed", why: "read with the company's outbox writes" },
  order_lines: { placement: "distributed", why: "a company's requests" },
  order_request_counters: { placement: "distributed", why: "one row per company, locked by its requests" },
  order_requests: { placement: "distributed", why: "a company's requests" },
  product_stock_totals: { placement: "distributed", why: "kept by triggers in the stock change's transaction" },
  products: { placement: "distributed", why: "a company's catalogue" },
  push_outbox: { placement: "distributed", why: "written in the decision's transaction; claimed per company" },
  push_subscriptions: { placement: "distributed", why: "referenced by the push outbox" },
  stock_levels: { placement: "distributed", why: "the stock, changed with the ledger" },
  stock_movement_day_totals: { placement: "distributed", why: "the dashboard's rollups, written with the ledger" },
  stock_movement_days: { placement: "distributed", why: "the dashboard's rollups, written with the ledger" },
  stock_movements: { placement: "distributed", why: "the ledger" },
  stock_operations: { placement: "distributed", why: "exactly-once ids of stock changes" },
  stock_value_shards: { placement: "distributed", why: "kept by triggers in the stock change's transaction" },
  suppliers: { placement: "distributed", why: "a company's partners" },
  product_suppliers: { placement: "distributed", why: "where a company buys each product" },
  stocktakes: { placement: "distributed", why: "a company's counts, booked through its ledger" },
  stocktake_lines: { placement: "distributed", why: "a stocktake's counts, locked with its stock rows" },
  // Replicated to every node: small, read by every tenant query's joins and policies, rarely written.
  companies: { placement: "reference", why: "every tenant table references it; the policies read it" },
  memberships: { placement: "reference", why: "the users policy and sign-in read it across companies" },
  platform_settings: { placement: "reference", why: "one row, read everywhere" },
  users: { placement: "reference", why: "people belong to several companies" },
  // On the coordinator: rows of no company, or work that spans companies and is written often.
  _prisma_migrations: { placement: "coordinator", why: "the schema's history" },
  contact_messages: { placement: "coordinator", why: "sent by visitors, read by the platform" },
  email_outbox: { placement: "coordinator", why: "account mail has no company; one worker queue" },
  one_time_tokens: { placement: "coordinator", why: "a link is redeemed before anyone is signed in" },
  platform_audit_logs: { placement: "coordinator", why: "the platform's own trail" },
  rate_limit_buckets: { placement: "coordinator", why: "keyed by address or account, written on every attempt" },
  sessions: { placement: "coordinator", why: "a person's sessions span companies" },
  sign_in_lockouts: { placement: "coordinator", why: "keyed by account and address" },
};
