-- The ledger: customers, invoices, payments, allocations, the timeline and documents.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('consumer', 'business')),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    name_key    TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    address1    TEXT NOT NULL DEFAULT '',
    address2    TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    phone_key   TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL DEFAULT '',
    since       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    flags       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX customers_name ON customers (name_key, id);
CREATE INDEX customers_phone ON customers (phone_key) WHERE phone_key <> '';

CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    issue_date   TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    paid         INTEGER NOT NULL DEFAULT 0,
    last_paid_on TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    external_ref TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CHECK (paid >= 0 AND paid <= amount),
    CHECK (due_date >= issue_date)
) STRICT;
CREATE INDEX invoices_customer ON invoices (customer_id, due_date);
-- Open invoices only: aging and the queue read these, never the paid history.
-- Covering, so aging never touches the table; ordered by due date for the overdue list.
CREATE INDEX invoices_open ON invoices (due_date, currency, amount, paid, issue_date, customer_id) WHERE paid < amount;
CREATE INDEX invoices_last_paid ON invoices (last_paid_on) WHERE last_paid_on <> '';
CREATE INDEX invoices_issue ON invoices (issue_date, currency, amount);

CREATE TABLE invoice_lines (
    invoice_id  INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    pos         INTEGER NOT NULL,
    description TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),
    tax_rate    INTEGER NOT NULL CHECK (tax_rate BETWEEN 0 AND 10000),
    PRIMARY KEY (invoice_id, pos)
) STRICT;

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    received_on TEXT NOT NULL,
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    method      TEXT NOT NULL,
    reference   TEXT NOT NULL DEFAULT '',
    unallocated INTEGER NOT NULL,
    import_key  TEXT UNIQUE,
    created_at  TEXT NOT NULL,
    CHECK (unallocated >= 0 AND unallocated <= amount)
) STRICT;
CREATE INDEX payments_customer ON payments (customer_id, received_on);
CREATE INDEX payments_credit ON payments (customer_id, currency) WHERE unallocated > 0;

CREATE TABLE allocations (
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (payment_id, invoice_id)
) STRICT;
CREATE INDEX allocations_invoice ON allocations (invoice_id);

-- The timeline is append-only; each row carries the hash of its content and a chain hash over the
-- row before it, so that an edit anywhere shows.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers (id),
    kind        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    data        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    chain       TEXT NOT NULL
) STRICT;
CREATE INDEX events_customer ON events (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;

-- Documents as sent (letters, emails, replies), stored once by content.
CREATE TABLE documents (
    sha256     TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    content    BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
