-- Collections: ladders, the day's decisions, promises, disputes, plans, calls, charges, rates.
CREATE TABLE policies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    stages     TEXT NOT NULL, -- JSON list of stages
    created_at TEXT NOT NULL
) STRICT;

ALTER TABLE customers ADD COLUMN policy_id INTEGER REFERENCES policies (id);
ALTER TABLE customers ADD COLUMN tone TEXT NOT NULL DEFAULT '';          -- the owner's choice; '' lets the rule decide
ALTER TABLE customers ADD COLUMN hold_until TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN hold_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN rush_since TEXT NOT NULL DEFAULT '';    -- a promise or plan broke: next stage at once
ALTER TABLE customers ADD COLUMN contract_rate INTEGER NOT NULL DEFAULT 0; -- agreed interest, basis points a year

ALTER TABLE invoices ADD COLUMN stage INTEGER NOT NULL DEFAULT 0;        -- the last ladder stage reached
ALTER TABLE invoices ADD COLUMN stage_on TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN handed_off TEXT NOT NULL DEFAULT '';     -- the day it was handed off

-- One row per decision on a proposed action: approved, skipped or snoozed.
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    on_date     TEXT NOT NULL,
    currency    TEXT NOT NULL,
    stage       INTEGER NOT NULL,
    stage_name  TEXT NOT NULL,
    channel     TEXT NOT NULL,
    tone        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    invoices    TEXT NOT NULL, -- JSON list of invoice numbers
    decision    TEXT NOT NULL CHECK (decision IN ('approved', 'skipped', 'snoozed')),
    reason      TEXT NOT NULL DEFAULT '',
    deadline    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (customer_id, currency, stage, on_date)
) STRICT;
CREATE INDEX actions_day ON actions (on_date);

CREATE TABLE promises (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    currency    TEXT NOT NULL,
    made_on     TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    grace_days  INTEGER NOT NULL CHECK (grace_days >= 0),
    state       TEXT NOT NULL CHECK (state IN ('open', 'kept', 'broken')),
    settled_on  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX promises_open ON promises (customer_id) WHERE state = 'open';

CREATE TABLE disputes (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices (id),
    opened_on   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    resolved_on TEXT NOT NULL DEFAULT '',
    resolution  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX disputes_open ON disputes (invoice_id) WHERE resolved_on = '';

CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    currency     TEXT NOT NULL,
    total        INTEGER NOT NULL CHECK (total > 0),
    down_payment INTEGER NOT NULL,
    installments INTEGER NOT NULL,
    frequency    TEXT NOT NULL,
    first_due    TEXT NOT NULL,
    grace_days   INTEGER NOT NULL,
    resume_stage INTEGER NOT NULL DEFAULT 0,
    state        TEXT NOT NULL CHECK (state IN ('active', 'completed', 'broken')),
    created_on   TEXT NOT NULL,
    settled_on   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX plans_active ON plans (customer_id) WHERE state = 'active';

CREATE TABLE plan_invoices (
    plan_id    INTEGER NOT NULL REFERENCES plans (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (plan_id, invoice_id)
) STRICT;
CREATE INDEX plan_invoices_invoice ON plan_invoices (invoice_id);

CREATE TABLE installments (
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    number  INTEGER NOT NULL,
    due_on  TEXT NOT NULL,
    amount  INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (plan_id, number)
) STRICT;

CREATE TABLE calls (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    at          TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    inbound     INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX calls_customer ON calls (customer_id, at);

-- Fees, interest and compensation: each its own row, never a rewrite of the invoice.
CREATE TABLE charges (
    id         INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    kind       TEXT NOT NULL CHECK (kind IN ('fee', 'interest', 'compensation')),
    period_from TEXT NOT NULL DEFAULT '',
    period_to  TEXT NOT NULL DEFAULT '',
    rate       INTEGER NOT NULL DEFAULT 0,
    basis      TEXT NOT NULL DEFAULT '',
    principal  INTEGER NOT NULL DEFAULT 0,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    currency   TEXT NOT NULL,
    created_on TEXT NOT NULL,
    action_id  INTEGER REFERENCES actions (id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX charges_invoice ON charges (invoice_id);

CREATE TABLE rates (
    series    TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL DEFAULT '',
    rate      INTEGER NOT NULL,
    PRIMARY KEY (series, from_date)
) STRICT;
