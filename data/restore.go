package data

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"duebook/app"
)

// BackupDir is where the window keeps the daily backups of the book in path: "backups" beside it.
func BackupDir(book string) string { return filepath.Join(filepath.Dir(book), "backups") }

// DailyBackups lists the dated backups of the book in path, newest first.
func DailyBackups(book string) []string {
	base := strings.TrimSuffix(filepath.Base(book), filepath.Ext(book))
	found, _ := filepath.Glob(filepath.Join(BackupDir(book), base+"-????-??-??.db"))
	sort.Sort(sort.Reverse(sort.StringSlice(found)))
	return found
}

// NewestSoundBackup returns the newest daily backup of the book in path that passes the check,
// or "" when none does.
func NewestSoundBackup(book string) (string, error) {
	for _, b := range DailyBackups(book) {
		err := VerifyBackup(b)
		if err == nil {
			return b, nil
		}
		if app.CodeOf(err) != app.CodeDamaged {
			return "", err
		}
	}
	return "", nil
}

// VerifyBackup checks a backup without changing it: a copy in a private temporary folder is
// opened (brought up to this build's schema) and checked. A backup that fails has CodeDamaged.
func VerifyBackup(backup string) error {
	dir, err := os.MkdirTemp("", "duebook-verify-")
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot make a place to check %s", backup)
	}
	defer os.RemoveAll(dir)
	return checkedCopy(backup, filepath.Join(dir, "book.db"))
}

// checkedCopy copies a backup to dst (which must not exist), opens it and runs the check; dst
// is left closed and complete only when the backup passes.
func checkedCopy(backup, dst string) error {
	if _, err := inspectFile(backup); err != nil {
		return app.Wrap(app.CodeDamaged, err, "the backup %s cannot be used: %s", backup, app.Sentence(err))
	}
	if err := copyPrivate(backup, dst); err != nil {
		return err
	}
	st, err := Open(dst)
	if err != nil {
		removeBookFiles(dst)
		return app.Wrap(app.CodeDamaged, err, "the backup %s cannot be used: %s", backup, app.Sentence(err))
	}
	rep, err := st.Check()
	if cerr := st.Close(); err == nil && cerr != nil {
		err = storageErr(cerr, "cannot finish checking "+backup)
	}
	if err == nil && !rep.OK() {
		err = app.Errorf(app.CodeDamaged, "the backup %s does not pass the check (%s)", backup, checkSummary(rep))
	} else if err != nil {
		err = app.Wrap(app.CodeDamaged, err, "the backup %s cannot be checked: %s", backup, app.Sentence(err))
	}
	if err != nil {
		removeBookFiles(dst)
	}
	return err
}

func checkSummary(rep app.CheckReport) string {
	var parts []string
	for _, line := range rep.Integrity {
		if line != "ok" {
			parts = append(parts, line)
		}
	}
	if !rep.ChainOK {
		parts = append(parts, "the timeline's hash chain does not hold")
	}
	if len(parts) > 3 {
		parts = append(parts[:3], "…")
	}
	return strings.Join(parts, "; ")
}

// copyPrivate copies src to a new file dst readable by the owner only, flushed to the disk.
func copyPrivate(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot read %s", src)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, app.PrivateFileMode)
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot write %s", dst)
	}
	err = out.Chmod(app.PrivateFileMode)
	if err == nil {
		_, err = io.Copy(out, in)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return app.Wrap(app.CodeStorage, err, "cannot copy %s to %s", src, dst)
	}
	return nil
}

// Restore replaces the book in path with a backup. The backup is checked first, on a copy beside
// the book, and a backup that fails changes nothing. The book it replaces (damaged or not) is
// kept aside under a name with the time, never deleted, and returned ("" when there was none).
// The book must not be open.
func Restore(book, backup string, now time.Time) (keptAside string, err error) {
	if book, err = absPath(book); err != nil {
		return "", err
	}
	if backup, err = absPath(backup); err != nil {
		return "", err
	}
	if book == backup {
		return "", app.Errorf(app.CodeInvalid, "%s is the book itself; name a backup to restore", backup)
	}
	if _, err := os.Stat(backup); err != nil {
		return "", app.Wrap(app.CodeNotFound, err, "the backup %s cannot be found", backup)
	}
	if err := app.MkdirPrivate(filepath.Dir(book)); err != nil {
		return "", err
	}
	tmp := book + ".restore.part"
	removeBookFiles(tmp)
	if err := checkedCopy(backup, tmp); err != nil {
		return "", err
	}
	if _, err := os.Stat(book); err == nil {
		if keptAside, err = keepAside(book, now); err != nil {
			removeBookFiles(tmp)
			return "", err
		}
	} else if exists(damageNote(book)) {
		// The note of a damaged book that is gone must not stick to the restored one.
		os.Rename(damageNote(book), damageNote(book)+"-"+now.Format("20060102-150405"))
	}
	// The replaced book's anchor file records a timeline the restored copy may not reach: it goes
	// with the book kept aside, as evidence, and the restored book starts its own.
	if keptAside != "" && exists(AnchorPath(book)) {
		if err := os.Rename(AnchorPath(book), AnchorPath(keptAside)); err != nil {
			removeBookFiles(tmp)
			return keptAside, app.Wrap(app.CodeStorage, err, "cannot keep the anchor file %s with the replaced book", AnchorPath(book))
		}
	} else if err := SetAnchorAside(book); err != nil {
		removeBookFiles(tmp)
		return keptAside, err
	}
	if err := os.Rename(tmp, book); err != nil {
		removeBookFiles(tmp)
		return keptAside, app.Wrap(app.CodeStorage, err, "cannot put the restored book in place as %s (the previous one is kept as %s)", book, keptAside)
	}
	syncDir(filepath.Dir(book))
	return keptAside, nil
}

// keepAside renames the book and SQLite's files beside it to a name with the time, the book
// first, so that no stale log is ever left beside a restored book.
func keepAside(book string, now time.Time) (string, error) {
	ext := filepath.Ext(book)
	stem := strings.TrimSuffix(book, ext) + "-before-restore-" + now.Format("20060102-150405")
	aside := stem + ext
	for n := 2; exists(aside); n++ {
		aside = fmt.Sprintf("%s-%d%s", stem, n, ext)
	}
	if err := os.Rename(book, aside); err != nil {
		return "", app.Wrap(app.CodeStorage, err, "cannot set %s aside (is Duebook still using it?); nothing was changed", book)
	}
	for _, suffix := range []string{"-wal", "-shm", ".damaged"} {
		if err := os.Rename(book+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return aside, app.Wrap(app.CodeStorage, err, "cannot set %s aside", book+suffix)
		}
	}
	return aside, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// syncDir flushes a folder's entries, so that a rename survives a power cut (not on Windows,
// where folders cannot be opened for it).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
