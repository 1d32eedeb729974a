package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// overlayTexts are the texts of the labels of the top dialog.
func overlayTexts(w fyne.Window) []string {
	var out []string
	for _, o := range overlayWidgets(w) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestColumnsDialogListsEveryColumnInTheOwnersWordsAndRemembersTheChoice(t *testing.T) {
	s, _ := sampleShell(t)
	s.Show("Import")
	m := s.Import
	m.win.Resize(fyne.NewSize(1024, 700))
	dir := t.TempDir()
	path := filepath.Join(dir, "eigene.csv")
	os.WriteFile(path, []byte("Beleg;Wer;Tag;Summe EUR;Notiz\nDE-1;Jürgen Groß;01.11.2026;1.234,50;erste\nDE-2;Anna Berg;02.11.2026;99,00;zweite\n"), 0o600)
	m.Path.SetText(path)
	// Checking a file whose columns are not recognised opens the dialog by itself.
	test.Tap(m.CheckBtn)
	d := m.Columns
	if d == nil || len(d.Selects) != 5 || d.Scroll == nil {
		t.Fatalf("the dialog does not list every column in a scroll: %+v", d)
	}
	for _, want := range []string{"Invoice number", "Invoice date", "Postcode", "Address line 1", "Not used"} {
		if !slices.Contains(d.Selects["Beleg"].Options, want) {
			t.Errorf("the fields do not offer %q: %v", want, d.Selects["Beleg"].Options)
		}
	}
	if slices.Contains(d.Selects["Beleg"].Options, "issue_date") {
		t.Error("a field is offered by its technical name")
	}
	texts := strings.Join(overlayTexts(m.win), "\n")
	if !strings.Contains(texts, "e.g. DE-1 · DE-2") || !strings.Contains(texts, "e.g. 1.234,50 · 99,00") {
		t.Errorf("the dialog does not show sample values:\n%s", texts)
	}
	if !strings.Contains(d.Needed.Text, "Still needed: Invoice number") {
		t.Errorf("what is missing is not said: %q", d.Needed.Text)
	}
	if strings.Contains(texts, "--") || strings.Contains(strings.ToLower(texts), "command line") {
		t.Errorf("the window speaks of the command line:\n%s", texts)
	}
	top := m.win.Canvas().Overlays().Top()
	if sz := top.Size(); sz.Width > 1024 || sz.Height > 700 {
		t.Errorf("the dialog (%v) does not fit the 1024x700 window", sz)
	}
	for col, words := range map[string]string{"Beleg": "Invoice number", "Wer": "Customer name", "Tag": "Invoice date", "Summe EUR": "Invoice total"} {
		d.Selects[col].SetSelected(words)
	}
	if !strings.Contains(d.Needed.Text, "Every field") {
		t.Errorf("still missing: %q", d.Needed.Text)
	}
	d.Confirm()
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied || m.LastReport.Added != 2 {
		t.Fatalf("import with the columns chosen: %s", m.Report.Text)
	}
	// Next month's file from the same program, its columns in another order: no choosing again.
	next := filepath.Join(dir, "naechste.csv")
	os.WriteFile(next, []byte("Tag;Beleg;Wer;Summe EUR;Notiz\n03.11.2026;DE-3;Carl Fink;5,00;x\n"), 0o600)
	m.Path.SetText(next)
	if m.Mapping != nil {
		t.Fatal("the choice for another file is still held")
	}
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied || m.LastReport.Added != 1 || !strings.Contains(m.Report.Text, "as you chose them before") {
		t.Fatalf("the remembered columns were not used: %s", m.Report.Text)
	}
	test.Tap(m.ColumnsBtn)
	if got := m.Columns.Selects["Beleg"].Selected; got != "Invoice number" {
		t.Errorf("the dialog shows %q for Beleg, not the choice made before", got)
	}
}

// A report's column names below its title lines are the ones the dialog lists.
func TestColumnsDialogReadsAReportBelowItsTitles(t *testing.T) {
	s, _ := sampleShell(t)
	s.Show("Import")
	m := s.Import
	m.Path.SetText(filepath.Join("..", "data", "testdata", "exports", "qbo-ar-aging-detail.csv"))
	test.Tap(m.ColumnsBtn)
	d := m.Columns
	if d == nil || d.Selects["Open balance"] == nil || d.Selects["Open balance"].Selected != "Still to pay (open balance)" || d.Selects["No."].Selected != "Invoice number" {
		t.Fatalf("the report's columns are not listed as read: %+v", d)
	}
	if !strings.Contains(d.Needed.Text, "Every field") {
		t.Errorf("a report that imports as it is says %q", d.Needed.Text)
	}
}

// Dollar amounts in a euro shop: the window says which currency they are in.
func TestImportScreenNamesTheCurrencyOfDollarAmounts(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Import")
	m := s.Import
	m.Path.SetText(filepath.Join("..", "data", "testdata", "exports", "square-invoices.csv"))
	test.Tap(m.CheckBtn)
	if !strings.Contains(m.Report.Text, `which several currencies use`) || !strings.Contains(m.Report.Text, "Currency if not said") {
		t.Fatalf("dollars in a euro shop: %s", m.Report.Text)
	}
	m.Currency.SetSelected("USD")
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied || m.LastReport.Added != 3 {
		t.Fatalf("with USD chosen: %s", m.Report.Text)
	}
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{Search: "000102"}, 0, 1)
	if len(rows) != 1 || rows[0].Currency != "USD" || rows[0].Amount != 48000 {
		t.Fatalf("stored %+v", rows)
	}
}
