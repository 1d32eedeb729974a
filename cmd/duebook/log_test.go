package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The log records every write and the technical cause of every error the owner saw, with ids
// only: no customer's name.
func TestTheLogRecordsWritesAndCausesWithoutNames(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DUEBOOK_LOG_DIR", dir)
	closeLog := startLog()
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Laden", "--country", "DE", "--currency", "EUR"); code != 0 {
		t.Fatal(errs)
	}
	csv := filepath.Join(dir, "c.csv")
	os.WriteFile(csv, []byte("Name,Email\nZacharias Geheimname,z@example.com\n"), 0o600)
	if code, _, errs := runCLI(t, "import", "customers", "--db", db, csv); code != 0 {
		t.Fatal(errs)
	}
	// An error whose sentence names the customer: the log keeps only its code.
	code, _, errs := runCLI(t, "letter", "--db", db, "--customer", "Zacharias Geheimname", "--kind", "final", "--out", filepath.Join(dir, "f.pdf"))
	if code != 1 || !strings.Contains(errs, "Geheimname") {
		t.Fatalf("no error naming the customer: %d %s", code, errs)
	}
	closeLog()
	b, err := os.ReadFile(filepath.Join(dir, "duebook.log"))
	if err != nil {
		t.Fatal(err)
	}
	log := string(b)
	if !strings.Contains(log, "msg=write") || !strings.Contains(log, "shown to the owner") {
		t.Fatalf("the log lacks writes or errors:\n%s", log)
	}
	if strings.Contains(log, "Geheimname") {
		t.Fatalf("the log names a customer:\n%s", log)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "duebook.log")); fi.Mode().Perm() != 0o600 {
		t.Fatalf("the log is readable by others: %v", fi.Mode())
	}
}
