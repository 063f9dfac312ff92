-- Hand-written (issue 12, item 8): who the audit names, as they were.
--
-- 1. audit_logs.actor_name beside actor_email: the acting person's name and email when the row was written. A trigger
--    fills both from users in the writer's own transaction, for every writer (tenant, system, seed, raw SQL), so no
--    code path can forget them or put words in someone's mouth: a row with an actor_id names exactly that user as the
--    row sees them. The app role reads the acting user through the users policy (the actor is a member of the row's
--    company); the system role bypasses RLS. A row without actor_id has no name and keeps the email its writer gave (the address a
--    refused sign-in named, say). Rows written before
--    this migration keep actor_name NULL: the append-only trigger refuses to backfill them, and today's name would
--    not be the name they had then anyway (the viewer shows today's name for those, marked as such).
ALTER TABLE audit_logs ADD COLUMN actor_name VARCHAR(120);

CREATE FUNCTION audit_logs_actor_snapshot() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.actor_id IS NOT NULL THEN
    -- No row (an actor the writer cannot see) leaves both NULL rather than whatever the writer passed.
    SELECT u.name, u.email INTO NEW.actor_name, NEW.actor_email FROM users u WHERE u.id = NEW.actor_id;
  ELSE
    -- No actor, no name: a writer cannot make a row look like someone's.
    NEW.actor_name := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_logs_actor_snapshot BEFORE INSERT ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_actor_snapshot();

-- 2. A deactivated membership keeps who the person was when the company let them go (name, email, when): the
--    members page and the audit viewer show that, never what the person later calls themselves elsewhere. A trigger
--    writes the snapshot when active turns false (or a row is inserted inactive), clears it when the membership is
--    active again, and otherwise keeps it as it was, so an UPDATE cannot rewrite it. Memberships deactivated before
--    this migration have no snapshot (their name then is not known): the viewer falls back as for older audit rows.
ALTER TABLE memberships
  ADD COLUMN deactivated_at TIMESTAMPTZ(3),
  ADD COLUMN deactivated_name VARCHAR(120),
  ADD COLUMN deactivated_email VARCHAR(254);

CREATE FUNCTION memberships_deactivation_snapshot() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.active THEN
    NEW.deactivated_at := NULL;
    NEW.deactivated_name := NULL;
    NEW.deactivated_email := NULL;
  ELSIF TG_OP = 'INSERT' OR OLD.active THEN
    NEW.deactivated_at := now();
    SELECT u.name, u.email INTO NEW.deactivated_name, NEW.deactivated_email FROM users u WHERE u.id = NEW.user_id;
  ELSE
    NEW.deactivated_at := OLD.deactivated_at;
    NEW.deactivated_name := OLD.deactivated_name;
    NEW.deactivated_email := OLD.deactivated_email;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER memberships_deactivation_snapshot BEFORE INSERT OR UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_deactivation_snapshot();

-- Trigger functions run without EXECUTE for the role that fires them: nobody needs it.
REVOKE EXECUTE ON FUNCTION audit_logs_actor_snapshot() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION memberships_deactivation_snapshot() FROM PUBLIC;
