// Package data keeps the ledger in one SQLite file: schema and migrations, queries, the
// hash-chained timeline, backups and checks.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"duebook/app"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the SQLite ledger. One connection writes (SQLite allows one writer); a small pool reads.
type Store struct {
	path  string
	w     *sql.DB
	r     *sql.DB
	clock app.Clock
	rec   recorder // the record of values and the anchor file
}

// SetClock fixes the clock the store uses for "today" in lists (tests and --as-of runs).
func (s *Store) SetClock(c app.Clock) { s.clock = c }

func (s *Store) today() app.Date { return app.DateOf(s.clock.Now(), time.Local) }

var _ app.Store = (*Store)(nil)

const sqliteHeader = "SQLite format 3\x00"

// Open opens or creates the ledger at path, migrating it to this build's schema. It refuses a
// file that is not SQLite, one it cannot write, and one written by a newer Duebook.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, app.Errorf(app.CodeInvalid, "no database file was named")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, app.Wrap(app.CodeStorage, err, "cannot find %s", path)
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, app.Wrap(app.CodeStorage, err, "cannot create the folder for %s", abs)
	}
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, app.Wrap(app.CodeStorage, err, "cannot open %s", abs)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: abs, w: w, clock: app.SystemClock{}}
	if err := s.migrate(); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		w.Close()
		return nil, app.Wrap(app.CodeStorage, err, "cannot open %s for reading", abs)
	}
	r.SetMaxOpenConns(max(2, runtime.NumCPU()))
	s.r = r
	return s, nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)") // a payment the owner saw saved survives a power cut
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "cache_size(-32768)")
	} else {
		// A large page cache keeps big imports from spilling pages mid-transaction.
		q.Add("_pragma", "cache_size(-131072)")
		// Statement journals of multi-row writes stay in memory instead of a temporary file.
		q.Add("_pragma", "temp_store(2)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// checkFile refuses, with a sentence, a file that is not SQLite or that cannot be written.
func checkFile(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot read %s", path)
	}
	if st.IsDir() {
		return app.Errorf(app.CodeStorage, "%s is a folder, not a Duebook file", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return app.Wrap(app.CodeStorage, err, "%s is read-only; Duebook needs to write to it (copy it somewhere you can write, or change its permissions)", path)
		}
		return app.Wrap(app.CodeStorage, err, "cannot open %s", path)
	}
	defer f.Close()
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte(sqliteHeader)) {
		return app.Errorf(app.CodeStorage, "%s is not a Duebook file (it is not an SQLite database)", path)
	}
	return nil
}

// Path is the file the store keeps.
func (s *Store) Path() string { return s.path }

// Close closes both pools.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	return errors.Join(errs...)
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s is not numbered", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrationSeeds fill in what a migration's tables start with, in the migration's transaction.
var migrationSeeds = map[int]func(*sql.Tx) error{
	2: seedCollections,
	5: seedRates,
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, _ := migrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the missing migrations, each in its own transaction.
func (s *Store) migrate() error {
	ms, err := migrations()
	if err != nil {
		return app.Wrap(app.CodeInternal, err, "the built-in schema is broken")
	}
	if _, err := s.w.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		if strings.Contains(err.Error(), "not a database") || strings.Contains(err.Error(), "file is encrypted") {
			return app.Wrap(app.CodeStorage, err, "%s is not a Duebook file (it is not an SQLite database)", s.path)
		}
		if strings.Contains(err.Error(), "readonly") || strings.Contains(err.Error(), "read-only") {
			return app.Wrap(app.CodeStorage, err, "%s is read-only; Duebook needs to write to it", s.path)
		}
		return app.Wrap(app.CodeStorage, err, "cannot use %s", s.path)
	}
	var current int
	if err := s.w.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot read the schema version of %s", s.path)
	}
	latest := ms[len(ms)-1].version
	if current > latest {
		return app.Errorf(app.CodeUnsupported, "%s was written by a newer Duebook (schema %d; this one knows up to %d); please update Duebook to open it", s.path, current, latest)
	}
	if current == 0 {
		var n int
		if err := s.w.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('schema_migrations')`).Scan(&n); err == nil && n > 0 {
			return app.Errorf(app.CodeStorage, "%s is an SQLite database of another program, not a Duebook file", s.path)
		}
	}
	s.rec.migrating = true // the last step records the whole book, with its new columns
	defer func() { s.rec.migrating = false }()
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		err := s.tx(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.Exec(m.sql); err != nil {
				return err
			}
			if seed := migrationSeeds[m.version]; seed != nil {
				if err := seed(tx); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.version, m.name, nowText()); err != nil {
				return err
			}
			if m.version == latest {
				return s.sealMigration(tx)
			}
			return nil
		})
		if err != nil {
			return app.Wrap(app.CodeStorage, err, "cannot bring %s up to date (step %s)", s.path, m.name)
		}
	}
	return nil
}

func nowText() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// tx runs fn in one immediate transaction on the writer, committing only if fn succeeds, with
// the record of the values it wrote; the anchor file follows the new head of the timeline.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.rec.mu.Lock() // the record's state follows the one writer connection
	defer s.rec.mu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return storageErr(err, "cannot start writing to the database")
	}
	if err := s.beginValues(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	sealed, err := s.sealValues(tx)
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return storageErr(err, "cannot save to the database")
	}
	sealed()
	s.updateAnchor()
	return nil
}

// storageErr turns a driver error into an owner-facing one, keeping typed errors as they are.
func storageErr(err error, msg string) error {
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	s := err.Error()
	switch {
	case strings.Contains(s, "readonly") || strings.Contains(s, "read-only"):
		return app.Wrap(app.CodeStorage, err, "%s: the file is read-only", msg)
	case strings.Contains(s, "disk is full") || strings.Contains(s, "SQLITE_FULL"):
		return app.Wrap(app.CodeStorage, err, "%s: the disk is full", msg)
	case strings.Contains(s, "database is locked") || strings.Contains(s, "SQLITE_BUSY"):
		return app.Wrap(app.CodeStorage, err, "%s: another program is using the file", msg)
	case strings.Contains(s, "UNIQUE constraint"):
		return app.Wrap(app.CodeConflict, err, "%s: it already exists", msg)
	case strings.Contains(s, "integer overflow"):
		return app.Wrap(app.CodeInvalid, err, "%s: the sum is too large", msg)
	}
	return app.Wrap(app.CodeStorage, err, "%s", msg)
}

func dateText(d app.Date) string { return d.String() }

func parseDate(s string) app.Date {
	if s == "" {
		return app.Date{}
	}
	d, err := app.ParseISODate(s)
	if err != nil {
		return app.Date{}
	}
	return d
}
