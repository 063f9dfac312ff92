-- The platform's company list pages by keyset, newest first (lib/platform/list-companies.ts): a page is the
-- companies after (or before) a (created_at, id), read along this index and stopped after a page, where the list
-- sorted every company for each page before.
CREATE INDEX "companies_created_at_id_idx" ON "companies"("created_at", "id");
