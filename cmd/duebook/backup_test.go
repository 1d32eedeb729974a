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
