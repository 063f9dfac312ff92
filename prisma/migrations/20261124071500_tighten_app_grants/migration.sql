-- Hand-written: the app role keeps only the privileges tenant code uses, so the database alone holds the rules.
-- * users: every write to a global user (name, email, password) goes through lib/auth with the system client,
--   which checks that a company admin never changes someone who also belongs to another company. With UPDATE on
--   users, a tenant connection could rewrite the email of such a shared user (the RLS policy only asks for a
--   membership in the current company).
-- * companies: a company may edit its own settings, never its status (platform administrators decide that) nor
--   its slug.
REVOKE UPDATE ON users FROM stockflow_app;
REVOKE UPDATE ON companies FROM stockflow_app;
GRANT UPDATE (name, time_zone, currency, require_second_approver, low_stock_alerts, updated_at) ON companies TO stockflow_app;
