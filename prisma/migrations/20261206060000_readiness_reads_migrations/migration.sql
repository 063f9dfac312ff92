-- Readiness (/api/ready, lib/db/readiness.ts) compares the applied migrations with the build's: the system role
-- reads their names and outcome, nothing else. The table is created by the migration runner before it applies
-- anything; a shadow database built only to diff the schema has none, hence the guard.
DO $$
BEGIN
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    GRANT SELECT (migration_name, finished_at, rolled_back_at) ON _prisma_migrations TO stockflow_system;
  END IF;
END
$$;
