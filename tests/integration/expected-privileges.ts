// Every privilege the app, system and search roles hold, table by table: what their code does and nothing more
// (prisma/migrations/20261206090000_least_privilege explains the style). database-catalog.test.ts compares this with
// the catalog both ways, so a grant added or lost in a migration fails until it is reviewed here.
// A new table gets one line, with `[]` for a role that has nothing on it. Column grants read "UPDATE(a, b)", columns
// in alphabetical order. Reasons for each grant sit beside its GRANT in the migrations.

export type Privilege = "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "TRUNCATE" | "REFERENCES" | "TRIGGER" | "USAGE";
export type Grant = Privilege | `${Privilege}(${string})` | "EXECUTE";

export interface RoleGrants {
  app: Grant[];
  system: Grant[];
  /** The search role (NOLOGIN; only search_product_ids runs as it): absent where it holds nothing. */
  search?: Grant[];
}

const USER_COLUMNS_BUT_HASH =
  "active, created_at, demo_password, email, email_verified_at, id, is_platform_admin, last_login_at, must_change_password, name, session_version, updated_at";

export const EXPECTED_TABLE_PRIVILEGES: Record<string, RoleGrants> = {
  _prisma_migrations: { app: [], system: ["SELECT(finished_at, migration_name, rolled_back_at)"] },
  audit_logs: { app: ["SELECT", "INSERT"], system: ["SELECT", "INSERT"] },
  companies: {
    app: [
      "SELECT",
      "UPDATE(currency, low_stock_alerts, name, require_second_approver, staff_see_money, time_zone, updated_at)",
    ],
    system: ["SELECT", "INSERT", "UPDATE"],
  },
  contact_messages: { app: [], system: ["SELECT", "INSERT"] },
  customers: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT"] },
  email_outbox: { app: ["SELECT", "INSERT"], system: ["SELECT", "INSERT", "UPDATE"] },
  locations: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT"] },
  low_stock_alerts: { app: ["SELECT", "INSERT"], system: ["SELECT", "DELETE"] },
  memberships: { app: ["SELECT", "UPDATE"], system: ["SELECT", "INSERT", "UPDATE"] },
  notification_preferences: { app: ["SELECT", "INSERT", "UPDATE"], system: [] },
  one_time_tokens: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
  order_lines: {
    app: ["SELECT", "INSERT", "DELETE", "UPDATE(approved_quantity, fulfilled_quantity)"],
    system: ["SELECT", "INSERT"],
  },
  order_request_counters: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT", "UPDATE"] },
  order_requests: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT"] },
  platform_audit_logs: { app: [], system: ["SELECT", "INSERT"] },
  platform_settings: { app: [], system: ["SELECT", "INSERT", "UPDATE"] },
  push_outbox: { app: ["INSERT"], system: ["SELECT", "UPDATE", "DELETE"] },
  push_subscriptions: {
    app: ["SELECT", "INSERT", "UPDATE(auth, p256dh, session_id, updated_at, user_id)", "DELETE"],
    system: ["SELECT", "DELETE"],
  },
  // Per-product totals: tenant code reads them; triggers (SECURITY DEFINER, as the owner) write them.
  product_stock_totals: { app: ["SELECT"], system: [] },
  // The company's stock value in shards: the dashboard reads them; a trigger on the totals writes them.
  stock_value_shards: { app: ["SELECT"], system: [] },
  // The search role reads what search_product_ids matches on (migration 20261209010000_product_search_function).
  products: {
    app: ["SELECT", "INSERT", "UPDATE"],
    system: ["SELECT", "INSERT"],
    search: ["SELECT(barcode, company_id, id, name, sku)"],
  },
  rate_limit_buckets: { app: [], system: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
  sessions: { app: [], system: ["SELECT", "INSERT", "UPDATE(expires_at, last_seen_at, revoked_at)", "DELETE"] },
  sign_in_lockouts: { app: [], system: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
  product_suppliers: { app: ["SELECT", "INSERT", "UPDATE", "DELETE"], system: [] },
  stock_levels: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT"] },
  stock_movement_day_totals: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
  stock_movement_days: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
  stock_operations: { app: ["SELECT", "INSERT", "UPDATE(result)"], system: [] },
  // Stocktake documents (migration 20261213070000): started, counted, finished, booked; never deleted.
  stocktakes: {
    app: [
      "SELECT",
      "INSERT",
      "UPDATE(booked_at, booked_by, cancelled_at, cancelled_by, finished_at, finished_by, status, updated_at, version)",
    ],
    system: [],
  },
  stocktake_lines: {
    app: [
      "SELECT",
      "INSERT",
      "UPDATE(booked_quantity, counted, counted_at, counted_by, expected, flagged_count, recount, unit_cost)",
    ],
    system: [],
  },
  stock_movements: { app: ["SELECT", "INSERT"], system: ["SELECT", "INSERT"] },
  // Each movement draws its rollup sequence number; a rollup rebuild draws its watermark.
  stock_movements_rollup_seq_seq: { app: ["USAGE"], system: ["USAGE"] },
  suppliers: { app: ["SELECT", "INSERT", "UPDATE"], system: ["SELECT", "INSERT"] },
  users: { app: [`SELECT(${USER_COLUMNS_BUT_HASH})`], system: ["SELECT", "INSERT", "UPDATE"] },
};

/** Functions of the schema (extensions' aside), by signature. */
export const EXPECTED_FUNCTION_PRIVILEGES: Record<string, RoleGrants> = {
  "app_current_company_id()": { app: ["EXECUTE"], system: [] },
  "audit_logs_actor_snapshot()": { app: [], system: [] },
  "audit_logs_entity_snapshot()": { app: [], system: [] },
  "memberships_deactivation_snapshot()": { app: [], system: [] },
  "order_lines_whole_quantities()": { app: [], system: [] },
  "products_key_conflicts()": { app: [], system: [] },
  // Trigger functions (SECURITY DEFINER, owned by the owner role): they fire without EXECUTE.
  "product_stock_totals_average_from_movements()": { app: [], system: [] },
  "product_stock_totals_from_products()": { app: [], system: [] },
  "product_stock_totals_from_stock_levels()": { app: [], system: [] },
  "reject_delete_unless_owner()": { app: [], system: [] },
  "stock_value_shards_from_totals()": { app: [], system: [] },
  "reject_update()": { app: [], system: [] },
  // The search role owns it (the EXECUTE is its owner's); SECURITY DEFINER, so the app role's call runs as that role.
  "search_product_ids(text,integer)": { app: ["EXECUTE"], system: [], search: ["EXECUTE"] },
  "search_product_ids_by_name(text,boolean,text,uuid,integer,integer)": {
    app: ["EXECUTE"],
    system: [],
    search: ["EXECUTE"],
  },
};
