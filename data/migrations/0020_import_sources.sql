-- The original file of an import, kept once (its bytes in documents), and for each invoice it
-- created the row it came from: a hand-off can then enclose the invoice's rows of the original
-- file, and nobody else's.
CREATE TABLE import_files (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,                               -- the file's name as the owner chose it
    sha256      TEXT NOT NULL REFERENCES documents (sha256),
    encoding    TEXT NOT NULL DEFAULT '',                    -- as the owner chose it ('' = decided from the file)
    imported_at TEXT NOT NULL
) STRICT;
ALTER TABLE invoices ADD COLUMN source_file INTEGER REFERENCES import_files (id); -- NULL: not imported, or the file was not kept
ALTER TABLE invoices ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;           -- its first row in that file
