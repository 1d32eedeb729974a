package data

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"duebook/app"

	"modernc.org/sqlite"
)

// SQLite's primary result codes that Duebook tells apart (https://sqlite.org/rescode.html).
const (
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteNotADB   = 26
)

// sqliteCode is the primary result code of a driver error, 0 for any other error.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isDamage(err error) bool {
	c := sqliteCode(err)
	return c == sqliteCorrupt || c == sqliteNotADB
}

// damageFound counts the damage SQLite reported in this process. Queries do not know their
// store, so a store that sees the count move looks at its own file before its next write.
var damageFound atomic.Int64

// damageSentence says what the owner reads about a damaged book.
const damageSentence = "the book is damaged: part of the file cannot be read (the disk or another program changed it; this is not an edit of the timeline). " +
	"Duebook writes nothing more to it. Restore the newest backup that passes the check (Settings, Backups, \"Restore a backup…\"; or duebook restore --from BACKUP); " +
	"the damaged file is then kept aside, never deleted"

// damageErr is the typed error of a damaged book.
func damageErr(path string, cause error) error {
	return app.Wrap(app.CodeDamaged, cause, "%s: %s", path, damageSentence)
}

// classify turns an error met while opening path into an owner-facing one.
func classify(err error, path, msg string) error {
	if isDamage(err) {
		damageFound.Add(1)
		return damageErr(path, err)
	}
	return storageErr(err, msg)
}

// canWrite refuses a write to a book open read-only or found damaged. When damage was reported
// anywhere since this store last looked, it first checks its own file.
func (s *Store) canWrite() error {
	if s.readOnly {
		return s.readOnlyErr()
	}
	if d := s.damage.Load(); d != nil {
		return *d
	}
	if n := damageFound.Load(); n != s.damageSeen.Load() {
		s.damageSeen.Store(n)
		return s.QuickCheck()
	}
	return nil
}

// noteDamage marks the store damaged when err is SQLite reporting damage, so that nothing more
// is written to it; it returns err (typed as damage) for the caller to pass on.
func (s *Store) noteDamage(err error) error {
	if err == nil || !isDamage(err) {
		return err
	}
	var ae *app.Error
	if errors.As(err, &ae) && ae.Code == app.CodeDamaged {
		err = ae.Err
	}
	return s.setDamage(damageErr(s.path, err))
}

// setDamage marks the store damaged (the first finding stays) and leaves a note beside the book,
// so that later runs refuse to write too until a backup is restored.
func (s *Store) setDamage(d error) error {
	if s.damage.CompareAndSwap(nil, &d) && !s.readOnly {
		note := fmt.Sprintf("%s\nDuebook found this book damaged at the time above and writes nothing more to it.\n%s\n", time.Now().UTC().Format(time.RFC3339), d)
		app.WritePrivateFile(damageNote(s.path), []byte(note)) // best effort: the refusal above holds anyway
	}
	return *s.damage.Load()
}

// damageNote is the file beside a book that says it was found damaged.
func damageNote(path string) string { return path + ".damaged" }

// noteFound reads the note of an earlier finding of damage, if there is one.
func noteFound(path string) error {
	b, err := os.ReadFile(damageNote(path))
	if err != nil {
		return nil
	}
	when, _, _ := strings.Cut(string(b), "\n")
	return app.Errorf(app.CodeDamaged, "%s: %s (found on %s; see %s)", path, damageSentence, when, damageNote(path))
}

// QuickCheck looks through the whole file for damage (SQLite's quick_check: the structure of
// every page, without the slower index comparison of the full check). It takes about a second
// per million invoices. A damaged book is marked so that nothing more is written to it.
func (s *Store) QuickCheck() error {
	if d := s.damage.Load(); d != nil {
		return *d
	}
	var problems []string
	err := s.wholeFile(func(db *sql.DB) error {
		rows, err := db.Query(`PRAGMA quick_check`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			if line != "ok" {
				problems = append(problems, strings.Split(line, "\n")...)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return s.noteDamage(classify(err, s.path, "cannot check "+s.path))
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = append(problems[:5], "…")
		}
		return s.setDamage(damageErr(s.path, errors.New(strings.Join(problems, "; "))))
	}
	return nil
}

// Extended result codes of constraint failures, so a failed write is told by what SQLite says it
// is, not by the wording of its message.
const (
	sqliteConstraintCheck      = 275
	sqliteConstraintForeignKey = 787
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
)

func extendedCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isUnique tells a write that broke a unique key (an invoice number taken, a decision made).
func isUnique(err error) bool {
	c := extendedCode(err)
	return c == sqliteConstraintUnique || c == sqliteConstraintPrimaryKey
}

// isForeignKey tells a write that names a row that does not exist (a customer deleted meanwhile).
func isForeignKey(err error) bool { return extendedCode(err) == sqliteConstraintForeignKey }

// isCheck tells a write that broke a CHECK constraint of the schema.
func isCheck(err error) bool { return extendedCode(err) == sqliteConstraintCheck }
