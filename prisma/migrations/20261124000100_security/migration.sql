-- Hand-written: what Prisma's schema cannot express. Row-level security (DESIGN §4), the app and system roles
-- and their grants, CHECK constraints, append-only triggers, partial unique index.
-- tests/integration/database-catalog.test.ts reads the catalog to prove each of these holds.

-- Roles ------------------------------------------------------------------------------------------------------
-- Created here when missing (needs CREATEROLE, and superuser for BYPASSRLS); where the operator pre-creates
-- them, this does nothing. Login and passwords are set by whoever provisions the deployment.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stockflow_app') THEN
    CREATE ROLE stockflow_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stockflow_system') THEN
    CREATE ROLE stockflow_system NOLOGIN NOSUPERUSER BYPASSRLS;
  END IF;
END
$$;

-- Tenant context ---------------------------------------------------------------------------------------------
-- Set per transaction by withTenantTx: SELECT set_config('app.company_id', $1, true). Outside such a transaction
-- the setting is unset or '' and every policy below matches nothing.
CREATE FUNCTION app_current_company_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.company_id', true), '')::uuid $$;

-- Row-level security -----------------------------------------------------------------------------------------
-- Tables with company_id (NOT NULL: tenant tables; nullable: rows of no company are invisible to the app role).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'memberships', 'notification_preferences', 'locations', 'products', 'suppliers', 'customers',
    'stock_levels', 'stock_movements', 'order_request_counters', 'order_requests', 'order_lines',
    'audit_logs', 'email_outbox', 'one_time_tokens'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (company_id = app_current_company_id()) '
      'WITH CHECK (company_id = app_current_company_id())', t);
  END LOOP;
END
$$;

-- A company sees itself only.
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
ALTER TABLE companies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON companies
  USING (id = app_current_company_id())
  WITH CHECK (id = app_current_company_id());

-- Users are global; the app role sees only those with a membership in the current company.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY member_of_current_company ON users
  USING (EXISTS (
    SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.company_id = app_current_company_id()
  ));

-- The one settings row, written before FORCE below binds the owner role that runs the migrations.
INSERT INTO platform_settings (id, require_company_approval, updated_at) VALUES (1, false, now());

-- Platform tables (no company): the system client only. RLS on with no policy, so even a grant by mistake
-- would show the app role nothing.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['platform_audit_logs', 'contact_messages', 'rate_limit_buckets', 'platform_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END
$$;

-- Grants -----------------------------------------------------------------------------------------------------
GRANT USAGE ON SCHEMA public TO stockflow_app, stockflow_system;

GRANT SELECT, INSERT, UPDATE, DELETE ON
  memberships, notification_preferences, locations, products, suppliers, customers, order_requests,
  order_lines, one_time_tokens
  TO stockflow_app;
GRANT SELECT, UPDATE ON companies TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON stock_levels, order_request_counters TO stockflow_app;
-- Append-only for the app role: the ledger, the audit log, the outbox (delivery is the system client's).
GRANT SELECT, INSERT ON stock_movements, audit_logs, email_outbox TO stockflow_app;
-- Column grants: never the password hash.
GRANT SELECT (id, email, name, must_change_password, session_version, active, is_platform_admin,
              failed_login_count, locked_until, last_login_at, created_at, updated_at)
  ON users TO stockflow_app;
GRANT UPDATE (name, email, updated_at) ON users TO stockflow_app;

-- The system client: registration, sign-in, platform administration, background jobs, seeding.
GRANT SELECT, INSERT, UPDATE, DELETE ON
  companies, users, memberships, notification_preferences, locations, products, suppliers, customers,
  stock_levels, order_request_counters, order_requests, order_lines, email_outbox, one_time_tokens,
  contact_messages, rate_limit_buckets, platform_settings
  TO stockflow_system;
GRANT SELECT, INSERT ON stock_movements, audit_logs, platform_audit_logs TO stockflow_system;

-- Append-only tables ---------------------------------------------------------------------------------------
-- Nobody updates these rows, whatever their grants. Deleting is left to the owner (retention, removing a
-- whole company), which no application role is.
CREATE FUNCTION reject_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_logs_append_only BEFORE UPDATE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION reject_update();
CREATE TRIGGER platform_audit_logs_append_only BEFORE UPDATE ON platform_audit_logs
  FOR EACH ROW EXECUTE FUNCTION reject_update();
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION reject_update();

-- CHECK constraints ----------------------------------------------------------------------------------------
ALTER TABLE stock_levels
  ADD CONSTRAINT stock_levels_on_hand_non_negative CHECK (on_hand >= 0),
  ADD CONSTRAINT stock_levels_reserved_non_negative CHECK (reserved >= 0);
ALTER TABLE stock_movements
  ADD CONSTRAINT stock_movements_quantity_non_zero CHECK (quantity <> 0),
  ADD CONSTRAINT stock_movements_balance_non_negative CHECK (balance_after >= 0);
ALTER TABLE order_lines
  ADD CONSTRAINT order_lines_quantity_positive CHECK (quantity > 0),
  ADD CONSTRAINT order_lines_unit_price_non_negative CHECK (unit_price >= 0);
ALTER TABLE order_requests
  ADD CONSTRAINT order_requests_number_positive CHECK (number > 0),
  ADD CONSTRAINT order_requests_version_positive CHECK (version >= 1);
ALTER TABLE order_request_counters
  ADD CONSTRAINT order_request_counters_non_negative CHECK (last_number >= 0);
ALTER TABLE products
  ADD CONSTRAINT products_prices_non_negative CHECK (cost_price >= 0 AND sale_price >= 0),
  ADD CONSTRAINT products_reorder_point_non_negative CHECK (reorder_point >= 0),
  ADD CONSTRAINT products_version_positive CHECK (version >= 1);
ALTER TABLE users
  ADD CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)));
ALTER TABLE companies
  ADD CONSTRAINT companies_currency_iso CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE platform_settings
  ADD CONSTRAINT platform_settings_single_row CHECK (id = 1);

-- One default location per company.
CREATE UNIQUE INDEX locations_one_default_per_company ON locations (company_id) WHERE is_default;
