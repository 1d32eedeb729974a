package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An invoice imported from a file is enclosed with its rows of that very file: the header and
// its own rows (a line per row here), with their row numbers, and never another customer's row;
// imported-from.csv names the file and the SHA-256 of all of it.
func TestHandoffEnclosesTheImportedRowsOfEachInvoice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Shop", "--country", "GB", "--currency", "GBP"); code != 0 {
		t.Fatal(errs)
	}
	file := "Invoice No,Customer,Date,Due Date,Description,Quantity,Unit Price\n" +
		"A-1,Ann Archer,2026-06-01,2026-06-15,Chairs,2,50.00\n" +
		"B-1,Bob Baker,2026-06-02,2026-06-16,Secret order of Bob,1,999.00\n" +
		"A-1,Ann Archer,2026-06-01,2026-06-15,Table,1,120.00\n" +
		"A-2,Ann Archer,2026-07-01,2026-07-15,\"Lamp, brass\",1,35.50\n"
	src := filepath.Join(dir, "export from the till.csv")
	os.WriteFile(src, []byte(file), 0o644)
	if code, stdout, errs := runCLI(t, "import", "invoices", "--db", db, src); code != 0 || !strings.Contains(stdout, "3 invoices created") {
		t.Fatalf("import: %d %s %s", code, stdout, errs)
	}
	os.WriteFile(src, []byte("changed after the import"), 0o644) // the book keeps its own copy
	out := filepath.Join(dir, "b.zip")
	if code, _, errs := runCLI(t, "handoff", "--db", db, "--customer", "Ann Archer", "--to", "Acme", "--authorised-by", "Jane", "--as-of", "2026-11-22", "--out", out); code != 0 {
		t.Fatal(errs)
	}
	zb, _ := os.ReadFile(out)
	_, files, _ := readZip(t, zb)
	var folder string
	for name := range files {
		if strings.HasSuffix(name, "/invoices/A-1-imported-rows.csv") {
			folder = strings.TrimSuffix(name, "/invoices/A-1-imported-rows.csv")
		}
	}
	if folder == "" {
		t.Fatalf("no imported rows in the bundle: %v", keys(files))
	}
	read := func(name string) [][]string {
		rows, err := csv.NewReader(bytes.NewReader(files[folder+"/invoices/"+name])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return rows
	}
	a1, a2 := read("A-1-imported-rows.csv"), read("A-2-imported-rows.csv")
	if len(a1) != 3 || strings.Join(a1[0], ",") != "row,Invoice No,Customer,Date,Due Date,Description,Quantity,Unit Price" ||
		strings.Join(a1[1], ",") != "2,A-1,Ann Archer,2026-06-01,2026-06-15,Chairs,2,50.00" || strings.Join(a1[2], ",") != "4,A-1,Ann Archer,2026-06-01,2026-06-15,Table,1,120.00" {
		t.Fatalf("A-1's rows: %q", a1)
	}
	if len(a2) != 2 || a2[1][0] != "5" || a2[1][5] != "Lamp, brass" {
		t.Fatalf("A-2's rows: %q", a2)
	}
	for name, b := range files {
		if strings.Contains(string(b), "Secret order of Bob") {
			t.Fatalf("another customer's row leaked into %s", name)
		}
	}
	sum := sha256.Sum256([]byte(file))
	from := read("imported-from.csv")
	if len(from) != 3 || strings.Join(from[1][:3], ",") != "A-1,export from the till.csv,"+hex.EncodeToString(sum[:]) || from[1][4] != "2 4" || from[2][4] != "5" {
		t.Fatalf("imported-from.csv: %q", from)
	}
	if files[folder+"/invoices/A-1.pdf"] == nil {
		t.Fatal("the invoice printed from the ledger is still there")
	}
	if code, stdout, errs := runCLI(t, "verify", out); code != 0 {
		t.Fatalf("verify: %s %s", stdout, errs)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
