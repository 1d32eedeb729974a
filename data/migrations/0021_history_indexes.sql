-- The insight reports read every customer's invoices, approved ladder steps and payments of the
-- period in customer order. Indexes that hold every column those reads take let SQLite walk
-- them alone, instead of looking up the table row behind each entry (at 1M invoices that was
-- most of the effectiveness report's time).
-- The invoices' index begins as invoices_customer did, so it serves that index's queries too.
DROP INDEX invoices_customer;
CREATE INDEX invoices_history ON invoices (customer_id, due_date, paid, amount, last_paid_on, issue_date, handed_off, currency, number);
CREATE INDEX actions_history ON actions (customer_id, on_date, stage, channel, tone, stage_name, invoices)
WHERE decision = 'approved' AND stage > 0;
-- The method tells credit notes (no money in) from payments.
DROP INDEX payments_customer;
CREATE INDEX payments_customer ON payments (customer_id, received_on, method);
CREATE INDEX allocations_history ON allocations (payment_id, invoice_id, amount);
