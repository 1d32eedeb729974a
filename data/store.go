// Package data keeps the ledger in one SQLite file: schema and migrations, queries, the
// hash-chained timeline, backups and checks.
package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"duebook/app"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the SQLite ledger. One connection writes (SQLite allows one writer); a small pool reads.
type Store struct {
	path       string
	w          *sql.DB
	r          *sql.DB
	clock      app.Clock
	readOnly   bool                  // opened with OpenReadOnly: every write is refused
	damage     atomic.Pointer[error] // set once damage is found: every write is refused
	damageSeen atomic.Int64          // damageFound when this store last looked at its file
	rec        recorder              // the record of values and the anchor file
	readers    int                   // connections of the read pool: the insight reads that many parts at once
}

// SetClock fixes the clock the store uses for "today" in lists (tests and --as-of runs).
func (s *Store) SetClock(c app.Clock) { s.clock = c }

func (s *Store) today() app.Date { return app.DateOf(s.clock.Now(), time.Local) }

var _ app.Store = (*Store)(nil)

// Open opens or creates the ledger at path, migrating it to this build's schema. Before
// anything is written it refuses a file that is not a Duebook book (another program's database
// included), an empty file (damaged), one written by a newer Duebook, and a book it cannot write
// (CodeReadOnly: OpenReadOnly still reads it). A new book is readable by the owner only.
func Open(path string) (*Store, error) {
	abs, err := absPath(path)
	if err != nil {
		return nil, err
	}
	exists, err := inspectFile(abs)
	if err != nil {
		return nil, err
	}
	if !exists {
		if err := createBook(abs); err != nil {
			return nil, err
		}
	}
	if err := ensureWritable(abs); err != nil {
		return nil, err
	}
	makePrivate(abs)
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, app.Wrap(app.CodeStorage, err, "cannot open %s", abs)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: abs, w: w, clock: app.SystemClock{}}
	s.damageSeen.Store(damageFound.Load())
	if d := noteFound(abs); d != nil {
		s.damage.Store(&d) // found damaged before: it may still be read, never written
	}
	if err := s.migrate(); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		w.Close()
		return nil, app.Wrap(app.CodeStorage, err, "cannot open %s for reading", abs)
	}
	r.SetMaxOpenConns(readConns)
	s.readers = readConns
	s.r = r
	return s, nil
}

// Memory: every connection keeps its own page cache, and SQLite's allocator gives a 4 KB page
// with its header an 8 KB block, so a cache costs about twice its nominal size. The window
// reads with at most two queries at a time (a screen and the Dashboard), and the operating
// system caches the file anyway: the small caches measured no slower and save hundreds of
// megabytes (docs/benchmarks.md). The daily backup and the check read the whole file on a
// connection of their own (wholeFile).
const (
	readConns     = 2    // read connections at most, whatever the number of cores
	readCacheKiB  = 8192 // nominal page cache per read connection
	writeCacheKiB = 8192 // nominal page cache of the writing connection
)

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)") // a payment the owner saw saved survives a power cut
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", readCacheKiB))
	} else {
		// Imports set their own cache and let SQLite write the surplus to the log as they go.
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", writeCacheKiB))
		// Statement journals of multi-row writes stay in memory instead of a temporary file.
		q.Add("_pragma", "temp_store(2)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path is the file the store keeps.
func (s *Store) Path() string { return s.path }

// Close closes both pools. When damage was reported while the book was open, it looks at its
// file first, so that a damaged book keeps its note for later runs.
func (s *Store) Close() error {
	if !s.readOnly && s.damage.Load() == nil && damageFound.Load() != s.damageSeen.Load() {
		s.QuickCheck()
	}
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
		return classify(err, s.path, "cannot use "+s.path)
	}
	var current int
	if err := s.w.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return classify(err, s.path, "cannot read the schema version of "+s.path)
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
	return s.markBook()
}

// markBook sets Duebook's mark in the file's header, once: books written before the mark
// existed get it here.
func (s *Store) markBook() error {
	var id int64
	if err := s.w.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil {
		return classify(err, s.path, "cannot read "+s.path)
	}
	if id == appID {
		return nil
	}
	err := s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d`, appID))
		return err
	})
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot mark %s as a Duebook book", s.path)
	}
	return nil
}

func nowText() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// tx runs fn in one immediate transaction on the writer, committing only if fn succeeds, with
// the record of the values it wrote; the anchor file follows the new head of the timeline. A
// book open read-only or found damaged refuses before anything starts.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	start := time.Now()
	if err := s.canWrite(); err != nil {
		return err
	}
	s.rec.mu.Lock() // the record's state follows the one writer connection
	defer s.rec.mu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.noteDamage(storageErr(err, "cannot start writing to the database"))
	}
	if err := s.beginValues(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		slog.Debug("write", "use", writeUse(), "ms", time.Since(start).Milliseconds(), "outcome", "rolled back", "cause", app.Cause(err))
		return s.noteDamage(err)
	}
	sealed, err := s.sealValues(tx)
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.noteDamage(storageErr(err, "cannot save to the database"))
	}
	sealed()
	s.updateAnchor()
	slog.Debug("write", "use", writeUse(), "ms", time.Since(start).Milliseconds())
	return nil
}

// writeUse names the store method a transaction serves, for the log.
func writeUse() string {
	pc, _, _, ok := runtime.Caller(2)
	if !ok {
		return "?"
	}
	name := runtime.FuncForPC(pc).Name()
	return name[strings.LastIndex(name, "/")+1:]
}

// storageErr turns a driver error into an owner-facing one, keeping typed errors as they are.
func storageErr(err error, msg string) error {
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	switch sqliteCode(err) {
	case sqliteCorrupt, sqliteNotADB:
		damageFound.Add(1)
		return app.Wrap(app.CodeDamaged, err, "%s: %s", msg, damageSentence)
	case sqliteReadOnly:
		return app.Wrap(app.CodeReadOnly, err, "%s: the book is read-only", msg)
	case sqliteFull:
		return app.Wrap(app.CodeStorage, err, "%s: the disk is full", msg)
	case sqliteBusy, sqliteLocked:
		return app.Wrap(app.CodeStorage, err, "%s: another program is using the file", msg)
	}
	switch {
	case isUnique(err):
		return app.Wrap(app.CodeConflict, err, "%s: it already exists", msg)
	case sqliteCode(err) == 1 && strings.Contains(err.Error(), "integer overflow"):
		// SQLite gives a sum too large for 64 bits no code of its own.
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
