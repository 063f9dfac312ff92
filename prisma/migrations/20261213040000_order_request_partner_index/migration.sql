-- Hand-written (issue 15, item 2): a request may name a supplier (a restock) or a customer (a customer order) from the
-- company's directory, and a directory entry's page lists its requests newest first, in the request list's keyset
-- pages of (created_at, id) (lib/orders/list-order-requests.ts with its supplierId or customerId filter). Without an
-- index that walk reads the whole company's requests to find one supplier's. Partial: most requests name no partner
-- (and no request names both), so each index holds only the rows it serves. company_id leads, like every tenant index.
-- Prisma's schema cannot express a partial index, so schema.prisma only mentions them.
CREATE INDEX order_requests_company_id_supplier_id_created_at_id_idx
  ON order_requests (company_id, supplier_id, created_at, id) WHERE supplier_id IS NOT NULL;
CREATE INDEX order_requests_company_id_customer_id_created_at_id_idx
  ON order_requests (company_id, customer_id, created_at, id) WHERE customer_id IS NOT NULL;
