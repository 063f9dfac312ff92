-- Hand-written (issue 15, item 5): stocktakes as documents (docs/architecture.md §5 "Stocktake documents").
--
-- A stocktake is started for one location, counted line by line by several people at once (each count its own short
-- transaction, exactly once by a client operation id in stock_operations), finished (lines whose difference is over
-- the threshold are flagged for recount) and booked: each line books counted − expected, where `expected` is the
-- ledger's on hand read under the stock row's lock at the moment of that line's count. Stock that moved between the
-- count and the booking is therefore kept, never overwritten.
--
-- Both tables are tenant tables built to shard by company (docs/scaling.md): company_id leads the primary keys, the
-- unique keys and every foreign key to another tenant table, so no row can name another company's location, product,
-- member or stocktake, whatever the application does.

-- A count and a booking are client operations like the other stock forms (lib/stock/stock-operation.ts).
ALTER TYPE "StockOperationKind" ADD VALUE IF NOT EXISTS 'STOCKTAKE_COUNT';
ALTER TYPE "StockOperationKind" ADD VALUE IF NOT EXISTS 'STOCKTAKE_BOOK';

CREATE TABLE "stocktakes" (
    "company_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "location_id" UUID NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'STARTED',
    "blind" BOOLEAN NOT NULL DEFAULT false,
    "recount_units" INTEGER,
    "recount_percent" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_by" UUID,
    "finished_at" TIMESTAMPTZ(3),
    "booked_by" UUID,
    "booked_at" TIMESTAMPTZ(3),
    "cancelled_by" UUID,
    "cancelled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stocktakes_pkey" PRIMARY KEY ("company_id","id"),
    CONSTRAINT "stocktakes_status_known" CHECK (status IN ('STARTED', 'COUNTED', 'BOOKED', 'CANCELLED')),
    CONSTRAINT "stocktakes_number_positive" CHECK (number > 0),
    CONSTRAINT "stocktakes_version_positive" CHECK (version > 0),
    -- The thresholds' ranges are the form's (lib/stocktakes/stocktake-fields.ts).
    CONSTRAINT "stocktakes_recount_units_range" CHECK (recount_units IS NULL OR recount_units BETWEEN 0 AND 1000000000),
    CONSTRAINT "stocktakes_recount_percent_range" CHECK (recount_percent IS NULL OR recount_percent BETWEEN 0 AND 1000),
    -- Each step leaves its mark, and only its own status carries it.
    CONSTRAINT "stocktakes_finished_when_counted"
      CHECK ((status IN ('COUNTED', 'BOOKED')) <= (finished_at IS NOT NULL AND finished_by IS NOT NULL)),
    CONSTRAINT "stocktakes_booked_when_booked"
      CHECK ((status = 'BOOKED') = (booked_at IS NOT NULL AND booked_by IS NOT NULL)),
    CONSTRAINT "stocktakes_cancelled_when_cancelled"
      CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL))
);

CREATE TABLE "stocktake_lines" (
    "company_id" UUID NOT NULL,
    "stocktake_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "counted" INTEGER,
    "expected" INTEGER,
    "counted_by" UUID,
    "counted_at" TIMESTAMPTZ(3),
    "recount" VARCHAR(16) NOT NULL DEFAULT 'NONE',
    "flagged_count" INTEGER,
    "unit_cost" DECIMAL(12,2),
    "booked_quantity" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stocktake_lines_pkey" PRIMARY KEY ("company_id","stocktake_id","product_id"),
    CONSTRAINT "stocktake_lines_counted_non_negative" CHECK (counted >= 0),
    CONSTRAINT "stocktake_lines_expected_non_negative" CHECK (expected >= 0),
    CONSTRAINT "stocktake_lines_flagged_count_non_negative" CHECK (flagged_count >= 0),
    CONSTRAINT "stocktake_lines_unit_cost_non_negative" CHECK (unit_cost >= 0),
    -- A count is whole: the quantity, its snapshot, who and when, all or nothing.
    CONSTRAINT "stocktake_lines_count_whole" CHECK (
      (counted IS NULL) = (expected IS NULL) AND (counted IS NULL) = (counted_by IS NULL)
      AND (counted IS NULL) = (counted_at IS NULL)),
    CONSTRAINT "stocktake_lines_recount_known" CHECK (recount IN ('NONE', 'REQUESTED', 'DONE')),
    -- Only a counted line is flagged, and a flag keeps the count it was raised on.
    CONSTRAINT "stocktake_lines_recount_of_a_count" CHECK (recount = 'NONE' OR (counted IS NOT NULL AND flagged_count IS NOT NULL))
);

-- The list, newest first, all or by status; numbers are unique per company.
CREATE UNIQUE INDEX "stocktakes_company_id_number_key" ON "stocktakes"("company_id", "number");
CREATE INDEX "stocktakes_company_id_status_number_idx" ON "stocktakes"("company_id", "status", "number");
-- One open stocktake per location: two documents counting one shelf would each book the same difference.
CREATE UNIQUE INDEX "stocktakes_one_open_per_location" ON "stocktakes"("company_id", "location_id")
  WHERE status IN ('STARTED', 'COUNTED');

ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- NO ACTION, not RESTRICT: checked at the end of the statement, so deleting a whole company (which cascades to its
-- locations, members and stocktakes alike) is not refused halfway. A location, product or member is never deleted
-- otherwise (they are archived or deactivated), and a stocktake keeps naming them.
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_company_id_location_id_fkey" FOREIGN KEY ("company_id", "location_id") REFERENCES "locations"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_company_id_created_by_fkey" FOREIGN KEY ("company_id", "created_by") REFERENCES "memberships"("company_id", "user_id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_company_id_finished_by_fkey" FOREIGN KEY ("company_id", "finished_by") REFERENCES "memberships"("company_id", "user_id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_company_id_booked_by_fkey" FOREIGN KEY ("company_id", "booked_by") REFERENCES "memberships"("company_id", "user_id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_company_id_cancelled_by_fkey" FOREIGN KEY ("company_id", "cancelled_by") REFERENCES "memberships"("company_id", "user_id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_company_id_stocktake_id_fkey" FOREIGN KEY ("company_id", "stocktake_id") REFERENCES "stocktakes"("company_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_company_id_product_id_fkey" FOREIGN KEY ("company_id", "product_id") REFERENCES "products"("company_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_company_id_counted_by_fkey" FOREIGN KEY ("company_id", "counted_by") REFERENCES "memberships"("company_id", "user_id") ON DELETE NO ACTION ON UPDATE NO ACTION;

ALTER TABLE stocktakes ENABLE ROW LEVEL SECURITY;
ALTER TABLE stocktakes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stocktakes
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
ALTER TABLE stocktake_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE stocktake_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stocktake_lines
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());

-- The app role starts a stocktake and moves it through its steps (lib/stocktakes/): the columns of those steps only;
-- the number, location, options and author never change. Lines are added (at the start, and when a product not yet
-- on the document is counted) and counted, flagged and booked. Nothing is deleted: a booked stocktake is the
-- auditors' record. The system role has nothing on either table: no job or seed touches them.
GRANT SELECT, INSERT ON stocktakes TO stockflow_app;
GRANT UPDATE (status, version, finished_by, finished_at, booked_by, booked_at, cancelled_by, cancelled_at, updated_at)
  ON stocktakes TO stockflow_app;
GRANT SELECT, INSERT ON stocktake_lines TO stockflow_app;
GRANT UPDATE (counted, expected, counted_by, counted_at, recount, flagged_count, unit_cost, booked_quantity)
  ON stocktake_lines TO stockflow_app;

-- Audit entries about a stocktake are labelled with its number as they are written ("ST-000003"), as requests are
-- (migration 20261212010000_audit_entity_as_it_was; the rest of the function as 20261213060000_partner_requests_and_imports
-- left it).
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
  ELSIF NEW.entity_type IN ('order', 'stocktake') THEN
    -- formatOrderNumber (lib/orders/order-fields.ts) and formatStocktakeNumber (lib/stocktakes/stocktake-fields.ts):
    -- six digits at least, never cut.
    IF NEW.entity_type = 'order' THEN
      SELECT o.number::text INTO number_text
        FROM order_requests o WHERE o.company_id = NEW.company_id AND o.id = entity;
    ELSE
      SELECT s.number::text INTO number_text
        FROM stocktakes s WHERE s.company_id = NEW.company_id AND s.id = entity;
    END IF;
    IF number_text IS NOT NULL THEN
      NEW.entity_label := CASE NEW.entity_type WHEN 'order' THEN 'REQ-' ELSE 'ST-' END
                          || CASE WHEN length(number_text) >= 6 THEN number_text ELSE lpad(number_text, 6, '0') END;
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
