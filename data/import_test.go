package data_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"duebook/app"
)

func (f *fixture) file(name, content string) string {
	f.t.Helper()
	p := filepath.Join(f.t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *fixture) imp(kind app.ImportKind, path string, opts app.ImportOptions) (app.ImportReport, error) {
	return f.ledger.Import(context.Background(), kind, path, opts, nil)
}

const quickbooksCSV = `Invoice No,Customer,Email,Date,Due Date,Amount,Open Balance,Memo
1001,Zoë Ñúñez,zoe@example.com,15/09/2026,30/09/2026,"1,200.50",200.50,Cabinet repair
1002,Иван Петров,ivan@example.com,01/10/2026,31/10/2026,300.00,300.00,Shelves
1003,Zoë Ñúñez,zoe@example.com,02/10/2026,16/10/2026,99.99,0,Paint
`

func TestImportInvoicesCreatesCustomersAndIsIdempotent(t *testing.T) {
	f := newFixture(t)
	path := f.file("quickbooks.csv", quickbooksCSV)
	dry, err := f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true})
	if err != nil || dry.Added != 3 || dry.Applied {
		t.Fatalf("dry run %+v %v", dry, err)
	}
	if n := f.count(`SELECT count(*) FROM invoices`); n != 0 {
		t.Fatalf("dry run wrote %d invoices", n)
	}
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{})
	if err != nil || rep.Added != 3 || rep.Rejected != 0 || !rep.Applied {
		t.Fatalf("import %+v %v", rep, err)
	}
	notes := strings.Join(rep.Notes, "\n")
	if !strings.Contains(notes, `"Zoë Ñúñez" was new and was created`) || !strings.Contains(notes, "day first") {
		t.Errorf("notes do not say what happened: %s", notes)
	}
	if n := f.count(`SELECT count(*) FROM customers`); n != 2 {
		t.Fatalf("%d customers, want 2", n)
	}
	if n := f.count(`SELECT paid FROM invoices WHERE number = '1001'`); n != 100000 {
		t.Fatalf("1001 paid %d, want 1000.00", n)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE due_date = '2026-09-30' AND issue_date = '2026-09-15'`); n != 1 {
		t.Fatal("dates not read day first")
	}
	again, err := f.imp(app.ImportInvoices, path, app.ImportOptions{})
	if err != nil || again.Added != 0 || again.Unchanged != 3 {
		t.Fatalf("second import %+v %v", again, err)
	}
	if n := f.count(`SELECT count(*) FROM invoices`); n != 3 {
		t.Fatalf("%d invoices after importing twice", n)
	}
	// A changed amount is applied when the owner says so (see TestReimportConflicts).
	changed := strings.Replace(quickbooksCSV, "300.00,300.00", "350.00,350.00", 1)
	upd, err := f.imp(app.ImportInvoices, f.file("changed.csv", changed), app.ImportOptions{Update: true})
	if err != nil || upd.Updated != 1 || upd.Unchanged != 2 {
		t.Fatalf("update %+v %v", upd, err)
	}
	f.mustCheck()
}

func TestImportIsWholeOrNothing(t *testing.T) {
	f := newFixture(t)
	bad := quickbooksCSV + "1004,Bob,bob@example.com,30/02/2026,30/03/2026,10.00,10.00,x\n" +
		"1005,Bob,bob@example.com,01/03/2026,01/02/2026,10.00,10.00,due before issue\n" +
		"1001,Dup,dup@example.com,01/03/2026,01/04/2026,10.00,10.00,duplicate number\n" +
		"1006,Neg,neg@example.com,01/03/2026,01/04/2026,-10.00,0,negative\n" +
		"1007,Cur,cur@example.com,01/03/2026,01/04/2026,10.001,0,too many decimals\n"
	path := f.file("bad.csv", bad)
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{})
	if err == nil || rep.Rejected != 5 || rep.Applied {
		t.Fatalf("bad file: %+v %v", rep, err)
	}
	byRow := map[int]string{}
	for _, p := range rep.Problems {
		byRow[p.Row] += p.String()
	}
	for row, want := range map[int]string{5: "not a date on the calendar", 6: "before it was issued", 7: "is on row 2 too, with another customer", 8: "credit note", 9: "more than 2 decimals"} {
		if !strings.Contains(byRow[row], want) {
			t.Errorf("row %d: %q, want it to mention %q", row, byRow[row], want)
		}
	}
	if n := f.count(`SELECT count(*) FROM invoices`) + f.count(`SELECT count(*) FROM customers`); n != 0 {
		t.Fatalf("a refused import wrote %d rows", n)
	}
	// Skipping the bad rows imports the good ones only.
	rep, err = f.imp(app.ImportInvoices, path, app.ImportOptions{SkipInvalid: true})
	if err != nil || rep.Added != 3 || rep.Rejected != 5 {
		t.Fatalf("skip invalid %+v %v", rep, err)
	}
}

func TestImportRefusesAmbiguousDatesUnlessTold(t *testing.T) {
	f := newFixture(t)
	csv := "Number,Client,Date,Due,Total\nA1,Ann,03/04/2026,05/06/2026,10.00\n"
	path := f.file("ambiguous.csv", csv)
	_, err := f.imp(app.ImportInvoices, path, app.ImportOptions{})
	// The sentence names the window's choice; the command line's option comes with it.
	hint := (*app.OptionHint)(nil)
	if err == nil || !strings.Contains(app.Sentence(err), `choose the order under "Dates are written"`) || strings.Contains(app.Sentence(err), "--") ||
		!errors.As(err, &hint) || !strings.Contains(hint.Option, "--date-order") {
		t.Fatalf("ambiguous dates: %v", err)
	}
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{DateOrder: app.OrderMDY})
	if err != nil || rep.Added != 1 {
		t.Fatal(rep, err)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE issue_date = '2026-03-04'`); n != 1 {
		t.Fatal("mdy not applied")
	}
	mixed := "Number,Client,Date,Total\nA2,Ann,13/04/2026,1\nA3,Ann,04/13/2026,1\n"
	if _, err := f.imp(app.ImportInvoices, f.file("mixed.csv", mixed), app.ImportOptions{}); err == nil {
		t.Fatal("contradictory dates accepted")
	}
}

func TestImportEncodingsAndDelimiters(t *testing.T) {
	f := newFixture(t)
	text := "Rechnungsnr;Kunde;Datum;Fällig;Betrag\nR-1;Jürgen Groß;01.10.2026;15.10.2026;1.234,56\n"
	win, _ := charmap.Windows1252.NewEncoder().String(text)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(text, "R-1", "R-2"))
	bom := "\ufeff" + strings.ReplaceAll(text, "R-1", "R-3")
	opts := app.ImportOptions{Mapping: map[string]app.Field{"Rechnungsnr": app.FieldNumber, "Kunde": app.FieldCustomer, "Datum": app.FieldIssueDate, "Fällig": app.FieldDueDate, "Betrag": app.FieldAmount}}
	for name, content := range map[string]string{"win.csv": win, "u16.csv": u16, "bom.csv": bom} {
		rep, err := f.imp(app.ImportInvoices, f.file(name, content), opts)
		if err != nil || rep.Added != 1 {
			t.Fatalf("%s: %+v %v", name, rep, err)
		}
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE amount = 123456`); n != 3 {
		t.Fatalf("amounts with decimal comma: %d of 3", n)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Jürgen Groß'`); n != 1 {
		t.Fatalf("name decoded wrongly or duplicated: %d", n)
	}
}

func TestImportRefusesHostileCells(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("x", 1<<20)
	csv := "Invoice No,Customer,Date,Amount,Memo\n" +
		"H1,=HYPERLINK(\"http://evil\"),2026-10-01,10.00,@SUM(A1)\n" +
		"H2,Nul\x00Byte,2026-10-01,10.00,x\n" +
		"H3,Long,2026-10-01,10.00," + long + "\n" +
		"H4,Formula Amount,2026-10-01,=1+2,x\n"
	rep, err := f.imp(app.ImportInvoices, f.file("hostile.csv", csv), app.ImportOptions{SkipInvalid: true})
	if err != nil || rep.Added != 1 || rep.Rejected != 3 {
		t.Fatalf("%+v %v", rep, err)
	}
	msgs := ""
	for _, p := range rep.Problems {
		msgs += p.String() + "\n"
	}
	for _, want := range []string{"NUL", "too long", "not an amount"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("problems do not mention %q:\n%s", want, msgs)
		}
	}
	// A formula is kept as text, exactly as written, never evaluated.
	if n := f.count(`SELECT count(*) FROM customers WHERE name = '=HYPERLINK("http://evil")'`); n != 1 {
		t.Fatal("formula cell not kept as text")
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE description = '@SUM(A1)'`); n != 1 {
		t.Fatal("formula memo not kept as text")
	}
}

func TestImportRefusesEmptyAndShapelessFiles(t *testing.T) {
	f := newFixture(t)
	for name, content := range map[string]string{
		"empty.csv":     "",
		"blank.csv":     "\n\n  \n",
		"header.csv":    "Invoice No,Customer,Amount\n",
		"unknown.csv":   "foo,bar,baz\n1,2,3\n",
		"binary.csv":    "\x00\x01\x02\x00\x00\x00\x00\x00",
		"onecolumn.csv": "Invoice No:Customer:Amount\n1:Ann:5\n",
	} {
		_, err := f.imp(app.ImportInvoices, f.file(name, content), app.ImportOptions{})
		if err == nil || app.Sentence(err) == "" || strings.Contains(app.Sentence(err), "did not expect") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := f.imp(app.ImportInvoices, filepath.Join(t.TempDir(), "missing.csv"), app.ImportOptions{}); app.CodeOf(err) != app.CodeNotFound {
		t.Errorf("missing file: %v", err)
	}
}

func TestImportCreditNotesAndPayments(t *testing.T) {
	f := newFixture(t)
	inv := "Type,Num,Name,Date,Due Date,Amount\nInvoice,P-1,Ann Lee,2026-09-01,2026-09-15,100.00\nInvoice,P-2,Ann Lee,2026-10-01,2026-10-15,50.00\nCredit Memo,CM-1,Ann Lee,2026-10-05,2026-10-05,-20.00\n"
	rep, err := f.imp(app.ImportInvoices, f.file("inv.csv", inv), app.ImportOptions{})
	if err != nil || rep.Added != 3 {
		t.Fatalf("%+v %v", rep, err)
	}
	credit, _ := f.store.Credit(int64(f.count(`SELECT id FROM customers`)))
	if len(credit) != 1 || credit[0].Amount != 2000 {
		t.Fatalf("credit note did not become credit: %+v", credit)
	}
	pay := "Date,Customer,Amount,Method,Reference,Invoice\n2026-10-20,Ann Lee,30.00,cash,,P-2\n2026-10-21,Ann Lee,80.00,card,R9,\n2026-10-21,Ann Lee,80.00,card,R9,\n"
	path := f.file("pay.csv", pay)
	rep, err = f.imp(app.ImportPayments, path, app.ImportOptions{})
	if err != nil || rep.Added != 3 {
		t.Fatalf("payments %+v %v", rep, err)
	}
	// P-2 got 30 named; 80 went to P-1 (oldest); the second 80 paid P-1's last 20 and P-2's 20, 40 is credit.
	if p1, p2 := f.count(`SELECT paid FROM invoices WHERE number = 'P-1'`), f.count(`SELECT paid FROM invoices WHERE number = 'P-2'`); p1 != 10000 || p2 != 5000 {
		t.Fatalf("paid P-1 %d P-2 %d", p1, p2)
	}
	again, err := f.imp(app.ImportPayments, path, app.ImportOptions{})
	if err != nil || again.Added != 0 || again.Unchanged != 3 {
		t.Fatalf("payments twice %+v %v", again, err)
	}
	unknown := "Date,Customer,Amount\n2026-10-20,Nobody Known,30.00\n"
	if _, err := f.imp(app.ImportPayments, f.file("unknown.csv", unknown), app.ImportOptions{}); err == nil {
		t.Fatal("payment for an unknown customer accepted")
	}
	f.mustCheck()
}

func TestImportCustomersAndXLSX(t *testing.T) {
	f := newFixture(t)
	x := excelize.NewFile()
	rows := [][]any{
		{"Name", "E-Mail", "Street", "ZIP", "City", "Country", "Customer Type"},
		{"Ωμέγα Α.Ε.", "omega@example.com", "οδός Ερμού 5", "105 51", "Αθήνα", "GR", "business"},
		{"Sam O'Neill", "sam@example.com", "1 High Street", "SW1A 1AA", "London", "GB", "consumer"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	path := filepath.Join(t.TempDir(), "customers.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rep, err := f.imp(app.ImportCustomers, path, app.ImportOptions{})
	if err != nil || rep.Added != 2 {
		t.Fatalf("%+v %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE kind = 'business' AND city = 'Αθήνα' AND postal_code = '105 51'`); n != 1 {
		t.Fatal("greek business not imported as written")
	}
	again, err := f.imp(app.ImportCustomers, path, app.ImportOptions{})
	if err != nil || again.Unchanged != 2 {
		t.Fatalf("again %+v %v", again, err)
	}
	// Invoices from XLSX with real date cells (serial numbers).
	inv := excelize.NewFile()
	inv.SetSheetRow("Sheet1", "A1", &[]any{"Invoice", "Customer", "Date", "Due", "Total"})
	inv.SetSheetRow("Sheet1", "A2", &[]any{"X-1", "Sam O'Neill", 46296, 46310, 45.5})
	xp := filepath.Join(t.TempDir(), "inv.xlsx")
	inv.SaveAs(xp)
	rep, err = f.imp(app.ImportInvoices, xp, app.ImportOptions{})
	if err != nil || rep.Added != 1 {
		t.Fatalf("xlsx invoices %+v %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE issue_date = '2026-10-01' AND due_date = '2026-10-15' AND amount = 4550`); n != 1 {
		t.Fatal("xlsx serial dates or amount misread")
	}
}

func TestImportCancelLeavesNothing(t *testing.T) {
	f := newFixture(t)
	path := writeInvoiceCSV(t, t.TempDir(), 5000)
	ctx, cancel := context.WithCancel(context.Background())
	progress := func(done, total int) {
		if done >= 2000 {
			cancel()
		}
	}
	_, err := f.ledger.Import(ctx, app.ImportInvoices, path, app.ImportOptions{}, progress)
	if err == nil || !strings.Contains(app.Sentence(err), "cancelled") {
		t.Fatalf("cancel: %v", err)
	}
	if n := f.count(`SELECT count(*) FROM invoices`) + f.count(`SELECT count(*) FROM customers`); n != 0 {
		t.Fatalf("cancelled import left %d rows", n)
	}
	f.mustCheck()
}

func TestLargeImportRebuildsIndexesEvenWhenCancelled(t *testing.T) {
	f := newFixture(t)
	indexes := func() int {
		return f.count(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'invoices'`)
	}
	before := indexes()
	path := writeInvoiceCSV(t, t.TempDir(), 25000)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := f.ledger.Import(ctx, app.ImportInvoices, path, app.ImportOptions{}, func(done, total int) {
		if done > 15000 {
			cancel()
		}
	})
	if err == nil || indexes() != before || f.count(`SELECT count(*) FROM invoices`) != 0 {
		t.Fatalf("cancelled bulk import: %v, %d indexes of %d", err, indexes(), before)
	}
	rep, err := f.ledger.Import(context.Background(), app.ImportInvoices, path, app.ImportOptions{}, nil)
	if err != nil || rep.Added != 25000 || indexes() != before {
		t.Fatalf("bulk import: %+v %v, %d indexes of %d", rep, err, indexes(), before)
	}
	// The rebuilt partial index answers the open-invoice queries exactly as a scan would.
	if a, b := f.count(`SELECT count(*) FROM invoices WHERE paid < amount`), f.count(`SELECT count(*) FROM invoices NOT INDEXED WHERE paid < amount`); a != b || a == 0 {
		t.Fatalf("open invoices by index %d, by scan %d", a, b)
	}
	f.mustCheck()
}
