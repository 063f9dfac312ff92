-- Hand-written (issue 15, item 2): suppliers and customers become a directory each company keeps (docs/architecture.md
-- §5 "Partners"), and a product may come from several suppliers.
--
-- The two tables existed from the start without any grant to the app role (only the demo seed wrote them). They gain
-- a contact person, an optimistic-locking version like products, and a name unique regardless of letter case: the
-- stored generated `name_key` (lower(name)), the same device as products' SKUs (migration 20261206020000). No
-- company could write these tables, so no two rows can differ in case only; the seed's names are distinct.
ALTER TABLE suppliers
  ADD COLUMN contact_name VARCHAR(120),
  ADD COLUMN version INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lower(name)) STORED NOT NULL;
ALTER TABLE customers
  ADD COLUMN contact_name VARCHAR(120),
  ADD COLUMN version INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lower(name)) STORED NOT NULL;

DROP INDEX suppliers_company_id_name_key;
DROP INDEX customers_company_id_name_key;
-- Unique regardless of case; also the directory's keyset pages by name.
CREATE UNIQUE INDEX suppliers_company_id_name_key_key ON suppliers (company_id, name_key);
CREATE UNIQUE INDEX customers_company_id_name_key_key ON customers (company_id, name_key);

ALTER TABLE suppliers
  ADD CONSTRAINT suppliers_name_not_blank CHECK (btrim(name) <> ''),
  ADD CONSTRAINT suppliers_version_positive CHECK (version > 0);
ALTER TABLE customers
  ADD CONSTRAINT customers_name_not_blank CHECK (btrim(name) <> ''),
  ADD CONSTRAINT customers_version_positive CHECK (version > 0);

-- The app role keeps the directory: reads, adds and edits (archiving is an edit). Nothing is deleted: requests name
-- partners, and the history must keep naming them.
GRANT SELECT, INSERT, UPDATE ON suppliers, customers TO stockflow_app;

-- A product's suppliers: the supplier's own part number, the purchase price and the lead time there, and at most one
-- preferred supplier per product (a partial unique index; schema.prisma cannot express it). company_id leads every
-- key, and the foreign keys are composite, so a row can never join a product and a supplier of two companies.
CREATE TABLE product_suppliers (
  company_id UUID NOT NULL,
  product_id UUID NOT NULL,
  supplier_id UUID NOT NULL,
  supplier_sku VARCHAR(64),
  purchase_price DECIMAL(12, 2),
  lead_time_days INTEGER,
  preferred BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT product_suppliers_pkey PRIMARY KEY (company_id, product_id, supplier_id),
  CONSTRAINT product_suppliers_company_id_fkey FOREIGN KEY (company_id)
    REFERENCES companies (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT product_suppliers_company_id_product_id_fkey FOREIGN KEY (company_id, product_id)
    REFERENCES products (company_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT product_suppliers_company_id_supplier_id_fkey FOREIGN KEY (company_id, supplier_id)
    REFERENCES suppliers (company_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT product_suppliers_purchase_price_non_negative CHECK (purchase_price >= 0),
  CONSTRAINT product_suppliers_lead_time_range CHECK (lead_time_days BETWEEN 0 AND 365)
);
-- A supplier's products (its page, and restock suggestions grouped by supplier).
CREATE INDEX product_suppliers_company_id_supplier_id_product_id_idx
  ON product_suppliers (company_id, supplier_id, product_id);
CREATE UNIQUE INDEX product_suppliers_one_preferred
  ON product_suppliers (company_id, product_id) WHERE preferred;

ALTER TABLE product_suppliers ENABLE ROW LEVEL SECURITY;
ALTER TABLE product_suppliers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON product_suppliers
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON product_suppliers TO stockflow_app;
