package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"duebook/app"
)

// CheckBackupFile tells whether the file in path is a readable, intact Duebook book, reading
// only: Duebook's mark, SQLite's quick check of every page, and a timeline that can be read.
// It is lighter than VerifyBackup (no copy, no hash recomputed), for lists and for a copy just
// written. A file that fails has CodeDamaged.
func CheckBackupFile(path string) error {
	if _, err := inspectFile(path); err != nil {
		return app.Wrap(app.CodeDamaged, err, "%s", strings.TrimSuffix(app.Sentence(err), "."))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot find %s", path)
	}
	db, err := sql.Open("sqlite", roDSN(abs, !hasWAL(abs)))
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot read %s", abs)
	}
	defer db.Close()
	rows, err := db.Query(`PRAGMA quick_check`)
	if err != nil {
		return app.Wrap(app.CodeDamaged, err, "it cannot be read as a book")
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return app.Wrap(app.CodeDamaged, err, "it cannot be read as a book")
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return app.Wrap(app.CodeDamaged, err, "it cannot be read as a book")
	}
	if len(problems) > 0 {
		return app.Wrap(app.CodeDamaged, errors.New(strings.Join(capped(problems), "; ")), "it is damaged (SQLite's check finds %d problems)", len(problems))
	}
	if _, err := headOf(db); err != nil {
		return app.Wrap(app.CodeDamaged, err, "its timeline cannot be read")
	}
	return nil
}

// checked remembers the result of CheckBackupFile per file as long as its size and time are
// the same, so that Settings lists fourteen backups of a large book at once the second time.
var checked = struct {
	sync.Mutex
	m map[string]checkedFile
}{m: map[string]checkedFile{}}

type checkedFile struct {
	size    int64
	mod     time.Time
	problem string
}

// cachedProblem is what the last check of path found, when the file has not changed since.
func cachedProblem(path string, st os.FileInfo) (problem string, ok bool) {
	checked.Lock()
	defer checked.Unlock()
	c, ok := checked.m[path]
	if !ok || c.size != st.Size() || !c.mod.Equal(st.ModTime()) {
		return "", false
	}
	return c.problem, true
}

// CheckBackup checks one backup (or takes the result of an earlier check of the same file) and
// tells what is wrong with it: "" when it is a readable, intact Duebook book.
func CheckBackup(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", app.Wrap(app.CodeNotFound, err, "the backup %s cannot be found", path)
	}
	if problem, ok := cachedProblem(path, st); ok {
		return problem, nil
	}
	problem := ""
	if err := CheckBackupFile(path); err != nil {
		problem = app.Sentence(err)
	}
	checked.Lock()
	checked.m[path] = checkedFile{size: st.Size(), mod: st.ModTime(), problem: problem}
	checked.Unlock()
	return problem, nil
}

// rememberSound notes a file that has just passed CheckBackupFile.
func rememberSound(path string) {
	if st, err := os.Stat(path); err == nil {
		checked.Lock()
		checked.m[path] = checkedFile{size: st.Size(), mod: st.ModTime()}
		checked.Unlock()
	}
}

// ListBackups lists the daily backups of the book in path, newest first, with their size and,
// where a check of the same file is remembered, its result (the others are checked one by one
// with CheckBackup, so that a list of large backups shows at once).
func ListBackups(book string) []app.BackupFile {
	var out []app.BackupFile
	base := strings.TrimSuffix(filepath.Base(book), filepath.Ext(book))
	for _, p := range DailyBackups(book) {
		st, err := os.Stat(p)
		if err != nil {
			continue // removed meanwhile by the rotation
		}
		day, _ := app.ParseISODate(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), base+"-"), ".db"))
		f := app.BackupFile{Path: p, Day: day, Size: st.Size()}
		f.Problem, f.Checked = cachedProblem(p, st)
		out = append(out, f)
	}
	return out
}

// BookInfo tells where the book is, its size (with its log) and its daily backups.
func (s *Store) BookInfo() (app.BookInfo, error) {
	info := app.BookInfo{Path: s.path}
	st, err := os.Stat(s.path)
	if err != nil {
		return info, app.Wrap(app.CodeStorage, err, "cannot read %s", s.path)
	}
	info.Size = st.Size()
	if wal, err := os.Stat(s.path + "-wal"); err == nil {
		info.Size += wal.Size()
	}
	info.Backups = ListBackups(s.path)
	return info, nil
}

// safetyKey is the setting that holds what the book remembers of copies made outside its folder.
const safetyKey = "book-safety"

type safetyJSON struct {
	LastOutside     string `json:"last_outside,omitempty"`
	LastOutsideFile string `json:"last_outside_file,omitempty"`
	Said            string `json:"said,omitempty"`
	Dismissed       string `json:"dismissed,omitempty"`
}

// SafetyState reads what the book remembers of copies outside its folder.
func (s *Store) SafetyState() (app.SafetyState, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = ?`, safetyKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return app.SafetyState{}, nil
	}
	if err != nil {
		return app.SafetyState{}, storageErr(err, "cannot read when the book was last copied")
	}
	var j safetyJSON
	if err := json.Unmarshal([]byte(raw), &j); err != nil {
		return app.SafetyState{}, nil // a damaged note is written again, not an error
	}
	return app.SafetyState{LastOutside: parseDate(j.LastOutside), LastOutsideFile: j.LastOutsideFile,
		Said: parseDate(j.Said), Dismissed: parseDate(j.Dismissed)}, nil
}

// SaveSafetyState stores st, and ev on the timeline when given, in one transaction.
func (s *Store) SaveSafetyState(st app.SafetyState, ev *app.Event) error {
	b, _ := json.Marshal(safetyJSON{LastOutside: st.LastOutside.String(), LastOutsideFile: st.LastOutsideFile,
		Said: st.Said.String(), Dismissed: st.Dismissed.String()})
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, safetyKey, string(b)); err != nil {
			return storageErr(err, "cannot note the copy of the book")
		}
		if ev == nil {
			return nil
		}
		_, err := appendEvent(tx, *ev)
		return err
	})
}

// BookStarted is the day of the book's first timeline entry of the owner's (zero for an empty
// book); the record of values is stamped by the computer's clock and does not count.
func (s *Store) BookStarted() (app.Date, error) {
	var at string
	err := s.r.QueryRow(`SELECT at FROM events WHERE kind NOT IN (?, ?) ORDER BY id LIMIT 1`, kindValues, kindBaseline).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return app.Date{}, nil
	}
	if err != nil {
		return app.Date{}, storageErr(err, "cannot read the timeline")
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return app.Date{}, nil
	}
	return app.DateOf(t, time.Local), nil
}

// CheckBackup checks one backup for the store's port (the same as the function of the package).
func (s *Store) CheckBackup(path string) (string, error) { return CheckBackup(path) }
