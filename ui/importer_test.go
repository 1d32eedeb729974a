package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"duebook/app"
)

func TestImportScreenShowsConflictsAndAppliesThemOnlyWhenTicked(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Import")
	m := s.Import
	path := filepath.Join(t.TempDir(), "tick.csv")
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Amount\nTK-1,Tick Test,2026-11-01,10.00\n"), 0o600)
	m.Path.SetText(path)
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied {
		t.Fatalf("first import: %s", m.Report.Text)
	}
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Amount\nTK-1,Tick Test,2026-11-01,12.50\n"), 0o600)
	test.Tap(m.CheckBtn)
	if m.LastReport.ConflictCount != 1 || !strings.Contains(m.Report.Text, "row 2, invoice TK-1: amount 10.00 → 12.50") || !strings.Contains(m.Report.Text, "Tick \"Apply the file's changes") {
		t.Fatalf("check: %s", m.Report.Text)
	}
	test.Tap(m.ImportBtn)
	if m.LastReport.Applied || !strings.Contains(m.Report.Text, "nothing was imported") {
		t.Fatalf("imported without the tick: %s", m.Report.Text)
	}
	test.Tap(m.Update)
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied || m.LastReport.Updated != 1 {
		t.Fatalf("with the tick: %s", m.Report.Text)
	}
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{Search: "TK-1"}, 0, 1)
	if len(rows) != 1 || rows[0].Amount != 1250 {
		t.Fatalf("stored %+v", rows)
	}
}

func TestImportScreenChoosesTheEncodingAndTheCentury(t *testing.T) {
	s, _ := sampleShell(t)
	m := s.Import
	path := filepath.Join(t.TempDir(), "old.csv")
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Amount\nOL-1,Zoë,01.10.26,1,00\nOL-2,J\xfcrgen,02.10.26,2,00\n"), 0o600)
	m.Path.SetText(path)
	test.Tap(m.CheckBtn)
	if !strings.Contains(m.Report.Text, "line 3") || !strings.Contains(m.Report.Text, `"Encoding" in the window`) {
		t.Fatalf("mixed encoding: %s", m.Report.Text)
	}
	m.Encoding.SetSelected("windows-1252")
	test.Tap(m.CheckBtn)
	if m.LastReport.Rejected != 2 || !strings.Contains(m.Report.Text, "two-digit year") {
		t.Fatalf("two-digit years: %s", m.Report.Text)
	}
	m.Century.SetSelected("as 2000 to 2099")
	test.Tap(m.CheckBtn)
	if m.LastReport.Rejected != 0 || m.LastReport.Added != 2 || !strings.Contains(m.Report.Text, `for example "01.10.26" is 2026-10-01`) {
		t.Fatalf("with a century: %s", m.Report.Text)
	}
}
