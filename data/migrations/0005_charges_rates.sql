-- Correct to the cent: charges are paid (in the profile's order) and may be set off; rate entries
-- are versioned and each table says how far it is confirmed; German consumers' default terms.

-- Charges: what is claimed, what is set off against the flat sum, what is paid, and what the
-- charge rests on as data. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE charges_v5 (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices (id),
    kind        TEXT NOT NULL CHECK (kind IN ('fee', 'interest', 'compensation')),
    period_from TEXT NOT NULL DEFAULT '',
    period_to   TEXT NOT NULL DEFAULT '',
    start_on    TEXT NOT NULL DEFAULT '',
    rate        INTEGER NOT NULL DEFAULT 0,
    ref_rate    INTEGER NOT NULL DEFAULT 0,
    margin      INTEGER NOT NULL DEFAULT 0,
    rate_id     INTEGER,
    rule        TEXT NOT NULL DEFAULT '',
    stage_name  TEXT NOT NULL DEFAULT '',
    basis       TEXT NOT NULL DEFAULT '',
    principal   INTEGER NOT NULL DEFAULT 0,
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    set_off     INTEGER NOT NULL DEFAULT 0 CHECK (set_off >= 0),
    paid        INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL,
    created_on  TEXT NOT NULL,
    action_id   INTEGER REFERENCES actions (id),
    created_at  TEXT NOT NULL,
    CHECK (amount > 0 OR set_off > 0),
    CHECK (paid >= 0 AND paid <= amount)
) STRICT;
INSERT INTO charges_v5 (id, invoice_id, kind, period_from, period_to, rate, basis, principal, amount, currency, created_on, action_id, created_at)
    SELECT id, invoice_id, kind, period_from, period_to, rate, basis, principal, amount, currency, created_on, action_id, created_at FROM charges;
DROP TABLE charges;
ALTER TABLE charges_v5 RENAME TO charges;
CREATE INDEX charges_invoice ON charges (invoice_id);
CREATE INDEX charges_open ON charges (invoice_id) WHERE paid < amount;

-- A payment (or credit) applied to a charge, beside the allocations to invoices' principal.
CREATE TABLE charge_allocations (
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    charge_id  INTEGER NOT NULL REFERENCES charges (id),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (payment_id, charge_id)
) STRICT;
CREATE INDEX charge_allocations_charge ON charge_allocations (charge_id);

-- Rate entries are never edited in place: a change supersedes an entry with a new version.
CREATE TABLE rate_entries (
    id            INTEGER PRIMARY KEY,
    series        TEXT NOT NULL,
    from_date     TEXT NOT NULL,
    to_date       TEXT NOT NULL DEFAULT '',
    rate          INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    source        TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    superseded_at TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX rate_entries_active ON rate_entries (series, from_date) WHERE superseded_at = '';

-- How far each rate table is known to be complete.
CREATE TABLE rate_series (
    series            TEXT PRIMARY KEY,
    confirmed_through TEXT NOT NULL
) STRICT;

-- When a German consumer falls into default on an invoice ('' follows the profile), and the day
-- of the first reminder that may have put them there.
ALTER TABLE invoices ADD COLUMN default_term TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN first_reminder_on TEXT NOT NULL DEFAULT '';
UPDATE invoices SET first_reminder_on = coalesce((
    SELECT min(a.on_date) FROM actions a, json_each(a.invoices) j
    WHERE a.customer_id = invoices.customer_id AND a.decision = 'approved' AND j.value = invoices.number
      AND a.channel IN ('letter', 'email', 'both') AND a.stage_name NOT LIKE 'courtesy%'), '')
WHERE stage > 0;
