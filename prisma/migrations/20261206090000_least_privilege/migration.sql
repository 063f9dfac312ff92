-- Hand-written: the database refuses what the app never does (issue 11, item 8).
--
-- 1. Each role keeps only the privileges its code uses: the app role (tenant client, lib/db/tenant.ts) and the system
--    role (systemPrisma/withSystemTx, the demo seed, the rollup rebuild). Before this, the app role could DELETE
--    orders, products and locations, and the cascade took their stock_movements with them (on_hand 15 against a
--    ledger of 10). tests/integration/expected-privileges.ts lists the result table by table, and
--    tests/integration/database-catalog.test.ts compares it with the catalog, so every grant is a reviewed change.
--
--    Style for a table, new or changed — one block per table, REVOKE ALL first so the block states the whole truth,
--    a role with no GRANT line has nothing; then add the same table to expected-privileges.ts:
--
--      REVOKE ALL ON my_table FROM stockflow_app, stockflow_system;
--      GRANT SELECT, INSERT ON my_table TO stockflow_app;       -- what tenant code does to it
--      GRANT SELECT, DELETE ON my_table TO stockflow_system;    -- what system code does to it
--
--    Remember that INSERT … RETURNING (every Prisma create), ON CONFLICT DO UPDATE and a WHERE on UPDATE/DELETE need
--    SELECT, and that SELECT … FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE need UPDATE.
--    Never REVOKE across the whole schema: a migration that sorts before this one may have added a table with its own
--    grants.
-- 2. Foreign keys from the ledger and the audit log restrict (schema.prisma says so too): deleting a product,
--    location, order, user or company that they name is refused instead of taking rows of them along.
-- 3. The ledger and both audit logs refuse DELETE (and TRUNCATE) to every role but their owner, by trigger as well as
--    by grant, so a grant added by mistake later does not re-enable it. UPDATE stays refused to everyone (the
--    existing reject_update triggers).
-- 4. The functions of this schema run only for the roles that need them (PostgreSQL grants EXECUTE to PUBLIC).
--
-- Everything here runs as the owner role (stockflow_owner), not a superuser: README "Your own PostgreSQL". FORCE ROW
-- LEVEL SECURITY binds that role too, so a data backfill in a migration reads and writes no company's rows unless it
-- lifts it for the tables involved (ALTER TABLE t NO FORCE ROW LEVEL SECURITY; … ; ALTER TABLE t FORCE ROW LEVEL
-- SECURITY), as 20261124093740_stock_movement_days does.

-- 1. Table privileges --------------------------------------------------------------------------------------------

REVOKE ALL ON companies FROM stockflow_app, stockflow_system;
GRANT SELECT, UPDATE (name, time_zone, currency, require_second_approver, low_stock_alerts, updated_at)
  ON companies TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON companies TO stockflow_system;

-- The app role reads the people of its company, never a password hash, and changes none (lib/auth does, as the
-- system role).
REVOKE ALL ON users FROM stockflow_app, stockflow_system;
GRANT SELECT (id, email, name, must_change_password, session_version, active, is_platform_admin, last_login_at,
              created_at, updated_at)
  ON users TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON users TO stockflow_system;

-- Members are deactivated, never deleted; memberships FOR UPDATE (the last-admin check) needs UPDATE.
REVOKE ALL ON memberships FROM stockflow_app, stockflow_system;
GRANT SELECT, UPDATE ON memberships TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON memberships TO stockflow_system;

REVOKE ALL ON notification_preferences FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON notification_preferences TO stockflow_app;

-- Locations and products are archived, never deleted.
REVOKE ALL ON locations FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON locations TO stockflow_app;
GRANT SELECT, INSERT ON locations TO stockflow_system;

REVOKE ALL ON products FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON products TO stockflow_app;
GRANT SELECT, INSERT ON products TO stockflow_system;

-- The supplier and customer directories are written by the demo seed only; no tenant code reads them yet.
REVOKE ALL ON suppliers FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON suppliers TO stockflow_system;

REVOKE ALL ON customers FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON customers TO stockflow_system;

REVOKE ALL ON stock_levels FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON stock_levels TO stockflow_app;
GRANT SELECT, INSERT ON stock_levels TO stockflow_system;

REVOKE ALL ON stock_movements FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON stock_movements TO stockflow_app;
GRANT SELECT, INSERT ON stock_movements TO stockflow_system;

-- Rollups: the ledger upserts them; the system role also rebuilds a company's (lib/dashboard/stock-movement-days.ts).
REVOKE ALL ON stock_movement_days FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON stock_movement_days TO stockflow_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON stock_movement_days TO stockflow_system;

REVOKE ALL ON stock_movement_day_totals FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON stock_movement_day_totals TO stockflow_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON stock_movement_day_totals TO stockflow_system;

-- The system role prunes old alert days in the background (issue 11, item 10).
REVOKE ALL ON low_stock_alerts FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON low_stock_alerts TO stockflow_app;
GRANT SELECT, DELETE ON low_stock_alerts TO stockflow_system;

REVOKE ALL ON order_request_counters FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON order_request_counters TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON order_request_counters TO stockflow_system;

-- Requests are cancelled or rejected, never deleted; editing a pending request replaces its lines.
REVOKE ALL ON order_requests FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON order_requests TO stockflow_app;
GRANT SELECT, INSERT ON order_requests TO stockflow_system;

REVOKE ALL ON order_lines FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, DELETE ON order_lines TO stockflow_app;
GRANT SELECT, INSERT ON order_lines TO stockflow_system;

REVOKE ALL ON audit_logs FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON audit_logs TO stockflow_app;
GRANT SELECT, INSERT ON audit_logs TO stockflow_system;

REVOKE ALL ON platform_audit_logs FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON platform_audit_logs TO stockflow_system;

-- The app role enqueues; the delivery worker (system role) claims and updates.
REVOKE ALL ON email_outbox FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON email_outbox TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON email_outbox TO stockflow_system;

-- Invitations (app role) and reset links (system role) are spent or retired by UPDATE, never deleted.
REVOKE ALL ON one_time_tokens FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON one_time_tokens TO stockflow_app;
GRANT SELECT, INSERT, UPDATE ON one_time_tokens TO stockflow_system;

REVOKE ALL ON contact_messages FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT ON contact_messages TO stockflow_system;

REVOKE ALL ON rate_limit_buckets FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_buckets TO stockflow_system;

REVOKE ALL ON platform_settings FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE ON platform_settings TO stockflow_system;

-- 2. Nothing cascades into the ledger or the audit log -------------------------------------------------------

ALTER TABLE "stock_movements"
  DROP CONSTRAINT "stock_movements_company_id_fkey",
  DROP CONSTRAINT "stock_movements_company_id_product_id_fkey",
  DROP CONSTRAINT "stock_movements_company_id_location_id_fkey",
  DROP CONSTRAINT "stock_movements_company_id_order_id_fkey",
  DROP CONSTRAINT "stock_movements_actor_id_fkey",
  ADD CONSTRAINT "stock_movements_company_id_fkey" FOREIGN KEY ("company_id")
    REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE RESTRICT,
  ADD CONSTRAINT "stock_movements_company_id_product_id_fkey" FOREIGN KEY ("company_id", "product_id")
    REFERENCES "products"("company_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT,
  ADD CONSTRAINT "stock_movements_company_id_location_id_fkey" FOREIGN KEY ("company_id", "location_id")
    REFERENCES "locations"("company_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT,
  ADD CONSTRAINT "stock_movements_company_id_order_id_fkey" FOREIGN KEY ("company_id", "order_id")
    REFERENCES "order_requests"("company_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT,
  ADD CONSTRAINT "stock_movements_actor_id_fkey" FOREIGN KEY ("actor_id")
    REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

ALTER TABLE "audit_logs"
  DROP CONSTRAINT "audit_logs_company_id_fkey",
  ADD CONSTRAINT "audit_logs_company_id_fkey" FOREIGN KEY ("company_id")
    REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- 3. Only the owner deletes from the ledger and the audit logs ---------------------------------------------------
-- current_user is the role running the statement (a SET ROLE counts); a superuser is a member of every role.
CREATE FUNCTION reject_delete_unless_owner() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RAISE EXCEPTION '% rows are append-only: only the table owner removes them', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER stock_movements_owner_deletes BEFORE DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION reject_delete_unless_owner();
CREATE TRIGGER stock_movements_owner_truncates BEFORE TRUNCATE ON stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION reject_delete_unless_owner();
CREATE TRIGGER audit_logs_owner_deletes BEFORE DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION reject_delete_unless_owner();
CREATE TRIGGER audit_logs_owner_truncates BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION reject_delete_unless_owner();
CREATE TRIGGER platform_audit_logs_owner_deletes BEFORE DELETE ON platform_audit_logs
  FOR EACH ROW EXECUTE FUNCTION reject_delete_unless_owner();
CREATE TRIGGER platform_audit_logs_owner_truncates BEFORE TRUNCATE ON platform_audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION reject_delete_unless_owner();

-- 4. Functions ---------------------------------------------------------------------------------------------------
-- The row-level security policies call app_current_company_id() as the role that queries: the app role. Trigger
-- functions need no EXECUTE grant to fire.
REVOKE EXECUTE ON FUNCTION app_current_company_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_current_company_id() TO stockflow_app;
REVOKE EXECUTE ON FUNCTION reject_update() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reject_delete_unless_owner() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION products_key_conflicts() FROM PUBLIC;
-- Functions created later by the role that runs the migrations start with no EXECUTE for PUBLIC either.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
