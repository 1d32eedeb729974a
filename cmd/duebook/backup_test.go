package main

import (
	"os"
	"strings"
	"testing"

	"duebook/app"
	"duebook/data"
	"path/filepath"
)

// The window's daily backup says when it fails, instead of failing silently.
func TestDailyBackupFailureIsReported(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "100"); code != 0 {
		t.Fatal(errs)
	}
	// A file where the backups folder should be: no copy can be made.
	if err := os.WriteFile(data.BackupDir(db), []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	svc, closeFn, err := books{}.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if svc.DailyBackup == nil {
		t.Fatal("the window is not told how the backup went")
	}
	err = <-svc.DailyBackup
	if err == nil || !strings.Contains(app.Sentence(err), "backup") {
		t.Fatalf("a failed backup: %v", err)
	}
}

// A copy made with the backup command outside the book's folder is noted in the book (Today
// stops reminding); one inside it, such as in backups/, is not.
func TestBackupCommandNotesACopyOutsideTheFolder(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "100"); code != 0 {
		t.Fatal(errs)
	}
	inside := filepath.Join(filepath.Dir(db), "backups", "by-hand.db")
	stick := filepath.Join(t.TempDir(), "USB stick", "shop copy.db")
	for _, out := range []string{inside, stick} {
		if code, _, errs := runCLI(t, "backup", "--db", db, out); code != 0 {
			t.Fatal(errs)
		}
	}
	if code, _, errs := runCLI(t, "backup", "--db", db, stick); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("a second copy over the first: %d %s", code, errs)
	}
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.SafetyState()
	if err != nil || s.LastOutsideFile != stick || s.LastOutside.IsZero() {
		t.Fatalf("the copy outside is not noted: %+v %v", s, err)
	}
}

// A book restored from a copy outside its folder (moved from another computer on a stick) counts
// that copy as one made elsewhere: Today does not ask for one at once.
func TestRestoreFromACopyOutsideNotesIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "Zoë's books", "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "100"); code != 0 {
		t.Fatal(errs)
	}
	stick := filepath.Join(t.TempDir(), "USB stick", "shop copy.db")
	if code, _, errs := runCLI(t, "backup", "--db", db, stick); code != 0 {
		t.Fatal(errs)
	}
	newPC := filepath.Join(t.TempDir(), "Duebook", "duebook.db")
	if code, _, errs := runCLI(t, "restore", "--db", newPC, "--from", stick); code != 0 {
		t.Fatal(errs)
	}
	st, err := data.Open(newPC)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.SafetyState()
	if err != nil || s.LastOutsideFile != stick || s.LastOutside.IsZero() {
		t.Fatalf("the copy restored from is not noted: %+v %v", s, err)
	}
}
