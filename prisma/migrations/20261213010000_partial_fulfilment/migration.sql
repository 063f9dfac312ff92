-- Hand-written (issue 15, item 1): partial approval, partial fulfilment and backorders (docs/architecture.md §6).
--
-- Each line keeps three quantities: what was requested (`quantity`, as before), what the approver allowed
-- (`approved_quantity`: NULL until the request is approved; never more than requested, 0 when the approver struck
-- the line) and what has been shipped or received so far (`fulfilled_quantity`, never more than approved). A request
-- with something still to come after a fulfilment is PARTIALLY_FULFILLED (a backorder); closing it with a reason
-- ends it as CLOSED, whatever is still outstanding then is not coming. The CHECKs hold the arithmetic for any
-- writer; the state machine and the conditional writes hold the rest.
ALTER TYPE "OrderStatus" ADD VALUE IF NOT EXISTS 'PARTIALLY_FULFILLED' AFTER 'APPROVED';
ALTER TYPE "OrderStatus" ADD VALUE IF NOT EXISTS 'CLOSED' AFTER 'FULFILLED';

ALTER TABLE order_lines
  ADD COLUMN approved_quantity INTEGER,
  ADD COLUMN fulfilled_quantity INTEGER NOT NULL DEFAULT 0;

-- Requests decided before partial quantities existed were approved (and fulfilled) whole. A cancelled request that
-- had been approved carries its decision; a rejected one approved nothing. FORCE ROW LEVEL SECURITY binds the owner
-- role this runs as, and no company is set here: lifted for the backfill and put back in the same transaction.
ALTER TABLE order_lines NO FORCE ROW LEVEL SECURITY;
ALTER TABLE order_requests NO FORCE ROW LEVEL SECURITY;
UPDATE order_lines l
   SET approved_quantity = l.quantity,
       fulfilled_quantity = CASE WHEN o.status = 'FULFILLED' THEN l.quantity ELSE 0 END
  FROM order_requests o
 WHERE o.company_id = l.company_id AND o.id = l.order_id
   AND (o.status IN ('APPROVED', 'FULFILLED') OR (o.status = 'CANCELLED' AND o.decided_at IS NOT NULL));
ALTER TABLE order_requests FORCE ROW LEVEL SECURITY;
ALTER TABLE order_lines FORCE ROW LEVEL SECURITY;

ALTER TABLE order_lines
  ADD CONSTRAINT order_lines_approved_quantity_range
    CHECK (approved_quantity IS NULL OR (approved_quantity >= 0 AND approved_quantity <= quantity)),
  ADD CONSTRAINT order_lines_fulfilled_quantity_range
    CHECK (fulfilled_quantity >= 0 AND fulfilled_quantity <= COALESCE(approved_quantity, 0));

-- The app role inserts and deletes lines (creating and editing a pending request); approving and fulfilling now
-- write these two columns, and nothing else of a line changes after it is written.
GRANT UPDATE (approved_quantity, fulfilled_quantity) ON order_lines TO stockflow_app;

-- A writer that predates partial quantities (the previous release's instances, during a rolling deploy) approves and
-- fulfils requests whole and writes neither column. So that such a request is never left with nothing approved or
-- still "to come" after it was fulfilled, moving a request to APPROVED fills each line's approved quantity it left
-- NULL with what was requested, and moving it to FULFILLED fills each line's fulfilled quantity up to what was
-- approved. Today's code writes both before the status moves, so for it these are no-ops. Runs as the writer (no
-- SECURITY DEFINER): row-level security and the column grants above apply as to the writer's own statements.
CREATE FUNCTION order_lines_whole_quantities() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public
AS $$
BEGIN
  UPDATE order_lines
     SET approved_quantity = quantity
   WHERE company_id = NEW.company_id AND order_id = NEW.id AND approved_quantity IS NULL;
  IF NEW.status = 'FULFILLED' THEN
    UPDATE order_lines
       SET fulfilled_quantity = approved_quantity
     WHERE company_id = NEW.company_id AND order_id = NEW.id AND fulfilled_quantity < approved_quantity;
  END IF;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION order_lines_whole_quantities() FROM PUBLIC;

CREATE TRIGGER order_requests_whole_quantities
  AFTER UPDATE OF status ON order_requests
  FOR EACH ROW
  WHEN (NEW.status IN ('APPROVED', 'FULFILLED') AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION order_lines_whole_quantities();
