package main

import (
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// check says which anchors it compared, takes references read off letters and backups kept
// elsewhere, and names what was changed outside Duebook; reprint refuses a changed letter.
func TestCheckComparesAnchorsAndReprintRefusesAChangedLetter(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "300", "--seed", "5", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--out", filepath.Join(dir, "s.pdf")); code != 0 {
		t.Fatal(errs)
	}
	elsewhere := filepath.Join(t.TempDir(), "usb-copy.db")
	if code, _, errs := runCLI(t, "backup", "--db", db, elsewhere); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "check", "--db", db, "--backup", elsewhere)
	ref := regexp.MustCompile(`record (\d+·[0-9a-f]{8})`).FindStringSubmatch(out)
	if code != 0 || ref == nil || !strings.Contains(out, "Anchors compared:\n  - anchor file "+db+".anchor") ||
		!strings.Contains(out, "backup "+elsewhere) || !strings.Contains(out, "are those the timeline records") {
		t.Fatalf("check: %d %s %s", code, out, errs)
	}
	if code, out, _ := runCLI(t, "check", "--db", db, "--record", "Record "+ref[1]); code != 0 || !strings.Contains(out, "record "+ref[1]) {
		t.Fatalf("check --record: %d %s", code, out)
	}
	if code, _, errs := runCLI(t, "check", "--db", db, "--record", "12·zz"); code != 2 || !strings.Contains(errs, "not a record reference") {
		t.Fatalf("bad reference: %d %s", code, errs)
	}
	if code, out, _ := runCLI(t, "check", "--db", db, "--record", "3·00000000"); code != 1 || !strings.Contains(out, "DOES NOT AGREE") {
		t.Fatalf("wrong reference: %d %s", code, out)
	}

	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var sha string
	var pdf []byte
	if err := raw.QueryRow(`SELECT sha256, content FROM documents`).Scan(&sha, &pdf); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "reprint", "--db", db, "--document", sha, "--out", filepath.Join(dir, "again.pdf")); code != 0 {
		t.Fatalf("reprint: %s", errs)
	}
	pdf[len(pdf)/3] ^= 1
	for _, q := range []string{`UPDATE documents SET content = ?`, `UPDATE invoices SET amount = amount + 1 WHERE id = 5`} {
		args := []any{pdf}
		if !strings.Contains(q, "?") {
			args = nil
		}
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := runCLI(t, "reprint", "--db", db, "--document", sha, "--out", filepath.Join(dir, "forged.pdf")); code != 1 || !strings.Contains(errs, "does not match its SHA-256") {
		t.Fatalf("reprint of a changed letter: %d %s", code, errs)
	}
	code, out, _ = runCLI(t, "check", "--db", db)
	if code != 1 || !strings.Contains(out, "invoices row 5: amount is") || !strings.Contains(out, "do not match its SHA-256") {
		t.Fatalf("check after the edits: %d %s", code, out)
	}
}
