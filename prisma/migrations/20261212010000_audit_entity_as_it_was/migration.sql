-- Hand-written (issue 15, item 6): what an audit entry's entity was called when the row was written, so the log reads
-- "renamed Cold store" with the names of that day, not today's.
--
-- audit_logs.entity_label: a product's "name (SKU)", a location's name, a request's number ("REQ-000002"), filled by a
-- trigger in the writer's own transaction like the actor's name (20261207040000_audit_actor_as_they_were), so no
-- writer can forget it or pass another. The trigger runs as the writer (both roles read the three tables; the app role
-- through row-level security) and names only an entity of the row's own company. Rows written before this migration
-- keep NULL: the append-only trigger refuses a backfill, and today's name would not be that day's anyway (the viewer
-- shows today's name for those, marked as such). The widest label is 200 + 64 + 3 characters.
ALTER TABLE audit_logs ADD COLUMN entity_label VARCHAR(300);

CREATE FUNCTION audit_logs_entity_snapshot() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
  AS $$
DECLARE
  entity uuid;
  number_text text;
BEGIN
  -- A writer cannot label a row: the label is what the database holds, or nothing.
  NEW.entity_label := NULL;
  IF NEW.entity_id IS NULL
     OR NEW.entity_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RETURN NEW;
  END IF;
  entity := NEW.entity_id::uuid;
  IF NEW.entity_type = 'product' THEN
    SELECT p.name || ' (' || p.sku || ')' INTO NEW.entity_label
      FROM products p WHERE p.company_id = NEW.company_id AND p.id = entity;
  ELSIF NEW.entity_type = 'location' THEN
    SELECT l.name INTO NEW.entity_label
      FROM locations l WHERE l.company_id = NEW.company_id AND l.id = entity;
  ELSIF NEW.entity_type = 'order' THEN
    -- formatOrderNumber (lib/orders/order-fields.ts): six digits at least, never cut.
    SELECT o.number::text INTO number_text
      FROM order_requests o WHERE o.company_id = NEW.company_id AND o.id = entity;
    IF number_text IS NOT NULL THEN
      NEW.entity_label := 'REQ-' || CASE WHEN length(number_text) >= 6 THEN number_text
                                         ELSE lpad(number_text, 6, '0') END;
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_logs_entity_snapshot BEFORE INSERT ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_entity_snapshot();

REVOKE EXECUTE ON FUNCTION audit_logs_entity_snapshot() FROM PUBLIC;
