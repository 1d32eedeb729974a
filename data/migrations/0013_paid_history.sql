-- The cash-flow forecast reads how late each customer paid the invoices paid in full in the last
-- year: a covering index over just those keeps it a range scan, never a walk of every invoice.
CREATE INDEX invoices_paid_history ON invoices (last_paid_on, currency, customer_id, due_date, paid, amount, written_off)
WHERE paid = amount AND written_off = '';
