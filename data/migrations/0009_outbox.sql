-- The outbox: every email approved is stored as a document (its exact bytes) and queued here
-- before any attempt to send it. An email counts as sent only once the SMTP server accepted it;
-- one left in 'sending' by a crash is looked up in the Sent folder before it is tried again.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    message_id  TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    stage       TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES documents(sha256),
    refs        TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at     TEXT NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    filed       INTEGER NOT NULL DEFAULT 0 CHECK (filed IN (0, 1)),
    queued_at   TEXT NOT NULL,
    sent_at     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX outbox_due ON outbox(state, next_at);
CREATE INDEX outbox_customer ON outbox(customer_id, id);
CREATE INDEX outbox_sent_at ON outbox(sent_at) WHERE sent_at != '';

-- Messages picked up from the inbox: customers' replies and delivery reports, stored as received.
CREATE TABLE mail_replies (
    id          INTEGER PRIMARY KEY,
    uid         INTEGER NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    message_id  TEXT NOT NULL,
    sender      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES documents(sha256),
    bounce      INTEGER NOT NULL DEFAULT 0 CHECK (bounce IN (0, 1)),
    received_at TEXT NOT NULL,
    read_at     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX mail_replies_customer ON mail_replies(customer_id, id);
CREATE INDEX mail_replies_unread ON mail_replies(customer_id) WHERE read_at = '' AND bounce = 0;

-- An address that bounced, with when; cleared when the owner changes the address.
ALTER TABLE customers ADD COLUMN email_failing TEXT NOT NULL DEFAULT '';
