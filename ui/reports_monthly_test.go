package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"duebook/app/monthly"
	"duebook/letters"
)

// The Reports screen makes the monthly report the command line makes: the month just ended is
// offered first, and the PDF (read back with an independent reader) and the CSV are written
// whole where the owner chose; a folder that cannot be written leaves nothing.
func TestMonthlyReportFromTheReportsScreen(t *testing.T) {
	s, ledger := sampleShell(t)
	r := s.Reports
	if r.Monthly != nil {
		t.Fatal("a Monthly report button without a printer")
	}
	book := ledger.Store.(monthly.Book)
	print := func(rep monthly.Report) ([]byte, error) { return letters.MonthlyPDF(rep, testToday.Time()) }
	r.OfferMonthly(book, print)
	if r.Monthly == nil {
		t.Fatal("no Monthly report button")
	}
	test.Tap(r.Monthly)
	if r.MonthlyMonth == nil || len(r.MonthlyMonth.Options) != 12 || r.MonthlyMonth.Selected != "2026-10" || r.MonthlyMonth.Options[0] != "2026-11" {
		t.Fatalf("months offered: %v, chosen %q", r.MonthlyMonth.Options, r.MonthlyMonth.Selected)
	}
	dir := t.TempDir()
	pdf, err := makeMonthly(t.Context(), book, print, "2026-10", ledger.Today(), true)
	if err != nil {
		t.Fatal(err)
	}
	target := storage.NewFileURI(filepath.Join(dir, "monthly report 2026-10.pdf"))
	r.writeMonthly(target, pdf)
	b, err := os.ReadFile(target.Path())
	if err != nil || r.MonthlySaved == nil {
		t.Fatal(err)
	}
	if text := pdfTextOf(t, b); !strings.Contains(text, "Corner Workshop") || !strings.Contains(text, "2026") {
		t.Fatalf("the report:\n%s", text)
	}
	csv, err := makeMonthly(t.Context(), book, print, "2026-10", ledger.Today(), false)
	if err != nil || !strings.HasPrefix(string(csv), "section,key,currency,value") {
		t.Fatalf("the CSV: %.80s %v", csv, err)
	}
	bad := storage.NewFileURI(filepath.Join(dir, "missing", "r.pdf"))
	r.writeMonthly(bad, pdf)
	if _, err := os.Stat(bad.Path()); err == nil {
		t.Fatal("a file was left in a folder that cannot be written")
	}
}
