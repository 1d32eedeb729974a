package data

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"duebook/app"
)

// appID marks a file as a Duebook book in SQLite's header (PRAGMA application_id): "Dueb".
// Books written before it was set carry 0 and are recognised by their migrations table.
const appID = 0x44756562

const sqliteHeader = "SQLite format 3\x00"

// inspectFile decides, by reading only, whether path may be opened as a book: it reports
// whether a file is there, and refuses a folder, an empty file (damaged: a book is never empty),
// a file that is not SQLite and another program's database.
func inspectFile(path string) (exists bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, app.Wrap(app.CodeStorage, err, "cannot read %s", path)
	}
	if st.IsDir() {
		return true, app.Errorf(app.CodeStorage, "%s is a folder, not a Duebook file", path)
	}
	if st.Size() == 0 {
		return true, app.Errorf(app.CodeDamaged, "%s is empty (0 bytes): the book is damaged, perhaps by a copy or a disk that stopped half-way. Nothing was written to it; restore the newest backup that passes the check", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return true, app.Wrap(app.CodeStorage, err, "cannot read %s", path)
	}
	head := make([]byte, 100)
	_, rerr := io.ReadFull(f, head)
	f.Close()
	if rerr != nil || !bytes.HasPrefix(head, []byte(sqliteHeader)) {
		return true, app.Errorf(app.CodeStorage, "%s is not a Duebook file (it is not an SQLite database); Duebook left it as it is", path)
	}
	switch id := binary.BigEndian.Uint32(head[68:72]); id {
	case appID:
		return true, nil
	case 0:
		return true, checkLegacyBook(path)
	default:
		return true, app.Errorf(app.CodeStorage, "%s is an SQLite database of another program, not a Duebook file; Duebook left it as it is", path)
	}
}

// checkLegacyBook accepts an SQLite file without Duebook's mark only when it holds Duebook's
// first migration: a book written before the mark existed. It reads without writing.
func checkLegacyBook(path string) error {
	db, err := sql.Open("sqlite", roDSN(path, !hasWAL(path)))
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot read %s", path)
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
	if err != nil {
		return classify(err, path, "cannot read "+path)
	}
	var first string
	if n == 1 {
		err = db.QueryRow(`SELECT name FROM schema_migrations WHERE version = 1`).Scan(&first)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return classify(err, path, "cannot read "+path)
		}
	}
	ms, _ := migrations()
	if len(ms) == 0 || first != ms[0].name {
		return app.Errorf(app.CodeStorage, "%s is an SQLite database of another program, not a Duebook file; Duebook left it as it is", path)
	}
	return nil
}

// hasWAL tells whether a write-ahead log with content lies beside path: then it must be read.
func hasWAL(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}

// roDSN opens path for reading only. Immutable writes nothing at all, not even SQLite's shared
// memory file, but does not read a write-ahead log: only for a book whose log is checkpointed.
func roDSN(path string, immutable bool) string {
	q := url.Values{}
	q.Set("mode", "ro")
	if immutable {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// createBook writes a new, empty book at path: created under a temporary name, readable by the
// owner only, marked as Duebook's and brought to the current schema, then renamed into place,
// so the name never holds a half-made book.
func createBook(path string) error {
	if exists(path + "-wal") {
		// SQLite would read that log into the new book: it belongs to a book that was moved.
		return app.Errorf(app.CodeConflict, "%s does not exist but its log %s-wal does; Duebook does not start a new book over it: move the log away, or restore the book", path, path)
	}
	if err := app.MkdirPrivate(filepath.Dir(path)); err != nil {
		return err
	}
	tmp := path + ".new.part"
	removeBookFiles(tmp)
	if err := app.WritePrivateFile(tmp, nil); err != nil {
		return readOnlyOr(err, path)
	}
	// A half-made temporary file is thrown away, so it needs no journal on disk and no flush per
	// step: it is flushed once, whole, before it takes the name.
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(MEMORY)")
	q.Add("_pragma", "synchronous(OFF)")
	q.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", "file:"+(&url.URL{Path: tmp}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		removeBookFiles(tmp)
		return app.Wrap(app.CodeStorage, err, "cannot create %s", path)
	}
	w.SetMaxOpenConns(1)
	s := &Store{path: path, w: w, clock: app.SystemClock{}}
	s.damageSeen.Store(damageFound.Load())
	err = s.migrate()
	if cerr := w.Close(); err == nil && cerr != nil {
		err = app.Wrap(app.CodeStorage, cerr, "cannot create %s", path)
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		removeBookFiles(tmp)
		return readOnlyOr(err, path)
	}
	return nil
}

// removeBookFiles deletes a temporary book, the journals SQLite kept beside it and its damage note.
func removeBookFiles(path string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm", ".damaged"} {
		os.Remove(path + suffix)
	}
}

// ensureWritable finds out, before anything is written, whether the book and its folder can be
// written (SQLite keeps its log beside the file). If not, the error has CodeReadOnly and the
// book can still be opened with OpenReadOnly.
func ensureWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return readOnlyOr(app.Wrap(app.CodeStorage, err, "cannot open %s", path), path)
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".duebook-probe-*.part")
	if err != nil {
		if isReadOnlyErr(err) {
			return app.Wrap(app.CodeReadOnly, err, "the folder of %s is read-only; Duebook needs to write beside the book (copy it somewhere you can write, or change the folder's permissions)", path)
		}
		return app.Wrap(app.CodeStorage, err, "cannot write in the folder of %s", path)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

func isReadOnlyErr(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// readOnlyOr turns a permission failure into the read-only error, and keeps any other.
func readOnlyOr(err error, path string) error {
	if isReadOnlyErr(err) {
		return app.Wrap(app.CodeReadOnly, err, "%s is read-only; Duebook needs to write to it (copy it somewhere you can write, or change its permissions)", path)
	}
	return err
}

// makePrivate narrows the book and SQLite's files beside it to the owner, for books made by a
// Duebook that left them readable by others. SQLite gives a new log the mode of the book.
func makePrivate(path string) {
	if runtime.GOOS == "windows" {
		return
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if st, err := os.Stat(path + suffix); err == nil && st.Mode().Perm()&0o077 != 0 {
			os.Chmod(path+suffix, st.Mode().Perm()&app.PrivateFileMode)
		}
	}
}

// OpenReadOnly opens a book for reading only, writing nothing to it or beside it where SQLite
// allows (a book with an unfinished log needs SQLite's shared-memory file). Every write is
// refused with CodeReadOnly. A book of an older Duebook is refused: bringing it up to date
// would write.
func OpenReadOnly(path string) (*Store, error) {
	abs, err := absPath(path)
	if err != nil {
		return nil, err
	}
	exists, err := inspectFile(abs)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, app.Errorf(app.CodeNotFound, "%s does not exist", abs)
	}
	s := &Store{path: abs, clock: app.SystemClock{}, readOnly: true}
	immutable := !hasWAL(abs)
	if s.w, err = s.openReader(abs, immutable); err != nil && !immutable {
		// The folder cannot take SQLite's shared-memory file: read the book as it lies.
		immutable = true
		s.w, err = s.openReader(abs, true)
	}
	if err != nil {
		return nil, err
	}
	s.w.SetMaxOpenConns(1)
	if s.r, err = sql.Open("sqlite", roDSN(abs, immutable)); err != nil {
		s.w.Close()
		return nil, app.Wrap(app.CodeStorage, err, "cannot open %s", abs)
	}
	s.r.SetMaxOpenConns(readConns)
	s.readers = readConns
	return s, nil
}

// openReader opens one read-only connection and checks that the book's schema is this build's.
func (s *Store) openReader(path string, immutable bool) (*sql.DB, error) {
	db, err := sql.Open("sqlite", roDSN(path, immutable))
	if err != nil {
		return nil, app.Wrap(app.CodeStorage, err, "cannot open %s", path)
	}
	var current int
	if err := db.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		db.Close()
		return nil, classify(err, path, "cannot read "+path)
	}
	latest := SchemaVersion()
	switch {
	case current > latest:
		db.Close()
		return nil, app.Errorf(app.CodeUnsupported, "%s was written by a newer Duebook (schema %d; this one knows up to %d); please update Duebook to open it", path, current, latest)
	case current < latest:
		db.Close()
		return nil, app.Errorf(app.CodeReadOnly, "%s was written by an older Duebook and must be brought up to date before it can be read, which needs to write to it: open it once where it can be written", path)
	}
	return db, nil
}

// ReadOnly tells whether the store was opened for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// readOnlyErr is the refusal of a write to a book open for reading only.
func (s *Store) readOnlyErr() error {
	return app.Errorf(app.CodeReadOnly, "%s is open read-only: nothing was changed. %s", s.path, app.ReadOnlyNote)
}

// absPath checks and cleans the name of a book.
func absPath(path string) (string, error) {
	if path == "" {
		return "", app.Errorf(app.CodeInvalid, "no database file was named")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", app.Wrap(app.CodeStorage, err, "cannot find %s", path)
	}
	return abs, nil
}
