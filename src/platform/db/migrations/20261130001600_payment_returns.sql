-- 退票: the bank returns a payment (a wrong or closed account). The payment row stays, marked
-- returned with the movement that undid it; the application goes back to 待拨付 with its money
-- reserved again, and is paid anew with a new idempotency key once the enterprise has corrected
-- its account. "Paid once" now means one payment that has not been returned.
ALTER TABLE payments ADD COLUMN returned_at timestamptz;
ALTER TABLE payments ADD COLUMN return_note text;
ALTER TABLE payments ADD COLUMN return_movement_id bigint REFERENCES ledger_movements(id);
ALTER TABLE payments ADD CONSTRAINT payments_return_complete
  CHECK ((returned_at IS NULL) = (return_movement_id IS NULL) AND (returned_at IS NULL) = (return_note IS NULL));
DROP INDEX payments_one_per_application;
CREATE UNIQUE INDEX payments_one_live_per_application ON payments (application_id) WHERE returned_at IS NULL;
