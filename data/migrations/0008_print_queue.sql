-- Letters approved but not yet written to a file. A letter counts as printed only once the
-- printer's file holding it is on disk; until then Today and `duebook print` list it and
-- print it again from its stored bytes. Letters printed before this table existed were
-- written by the run that approved them.
CREATE TABLE print_queue (
    sha256      TEXT PRIMARY KEY REFERENCES documents(sha256),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    customer    TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    stage       TEXT NOT NULL,
    pages       INTEGER NOT NULL CHECK (pages >= 0),
    on_date     TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    printed_at  TEXT,
    file        TEXT
) STRICT;

CREATE INDEX print_queue_pending ON print_queue(postal_code, customer) WHERE printed_at IS NULL;
