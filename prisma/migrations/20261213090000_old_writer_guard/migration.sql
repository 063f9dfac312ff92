-- Hand-written: the previous release may not fulfil, cancel or close what it would get wrong (docs/architecture.md
-- §6 "Older writers", §11 rolling deploys).
--
-- The previous release knows nothing of per-line quantities: fulfilling, it ships (or receives) each line's requested
-- `quantity`; cancelling, it releases the requested `quantity` from the reservations. For a request this release
-- approved with lower quantities that ships more than was approved and can release other orders' reservations; for
-- a partly fulfilled one it would ship again what already left. So leaving APPROVED or PARTIALLY_FULFILLED is refused
-- to a writer that has not said it knows per-line quantities while any line was approved lower than requested or has
-- something fulfilled. The refusal aborts the writer's transaction, and the previous release moves stock and
-- reservations before it moves the status, so all of it rolls back: nothing shipped, released or recorded, and the
-- person tries again (on an instance of this release, once the deploy has replaced theirs). A request approved whole
-- and not yet fulfilled is still the previous release's to fulfil or cancel: it gets those right.
--
-- This release says it on every transaction (withTenantTx: `set_config('app.line_quantities', 'on', true)`, next
-- to the company, transaction-local so it never outlives the transaction on a pooled or PgBouncer connection).
-- Writers that never set it: the previous release, and SQL by hand, which must say it too to make such a move.
-- What the trigger already did stays: a request moved to APPROVED or FULFILLED without per-line quantities is filled
-- in whole. The refusal is checked first, before anything is filled in.
CREATE OR REPLACE FUNCTION order_lines_whole_quantities() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public
AS $$
BEGIN
  IF OLD.status IN ('APPROVED', 'PARTIALLY_FULFILLED')
     AND current_setting('app.line_quantities', true) IS DISTINCT FROM 'on' THEN
    IF EXISTS (SELECT 1
                 FROM order_lines
                WHERE company_id = NEW.company_id AND order_id = NEW.id
                  AND (approved_quantity < quantity OR fulfilled_quantity > 0)) THEN
      RAISE EXCEPTION 'REQ-% (%) was approved with lower quantities or is partly fulfilled: a writer that does not know per-line quantities may not move it from % to %',
          lpad(NEW.number::text, 6, '0'), NEW.id, OLD.status, NEW.status
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'An instance of the previous release during a rolling deploy. Nothing was changed: try again on an instance of the current release.';
    END IF;
  END IF;
  IF NEW.status IN ('APPROVED', 'FULFILLED') THEN
    UPDATE order_lines
       SET approved_quantity = quantity
     WHERE company_id = NEW.company_id AND order_id = NEW.id AND approved_quantity IS NULL;
  END IF;
  IF NEW.status = 'FULFILLED' THEN
    UPDATE order_lines
       SET fulfilled_quantity = approved_quantity
     WHERE company_id = NEW.company_id AND order_id = NEW.id AND fulfilled_quantity < approved_quantity;
  END IF;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION order_lines_whole_quantities() FROM PUBLIC;

-- Fires on leaving APPROVED or PARTIALLY_FULFILLED as well as on reaching APPROVED or FULFILLED.
CREATE OR REPLACE TRIGGER order_requests_whole_quantities
  AFTER UPDATE OF status ON order_requests
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        AND (NEW.status IN ('APPROVED', 'FULFILLED') OR OLD.status IN ('APPROVED', 'PARTIALLY_FULFILLED')))
  EXECUTE FUNCTION order_lines_whole_quantities();
