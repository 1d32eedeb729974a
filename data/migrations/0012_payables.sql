-- The shop's own bills, which the cash-flow forecast sets against what customers will pay.
CREATE TABLE payables (
    id         INTEGER PRIMARY KEY,
    supplier   TEXT NOT NULL CHECK (length(supplier) > 0),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    currency   TEXT NOT NULL CHECK (length(currency) = 3),
    due_date   TEXT NOT NULL,
    paid_on    TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payables_open ON payables (due_date) WHERE paid_on = '';
