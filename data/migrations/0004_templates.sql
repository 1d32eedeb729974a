-- The owner's edits of letter templates, every version kept; the newest counts.
CREATE TABLE templates (
    kind       TEXT NOT NULL,
    tone       TEXT NOT NULL,
    lang       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, tone, lang, version)
) STRICT;
