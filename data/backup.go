package data

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"duebook/app"
)

// Backup writes a consistent copy of the ledger to out with VACUUM INTO. The copy is made beside
// out under a temporary name, opened again for reading and checked, and only then renamed into
// place, so a half-written or unreadable backup never carries the final name. An existing out is
// refused rather than overwritten.
func (s *Store) Backup(out string) error { return s.BackupTo(out, false) }

// BackupTo is Backup that, with replace, puts the new copy in place of an existing file once
// the new one has passed its check (the old one stays until then).
func (s *Store) BackupTo(out string, replace bool) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return app.Wrap(app.CodeInvalid, err, "cannot use %s for the backup", out)
	}
	if abs == s.path {
		return app.Errorf(app.CodeInvalid, "%s is the book itself; choose another place for the copy", abs)
	}
	if st, err := os.Stat(abs); err == nil && (!replace || st.IsDir()) {
		return app.Errorf(app.CodeConflict, "%s already exists; choose another name for the backup", abs)
	}
	if err := app.MkdirPrivate(filepath.Dir(abs)); err != nil {
		return err
	}
	// SQLite would create the copy readable by everyone: it fills an empty private file instead.
	tmp := abs + ".part"
	if err := app.WritePrivateFile(tmp, nil); err != nil {
		return err
	}
	err = s.wholeFile(func(db *sql.DB) error { _, err := db.Exec(`VACUUM INTO ?`, tmp); return err })
	if err != nil {
		os.Remove(tmp)
		return s.noteDamage(storageErr(err, "cannot write the backup to "+abs))
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return app.Wrap(app.CodeStorage, err, "cannot write the backup to %s", abs)
	}
	if afterCopy != nil {
		afterCopy(tmp)
	}
	if err := CheckBackupFile(tmp); err != nil {
		os.Remove(tmp)
		return app.Wrap(app.CodeStorage, err, "the copy written to %s did not read back intact, so it was removed; the disk or stick may be failing: try another place", abs)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return app.Wrap(app.CodeStorage, err, "cannot finish the backup %s", abs)
	}
	syncDir(filepath.Dir(abs))
	rememberSound(abs) // Settings lists it as checked without reading it again
	return nil
}

// afterCopy, when set by a test, runs between writing a copy and checking it.
var afterCopy func(tmp string)

// BackupRotated writes today's dated backup into dir (once a day) and keeps the newest keep.
func (s *Store) BackupRotated(dir string, today app.Date, keep int) (string, error) {
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := filepath.Join(dir, fmt.Sprintf("%s-%s.db", base, today))
	if _, err := os.Stat(name); err == nil {
		return name, nil
	}
	if err := s.Backup(name); err != nil {
		return "", err
	}
	olds, _ := filepath.Glob(filepath.Join(dir, base+"-????-??-??.db"))
	sort.Strings(olds)
	for len(olds) > keep {
		os.Remove(olds[0])
		olds = olds[1:]
	}
	return name, nil
}
