-- Payment terms (net days, an early-payment discount) per customer and per invoice, and the
-- adjustments that settle an invoice without money: a discount taken inside its window and a
-- write-off. The invoice's paid amount counts both, so it leaves the balance and the ladder,
-- while its payments stay what was received.
ALTER TABLE customers ADD COLUMN net_days INTEGER NOT NULL DEFAULT 0;       -- 0: not agreed
ALTER TABLE customers ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0;    -- basis points: 200 is 2 %
ALTER TABLE customers ADD COLUMN discount_days INTEGER NOT NULL DEFAULT 0;  -- days from the issue date
ALTER TABLE invoices ADD COLUMN net_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN discount_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN written_off TEXT NOT NULL DEFAULT '';       -- the day it was written off

CREATE TABLE adjustments (
    id         INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    charge_id  INTEGER REFERENCES charges (id),   -- NULL: the invoice's principal
    kind       TEXT NOT NULL CHECK (kind IN ('discount', 'writeoff')),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    on_date    TEXT NOT NULL,
    payment_id INTEGER REFERENCES payments (id),  -- the payment that earned a discount
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX adjustments_invoice ON adjustments (invoice_id);
