package data

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"duebook/app"
)

// Backup writes a consistent copy of the ledger to out with VACUUM INTO. The copy is made beside
// out under a temporary name and renamed into place, so a half-written backup never carries
// the final name. An existing out is refused rather than overwritten.
func (s *Store) Backup(out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return app.Wrap(app.CodeInvalid, err, "cannot use %s for the backup", out)
	}
	if _, err := os.Stat(abs); err == nil {
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
	if _, err := s.w.Exec(`VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return s.noteDamage(storageErr(err, "cannot write the backup to "+abs))
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return app.Wrap(app.CodeStorage, err, "cannot write the backup to %s", abs)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return app.Wrap(app.CodeStorage, err, "cannot finish the backup %s", abs)
	}
	return nil
}

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

// Check runs SQLite's integrity check and verifies the timeline's hash chain.
func (s *Store) Check() (app.CheckReport, error) {
	var rep app.CheckReport
	rows, err := s.r.Query(`PRAGMA integrity_check`)
	if err != nil {
		return rep, storageErr(err, "cannot check the database")
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return rep, storageErr(err, "cannot check the database")
		}
		rep.Integrity = append(rep.Integrity, line)
	}
	rows.Close()
	var fk int
	if err := s.r.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err == nil && fk > 0 {
		rep.Integrity = append(rep.Integrity, fmt.Sprintf("%d rows refer to rows that do not exist", fk))
	}
	var mismatched int
	if err := s.r.QueryRow(`SELECT count(*) FROM invoices i WHERE i.paid <> coalesce((SELECT sum(amount) FROM allocations a WHERE a.invoice_id = i.id), 0)`).Scan(&mismatched); err != nil {
		return rep, storageErr(err, "cannot check the paid amounts")
	}
	if mismatched > 0 {
		rep.Integrity = append(rep.Integrity, fmt.Sprintf("%d invoices have a paid amount that does not match their payments", mismatched))
	}
	n, broken, err := s.verifyChain()
	if err != nil {
		return rep, storageErr(err, "cannot verify the timeline")
	}
	rep.Events, rep.BrokenAt, rep.ChainOK = n, broken, broken == 0
	return rep, nil
}
