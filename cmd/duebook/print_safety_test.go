package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

// A print run that records its letters but cannot write them leaves them listed as still to
// print; the next `print` says so and writes them.
func TestPrintAfterAFailedRunPrintsTheLettersAgain(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "2000", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "letters")
	os.MkdirAll(out, 0o700)
	// The day's folder is a file: the letters are recorded, then cannot be written.
	os.WriteFile(filepath.Join(out, "2026-11-22"), []byte("in the way"), 0o600)
	code, _, errs := runCLI(t, "print", "--db", db, "--out", out, "--as-of", "2026-11-22")
	if code != 1 || !strings.Contains(errs, "not yet printed") {
		t.Fatalf("a failed run: %d %s", code, errs)
	}
	os.Remove(filepath.Join(out, "2026-11-22"))
	code, stdout, errs := runCLI(t, "print", "--db", db, "--out", out, "--as-of", "2026-11-22")
	if code != 0 || !strings.Contains(stdout, "approved letters not yet printed") || !strings.Contains(stdout, "Printed") {
		t.Fatalf("the rerun: %d %s %s", code, stdout, errs)
	}
	files, _ := filepath.Glob(filepath.Join(out, "2026-11-22", "*.pdf"))
	if len(files) < 3 {
		t.Fatalf("%d files", len(files))
	}
	if _, stdout, _ := runCLI(t, "print", "--db", db, "--out", out, "--as-of", "2026-11-22"); !strings.Contains(stdout, "No letters") {
		t.Fatalf("printed twice: %s", stdout)
	}
}

// An output file that exists is replaced only with --force; a link is never written through; an
// agreement that cannot be written keeps the plan from being saved.
func TestOutputFilesAreSafe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "300"); code != 0 {
		t.Fatal(errs)
	}
	f := filepath.Join(dir, "s.pdf")
	os.WriteFile(f, []byte("the owner's own file"), 0o600)
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--out", f); code != 1 || !strings.Contains(errs, "--force") {
		t.Fatalf("an existing file: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(f); string(b) != "the owner's own file" {
		t.Fatal("the file was overwritten")
	}
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--out", f, "--force"); code != 0 {
		t.Fatal(errs)
	}
	if b, _ := os.ReadFile(f); !strings.HasPrefix(string(b), "%PDF") {
		t.Fatal("--force did not replace the file")
	}
	target := filepath.Join(dir, "target.txt")
	os.WriteFile(target, []byte("keep"), 0o600)
	if err := os.Symlink(target, filepath.Join(dir, "link.pdf")); err == nil {
		if code, _, _ := runCLI(t, "statement", "--db", db, "--customer", "2", "--out", filepath.Join(dir, "link.pdf"), "--force"); code == 0 {
			t.Fatal("wrote through a link")
		}
		if b, _ := os.ReadFile(target); string(b) != "keep" {
			t.Fatal("the link's target was changed")
		}
	}
	// The plan is not saved when the agreement cannot be written, so the same plan works later.
	csvPath := filepath.Join(dir, "inv.csv")
	os.WriteFile(csvPath, []byte("Invoice No,Customer,Date,Due Date,Amount\nPL-1,Plan Kunde,2026-10-01,2026-10-15,300.00\n"), 0o600)
	if code, _, errs := runCLI(t, "import", "invoices", "--db", db, csvPath); code != 0 {
		t.Fatal(errs)
	}
	first := app.DateOf(time.Now(), time.Local).AddDays(10).String()
	bad := filepath.Join(dir, "no-such-folder", "agreement.pdf")
	if code, _, errs := runCLI(t, "plan", "--db", db, "--customer", "Plan Kunde", "--installments", "3", "--first", first, "--agreement", bad); code != 1 {
		t.Fatalf("an agreement that cannot be written: %d %s", code, errs)
	}
	good := filepath.Join(dir, "agreement.pdf")
	if code, stdout, errs := runCLI(t, "plan", "--db", db, "--customer", "Plan Kunde", "--installments", "3", "--first", first, "--agreement", good); code != 0 || !strings.Contains(stdout, "Payment plan saved") {
		t.Fatalf("the plan was saved by the failed attempt: %d %s %s", code, stdout, errs)
	}
}

// Without a mailbox `approve` records no email as sent: it says how many wait, and --as-letter
// prints them as letters instead.
func TestApproveLeavesEmailsUnlessPrintedAsLetters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "2000", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	code, stdout, errs := runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22")
	if code != 0 || !strings.Contains(stdout, "emails wait") {
		t.Fatalf("approve: %d %s %s", code, stdout, errs)
	}
	if strings.Contains(stdout, "(email,") {
		t.Fatalf("an email was approved with no mailbox:\n%s", stdout)
	}
	code, stdout, errs = runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22", "--as-letter")
	if code != 0 || !strings.Contains(stdout, "by letter instead of email") || strings.Contains(stdout, "emails wait") {
		t.Fatalf("approve --as-letter: %d %s %s", code, stdout, errs)
	}
}
