-- Hand-written: the first page of a common search term in the product list's name order (issue 14, item 3).
--
-- A term more than PRODUCT_SEARCH_ID_LIMIT products contain is searched with the plain condition (lib/products/
-- product-search.ts): the list walks its name index under row-level security, testing each product, and stops after a
-- page. That is quick when matches are spread through the name order ("400638": a page after ~60 rows) and slow when
-- they sort together far down it: 12,500 products named "Hinge …" after 50,000 others cost 95 ms at 100k products
-- (bench/load's W1, a quarter of its requests).
--
-- search_product_ids_by_name(pattern, descending, after_name, after_id, max_rows, walk_rows) gives the ids of the
-- first max_rows products of the transaction's company, in the list's name order after the cursor (name, then id;
-- backwards when descending), whose text contains the pattern. Two ways, the cheaper first:
--   1. walk the name index from the cursor for at most walk_rows products, testing each: when that finds max_rows,
--      they are the first ones (a walk in order cannot skip one);
--   2. otherwise every match after the cursor from the trigram index (a MATERIALIZED CTE, so the planner cannot turn it
--      back into the walk), sorted, the first max_rows.
-- The caller reads those ids through row-level security with the list's other filters, and turns to the plain
-- condition only when the filters left less than a page of them and there were more matches.
--
-- Like search_product_ids (migration 20261209010000_product_search_function): SECURITY DEFINER, owned by
-- stockflow_search (NOLOGIN, BYPASSRLS), search_path pinned, the table schema-qualified, the company taken from the
-- setting the policies read and never from a parameter (none, nothing), ids only, callable by the app role alone. It
-- reads the columns stockflow_search may read already. Dynamic SQL only for the direction (two fixed spellings) and for
-- the cursor condition (present or not), so that each call is planned with its values and the cursor bounds the index
-- scan; every value is a parameter.

CREATE FUNCTION search_product_ids_by_name(pattern text, descending boolean, after_name text, after_id uuid,
                                           max_rows integer, walk_rows integer) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  company uuid := nullif(current_setting('app.company_id', true), '')::uuid;
  direction text := CASE WHEN descending THEN 'DESC' ELSE 'ASC' END;
  from_cursor text := CASE
    WHEN after_name IS NULL OR after_id IS NULL THEN ''
    WHEN descending THEN 'AND (p.name, p.id) < ($3, $4)'
    ELSE 'AND (p.name, p.id) > ($3, $4)' END;
  walked uuid[];
BEGIN
  IF company IS NULL OR max_rows < 1 THEN
    RETURN;
  END IF;
  EXECUTE format(
    'SELECT ARRAY(SELECT w.id FROM (SELECT p.id, p.name,
                                           lower(p.name || '' '' || p.sku || '' '' || coalesce(p.barcode, '''')) LIKE $2 AS hit
                                      FROM public.products p
                                     WHERE p.company_id = $1 %1$s
                                     ORDER BY p.name %2$s, p.id %2$s
                                     LIMIT $6) w
                   WHERE w.hit
                   ORDER BY w.name %2$s, w.id %2$s
                   LIMIT $5)', from_cursor, direction)
    INTO walked
    USING company, pattern, after_name, after_id, max_rows, walk_rows;
  IF cardinality(walked) >= max_rows THEN
    RETURN QUERY SELECT unnest(walked);
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'WITH matches AS MATERIALIZED (
       SELECT p.id, p.name FROM public.products p
        WHERE p.company_id = $1 %1$s
          AND lower(p.name || '' '' || p.sku || '' '' || coalesce(p.barcode, '''')) LIKE $2)
     SELECT m.id FROM matches m ORDER BY m.name %2$s, m.id %2$s LIMIT $5', from_cursor, direction)
    USING company, pattern, after_name, after_id, max_rows;
END
$$;

GRANT CREATE ON SCHEMA public TO stockflow_search;
ALTER FUNCTION search_product_ids_by_name(text, boolean, text, uuid, integer, integer) OWNER TO stockflow_search;
REVOKE CREATE ON SCHEMA public FROM stockflow_search;

REVOKE ALL ON FUNCTION search_product_ids_by_name(text, boolean, text, uuid, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_product_ids_by_name(text, boolean, text, uuid, integer, integer) TO stockflow_app;
