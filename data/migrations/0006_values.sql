-- The record of stored values: every write of money or a decision adds, in its own transaction,
-- the new values of each row it changed. One timeline event seals the rows a transaction added
-- (kind 'values', or 'baseline' for a record of the whole book) with their id range, count and
-- SHA-256, so the hash chain covers them and `check` can replay them against the tables.
CREATE TABLE changes (
    id   INTEGER PRIMARY KEY,
    tbl  TEXT NOT NULL,
    k1   ANY NOT NULL,
    k2   ANY NOT NULL,
    vals TEXT -- the row's columns as a JSON array, in table order; NULL: the row was deleted
) STRICT;
CREATE INDEX changes_row ON changes (tbl, k1, k2, id);
CREATE INDEX events_values ON events (id) WHERE kind IN ('values', 'baseline');
CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the record of values is append-only'); END;
CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the record of values is append-only'); END;
