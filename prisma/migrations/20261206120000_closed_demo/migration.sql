-- Hand-written (issue 12, items 2 and 4).
--
-- 1. users.demo_password: the demo seed sets it on the accounts it creates with the published password; every
--    password change or reset clears it. A server reachable from other machines refuses to start while one is set
--    (lib/platform/open-demo.ts). The app role reads every users column but the hash.
ALTER TABLE users ADD COLUMN demo_password BOOLEAN NOT NULL DEFAULT false;
GRANT SELECT (demo_password) ON users TO stockflow_app;

-- 2. A new installation requires approval for new companies: the platform owner manages onboarding. The row was
--    created with approval off by 20261124000100_security; a database that has no user yet is a new one and gets
--    it on, while an existing installation keeps whatever it has (on or off). FORCE ROW LEVEL SECURITY binds the
--    owner role running this (it would see no user, and no row): lifted for these statements only.
ALTER TABLE platform_settings ALTER COLUMN require_company_approval SET DEFAULT true;
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
ALTER TABLE platform_settings NO FORCE ROW LEVEL SECURITY;
UPDATE platform_settings SET require_company_approval = true, updated_at = now()
 WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM users);
INSERT INTO platform_settings (id, require_company_approval, updated_at) VALUES (1, true, now())
  ON CONFLICT (id) DO NOTHING;
ALTER TABLE platform_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
