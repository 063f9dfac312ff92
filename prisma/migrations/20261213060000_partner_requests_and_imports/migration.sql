-- Hand-written (issue 15, item 2): what the partner directory needs beyond its tables (20261213020000_partner_directory;
-- docs/architecture.md §5 "Partners").
--
-- A partner's page lists its requests newest first in keyset pages of (created_at, id), and the directory counts each
-- partner's open requests: one index per link, led by company_id like every tenant index, partial because most
-- requests name no supplier (or no customer). The status is carried in the index so the open-request count of a
-- directory page is an index-only read of those partners' entries.
CREATE INDEX order_requests_supplier_idx ON order_requests (company_id, supplier_id, created_at, id) INCLUDE (status)
  WHERE supplier_id IS NOT NULL;
CREATE INDEX order_requests_customer_idx ON order_requests (company_id, customer_id, created_at, id) INCLUDE (status)
  WHERE customer_id IS NOT NULL;

-- A directory import commit is exactly-once per client operation id, as the product import is
-- (lib/stock/stock-operation.ts): its claim names its kind.
ALTER TYPE "StockOperationKind" ADD VALUE IF NOT EXISTS 'SUPPLIER_IMPORT';
ALTER TYPE "StockOperationKind" ADD VALUE IF NOT EXISTS 'CUSTOMER_IMPORT';

-- The audit log names a supplier or customer as it was called when the entry was written, as it does products,
-- locations and requests (20261212010000_audit_entity_as_it_was): the same function, two more entity types.
CREATE OR REPLACE FUNCTION audit_logs_entity_snapshot() RETURNS trigger
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
  ELSIF NEW.entity_type = 'supplier' THEN
    SELECT s.name INTO NEW.entity_label
      FROM suppliers s WHERE s.company_id = NEW.company_id AND s.id = entity;
  ELSIF NEW.entity_type = 'customer' THEN
    SELECT c.name INTO NEW.entity_label
      FROM customers c WHERE c.company_id = NEW.company_id AND c.id = entity;
  END IF;
  RETURN NEW;
END
$$;
