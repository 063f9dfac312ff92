-- Hand-written: product search that uses its trigram index for the app role (issue 14, item 1).
--
-- products_search_trgm_idx (migration 20261124070000_product_search) is useless to the app role: under FORCE ROW LEVEL
-- SECURITY the planner evaluates a query's own condition inside an index scan, before the policy, only if every
-- function in it is leakproof, and LIKE, lower(), || and coalesce() are not. So a rare name, a SKU or a barcode read
-- every product of the company (70–130 ms at 100k; bench/README.md, "Product list").
--
-- search_product_ids(pattern, max_rows) runs that condition where row-level security does not apply: it is SECURITY
-- DEFINER and owned by stockflow_search (NOLOGIN, BYPASSRLS; lib/db/roles.ts), so inside it the planner may use the
-- index. It does the policy's job itself: it returns ids of the transaction's own company only, read from the same
-- setting the policies read (app.company_id, set by withTenantTx), and takes no company parameter, so a caller cannot
-- ask for another company's ids; with no setting it returns nothing. It returns ids, nothing else: the caller reads the
-- rows through row-level security as before (lib/products/product-search.ts). Only the app role may run it.
--
-- It returns at most max_rows ids, so a term most products contain costs the index read and max_rows rechecks, not one
-- recheck per match (trigrams are lossy for LIKE: every candidate's row is read). The caller asks for one more than it
-- will take as ids: when that many come back, the term is common and it searches with the plain condition instead,
-- whose walk of an index in the list's order finds a page soon (bench/README.md, "Product list").
--
-- search_path is pinned (pg_catalog first, pg_temp last) and the table schema-qualified, as a SECURITY DEFINER
-- function must: no object a caller creates can stand in for the ones it uses. The text it matches is the exact
-- expression of the index. stockflow_search holds exactly what the query reads: USAGE on the schema and SELECT on
-- five columns of products.
--
-- The owner role runs this (README "Your own PostgreSQL"): it may hand the function to stockflow_search because it is
-- a member of that role, and it lends the role CREATE on the schema for the moment of the hand-over (ALTER … OWNER TO
-- requires the new owner to hold it).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stockflow_search' AND rolbypassrls AND NOT rolcanlogin) THEN
    RAISE EXCEPTION 'role stockflow_search (NOLOGIN BYPASSRLS) is missing'
      USING HINT = 'Create it once as a superuser and grant it to stockflow_owner: README "Your own PostgreSQL".';
  END IF;
  IF NOT pg_has_role(current_user, 'stockflow_search', 'MEMBER') THEN
    RAISE EXCEPTION '% is not a member of stockflow_search', current_user
      USING HINT = 'GRANT stockflow_search TO stockflow_owner, once as a superuser: README "Your own PostgreSQL".';
  END IF;
END
$$;

CREATE FUNCTION search_product_ids(pattern text, max_rows integer) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT p.id
      FROM public.products p
     WHERE p.company_id = nullif(current_setting('app.company_id', true), '')::uuid
       AND lower(p.name || ' ' || p.sku || ' ' || coalesce(p.barcode, '')) LIKE pattern
     LIMIT max_rows
  $$;

GRANT USAGE ON SCHEMA public TO stockflow_search;
GRANT SELECT (id, company_id, name, sku, barcode) ON products TO stockflow_search;

GRANT CREATE ON SCHEMA public TO stockflow_search;
ALTER FUNCTION search_product_ids(text, integer) OWNER TO stockflow_search;
REVOKE CREATE ON SCHEMA public FROM stockflow_search;

REVOKE ALL ON FUNCTION search_product_ids(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_product_ids(text, integer) TO stockflow_app;
