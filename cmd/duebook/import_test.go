package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportCommandAsksBeforeChangingStoredInvoices(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Shop", "--country", "DE", "--currency", "EUR"); code != 0 {
		t.Fatal(errs)
	}
	path := filepath.Join(dir, "inv.csv")
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Amount\nU-1,Ann,15/10/26,10.00\n"), 0o600)
	if code, out, _ := runCLI(t, "import", "invoices", "--db", db, path); code != 1 || !strings.Contains(out, `rejected: row 2, column "Date": "15/10/26" has a two-digit year`) || !strings.Contains(out, "--century 2000 reads") {
		t.Fatalf("two-digit year: %d %s", code, out)
	}
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, "--century", "2000", path); code != 0 || !strings.Contains(out, `for example "15/10/26" is 2026-10-15`) {
		t.Fatalf("--century: %d %s %s", code, out, errs)
	}
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Amount\nU-1,Ann,15/10/2026,12.00\n"), 0o600)
	code, out, errs := runCLI(t, "import", "invoices", "--db", db, path)
	if code != 1 || !strings.Contains(out, "differs: row 2, invoice U-1: amount 10.00 → 12.00") || !strings.Contains(errs, "--update") {
		t.Fatalf("conflict: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, "--update", path); code != 0 || !strings.Contains(out, "1 updated") {
		t.Fatalf("--update: %d %s %s", code, out, errs)
	}
	for _, bad := range [][]string{{"--century", "26"}, {"--encoding", "ebcdic"}} {
		if code, _, errs := runCLI(t, append(append([]string{"import", "invoices", "--db", db}, bad...), path)...); code != 2 || errs == "" {
			t.Errorf("%v: %d %s", bad, code, errs)
		}
	}
}

func TestImportCommandReadsTheEncodingItIsToldAndCapsItsReport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Shop", "--country", "DE", "--currency", "EUR"); code != 0 {
		t.Fatal(errs)
	}
	mixed := filepath.Join(dir, "mixed.csv")
	os.WriteFile(mixed, []byte("Invoice No,Customer,Date,Amount\nM-1,Zoë,2026-10-01,1.00\nM-2,J\xfcrgen,2026-10-01,1.00\n"), 0o600)
	if code, _, errs := runCLI(t, "import", "invoices", "--db", db, "--dry-run", mixed); code != 1 || !strings.Contains(errs, "line 3") {
		t.Fatalf("mixed: %d %s", code, errs)
	}
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, "--dry-run", "--encoding", "cp1252", mixed); code != 0 || !strings.Contains(out, "read as windows-1252, as you chose") {
		t.Fatalf("--encoding: %d %s %s", code, out, errs)
	}
	var b strings.Builder
	b.WriteString("Invoice No,Customer,Date,Amount\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, "B-%d,Ann,2026-02-30,1.00\n", i)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(b.String()), 0o600)
	_, out, _ := runCLI(t, "import", "invoices", "--db", db, "--dry-run", bad)
	if n := strings.Count(out, "rejected: row"); n != 100 || !strings.Contains(out, `… and 50 more problems (50 in column "Date")`) {
		t.Fatalf("%d problems printed:\n%s", n, out)
	}
}

// A file whose columns are not recognised: the command line names --map and the field, in words
// the owner can type; with it, the file imports.
func TestImportCommandNamesMapForAColumnItCannotPlace(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Shop", "--country", "GB", "--currency", "GBP"); code != 0 {
		t.Fatal(errs)
	}
	path := filepath.Join(dir, "own.csv")
	os.WriteFile(path, []byte("Invoice No,Customer,Tag,Amount\nM-1,Ann,15/10/2026,£10.00\n"), 0o600)
	code, _, errs := runCLI(t, "import", "invoices", "--db", db, path)
	if code != 1 || !strings.Contains(errs, "no column of the file could be read as the invoice date") || !strings.Contains(errs, `--map "Column name=issue_date"`) {
		t.Fatalf("missing date column: %d %s", code, errs)
	}
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, "--map", "Tag=issue_date", path); code != 0 || !strings.Contains(out, "1 invoice created") || !strings.Contains(out, "£ is GBP") {
		t.Fatalf("--map: %d %s %s", code, out, errs)
	}
}
