package data_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/app/handoff"
	"duebook/data/sheets"
	"duebook/letters"
)

// An invoice imported from an Excel file: the book keeps the file byte for byte, and a hand-off
// encloses the invoice's rows of it (read again from the kept copy), and no other customer's.
func TestImportedXLSXRowsGoIntoTheHandoff(t *testing.T) {
	f := newFixture(t)
	book := reportXLSX(t, [][]any{
		{"Invoice No", "Customer", "Date", "Due Date", "Amount"},
		{"X-1", "Ann Archer", day("2026-06-01"), day("2026-06-15"), 120.5},
		{"Y-1", "Bob Baker", day("2026-06-02"), day("2026-06-16"), 999.0},
	})
	path := filepath.Join(t.TempDir(), "open invoices.xlsx")
	os.WriteFile(path, book, 0o644)
	if _, err := f.ledger.Import(context.Background(), app.ImportInvoices, path, app.ImportOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM import_files f JOIN documents d ON d.sha256 = f.sha256 WHERE f.name = 'open invoices.xlsx' AND d.content = ?`, book); n != 1 {
		t.Fatalf("the imported file is not kept byte for byte: %d", n)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE source_file IS NOT NULL AND source_row IN (2, 3)`); n != 2 {
		t.Fatalf("the invoices do not name their rows: %d", n)
	}
	clock := app.FixedClock(today.Time().Add(12 * time.Hour))
	col := app.NewServices(app.Adapters{Store: f.store, Clock: clock, Tables: sheets.Reader{}, Render: letters.Renderer{}, Bundle: handoff.Writer{}}).Collections
	ann, err := col.FindCustomer("Ann Archer")
	if err != nil {
		t.Fatal(err)
	}
	res, err := col.Handoff(app.HandoffRequest{CustomerIDs: []int64{ann.ID}, To: "Acme", AuthorisedBy: "Jane"})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(res.ZIP), int64(len(res.ZIP)))
	if err != nil {
		t.Fatal(err)
	}
	var rows string
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		if strings.Contains(b.String(), "Bob Baker") {
			t.Fatalf("another customer's row is in %s", zf.Name)
		}
		if strings.HasSuffix(zf.Name, "/invoices/X-1-imported-rows.csv") {
			rows = b.String()
		}
	}
	// The cells as the file stores them: Excel keeps a date as its day number.
	if rows != "row,Invoice No,Customer,Date,Due Date,Amount\n2,X-1,Ann Archer,46174,46188,120.5\n" {
		t.Fatalf("X-1's rows: %q", rows)
	}
}
