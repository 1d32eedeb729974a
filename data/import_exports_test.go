package data_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"duebook/app"
)

// Real exports, in the layouts the programs write, import with no mapping. Every figure below is
// worked out by hand from the file.

func export(name string) string { return filepath.Join("testdata", "exports", name) }

// ledgerRows lists the stored invoices as "number customer currency amount paid issue due".
func (f *fixture) ledgerRows() []string {
	f.t.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT i.number, c.name, i.currency, i.amount, i.paid, i.issue_date, i.due_date
		FROM invoices i JOIN customers c ON c.id = i.customer_id ORDER BY i.number`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var num, name, cur, issue, due string
		var amount, paid int64
		if err := rows.Scan(&num, &name, &cur, &amount, &paid, &issue, &due); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, strings.Join([]string{num, name, cur, app.Decimal(amount, app.MustCurrency(cur)), app.Decimal(paid, app.MustCurrency(cur)), issue, due}, " | "))
	}
	return out
}

// credits lists the credit notes stored as customer credit: "customer currency amount reference".
func (f *fixture) credits() []string {
	f.t.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT c.name, p.currency, p.amount, p.reference FROM payments p JOIN customers c ON c.id = p.customer_id
		WHERE p.method = ? ORDER BY p.reference`, string(app.MethodCreditNote))
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, cur, ref string
		var amount int64
		if err := rows.Scan(&name, &cur, &amount, &ref); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, strings.Join([]string{name, cur, app.Decimal(amount, app.MustCurrency(cur)), ref}, " | "))
	}
	return out
}

func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %s\nwant %s", what, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// importExport imports a file as invoices, twice: the second time adds nothing.
func (f *fixture) importExport(name string, opts app.ImportOptions) app.ImportReport {
	f.t.Helper()
	rep, err := f.imp(app.ImportInvoices, export(name), opts)
	if err != nil {
		f.t.Fatalf("%s: %v\n%s", name, err, strings.Join(reportAll(rep), "\n"))
	}
	again, err := f.imp(app.ImportInvoices, export(name), opts)
	if err != nil || again.Added != 0 || again.Updated != 0 {
		f.t.Fatalf("%s imported again: %+v %v", name, again, err)
	}
	f.mustCheck()
	return rep
}

func reportAll(rep app.ImportReport) []string {
	n, c, p := rep.Lines()
	return append(append(n, c...), p...)
}

func notesSay(t *testing.T, rep app.ImportReport, wants ...string) {
	t.Helper()
	notes := strings.Join(rep.Notes, "\n")
	for _, w := range wants {
		if !strings.Contains(notes, w) {
			t.Errorf("the report does not say %q:\n%s", w, notes)
		}
	}
}

func TestImportXeroInvoiceExportGroupsLineItems(t *testing.T) {
	f := newFixture(t)
	rep := f.importExport("xero-invoices.csv", app.ImportOptions{})
	// 9 rows: INV-0041 has 3 lines, INV-0043 2, INV-0042 1, credit note CN-0007 1; INV-0044 is
	// voided and INV-0045 a draft, neither owed.
	if rep.Rows != 9 || rep.Added != 4 || rep.CreditNotes != 1 || rep.Rejected != 0 {
		t.Fatalf("report %+v", rep)
	}
	sameRows(t, "invoices", f.ledgerRows(), []string{
		"INV-0041 | Bayside Club | GBP | 473.40 | 100.00 | 2026-10-14 | 2026-11-13",
		"INV-0042 | Ridgeway Bakery Ltd | GBP | 960.00 | 0.00 | 2026-10-21 | 2026-11-20",
		"INV-0043 | Marine Systems | GBP | 432.00 | 432.00 | 2026-10-28 | 2026-11-27",
	})
	sameRows(t, "credit notes", f.credits(), []string{"Bayside Club | GBP | 24.00 | CN-0007"})
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Bayside Club' AND postal_code = 'BN1 2AB' AND city = 'Brighton' AND address1 = '12 Harbour Road' AND email = 'accounts@bayside.example'`); n != 1 {
		t.Error("the customer's PO address and email were not read")
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Ridgeway Bakery Ltd' AND address2 = 'Unit 2'`); n != 1 {
		t.Error("POAddressLine2 was not read")
	}
	notesSay(t, rep, "3 rows are further lines of invoices", "the lines of 3 invoices are kept with them",
		`row 9 was left out: its status is "Voided"`, `row 10 was left out: its status is "Draft"`)
	if !strings.Contains(rep.Summary(), "3 invoices and 1 credit note created") {
		t.Errorf("summary %q", rep.Summary())
	}
	// The lines are kept with one tax rate (20 %), and add up to the invoice's total.
	inv, err := f.store.Invoice(int64(f.count(`SELECT id FROM invoices WHERE number = 'INV-0041'`)))
	if err != nil || len(inv.Lines) != 3 {
		t.Fatalf("INV-0041 lines %+v %v", inv.Lines, err)
	}
	want := []app.InvoiceLine{{Description: "Consulting", Quantity: 2000, UnitPrice: 15000, TaxRate: 2000},
		{Description: "Travel to site", Quantity: 1000, UnitPrice: 4550, TaxRate: 2000},
		{Description: "Materials: hinges, screws", Quantity: 4000, UnitPrice: 1225, TaxRate: 2000}}
	for i, l := range inv.Lines {
		if l != want[i] {
			t.Errorf("line %d: %+v, want %+v", i+1, l, want[i])
		}
	}
	if total, err := app.LinesTotal(inv.Lines); err != nil || total != inv.Amount {
		t.Errorf("the lines add up to %d, the invoice is %d", total, inv.Amount)
	}
}

func TestImportQuickBooksOpenInvoicesReport(t *testing.T) {
	f := newFixture(t)
	rep := f.importExport("qbo-open-invoices.csv", app.ImportOptions{})
	if rep.Rows != 5 || rep.Added != 5 || rep.Rejected != 0 {
		t.Fatalf("report %+v\n%s", rep, strings.Join(reportAll(rep), "\n"))
	}
	// The customer is the group heading above the rows; the amount is the open balance; £ is GBP.
	sameRows(t, "invoices", f.ledgerRows(), []string{
		"1021 | Amy's Bird Sanctuary | GBP | 239.00 | 0.00 | 2026-09-10 | 2026-10-10",
		"1035 | Amy's Bird Sanctuary | GBP | 1250.50 | 0.00 | 2026-10-15 | 2026-11-14",
		"1030 | Cool Cars | GBP | 694.00 | 0.00 | 2026-10-02 | 2026-10-17",
		"1037 | Dukes Basketball Camp | GBP | 460.40 | 0.00 | 2026-10-20 | 2026-11-19",
		"1038 | Dukes Basketball Camp | GBP | 2025.00 | 0.00 | 2026-11-01 | 2026-12-01",
	})
	notesSay(t, rep, "3 title lines above the column names were skipped", "3 group headings", "3 subtotal rows",
		"1 grand total row", "1 footer line", "£ is GBP", "open balance")
}

func TestImportQuickBooksAgingDetailReport(t *testing.T) {
	f := newFixture(t)
	rep := f.importExport("qbo-ar-aging-detail.csv", app.ImportOptions{})
	// 4 invoices, a credit note and a payment of £75.00 of which £50.00 is not yet applied.
	if rep.Rows != 6 || rep.Added != 6 || rep.Payments != 1 || rep.CreditNotes != 1 || rep.Rejected != 0 {
		t.Fatalf("report %+v\n%s", rep, strings.Join(reportAll(rep), "\n"))
	}
	sameRows(t, "invoices", f.ledgerRows(), []string{
		"1042 | Bluebell Tea Rooms | GBP | 1200.00 | 0.00 | 2026-11-15 | 2026-12-15",
		"1031 | Oakfield Dental | GBP | 850.00 | 425.00 | 2026-10-01 | 2026-10-31",
		"1019 | Quarry Lane Garage | GBP | 2340.75 | 0.00 | 2026-09-02 | 2026-10-02",
		"1024 | Oakfield Dental | GBP | 99.95 | 0.00 | 2026-09-12 | 2026-10-12",
	})
	sameRows(t, "credit notes", f.credits(), []string{"Bluebell Tea Rooms | GBP | 120.00 | 1043"})
	if n := f.count(`SELECT count(*) FROM payments p JOIN customers c ON c.id = p.customer_id WHERE c.name = 'Oakfield Dental'
		AND p.amount = 5000 AND p.currency = 'GBP' AND p.received_on = '2026-11-20' AND p.method = ?`, string(app.MethodOther)); n != 1 {
		t.Error("the unapplied payment did not become Oakfield Dental's credit of 50.00")
	}
	if !strings.Contains(rep.Summary(), "4 invoices, 1 credit note and 1 payment created") {
		t.Errorf("summary %q", rep.Summary())
	}
	notesSay(t, rep, "3 group headings (a name alone on a row)", "3 subtotal rows", "1 grand total row", "1 footer line")
}

func TestImportReportWhoseSubtotalDisagreesIsRefused(t *testing.T) {
	f := newFixture(t)
	content := strings.Replace(readFile(t, export("qbo-ar-aging-detail.csv")), `Total for 1 - 30 days past due,,,,,,,£850.00,£425.00`,
		`Total for 1 - 30 days past due,,,,,,,£950.00,£425.00`, 1)
	rep, err := f.imp(app.ImportInvoices, f.file("aging.csv", content), app.ImportOptions{})
	if err == nil || rep.Rejected != 1 || f.count(`SELECT count(*) FROM invoices`) != 0 {
		t.Fatalf("a report whose subtotal does not add up was imported: %+v %v", rep, err)
	}
	if p := strings.Join(reportAll(rep), "\n"); !strings.Contains(p, `"Total for 1 - 30 days past due" says £950.00, but the rows above it add up to 850.00`) {
		t.Errorf("problem not said: %s", p)
	}
}

func TestImportSevDeskExportWithGermanHeaders(t *testing.T) {
	f := newFixture(t)
	rep := f.importExport("sevdesk-rechnungen.csv", app.ImportOptions{})
	if rep.Rows != 4 || rep.Added != 4 || rep.Rejected != 0 {
		t.Fatalf("report %+v\n%s", rep, strings.Join(reportAll(rep), "\n"))
	}
	sameRows(t, "invoices", f.ledgerRows(), []string{
		"RE-1001 | Bäckerei Groß GmbH | EUR | 1190.00 | 0.00 | 2026-10-03 | 2026-10-17",
		"RE-1002 | Müller & Söhne KG | EUR | 2975.60 | 2000.00 | 2026-10-15 | 2026-10-29",
		"RE-1003 | Bäckerei Groß GmbH | EUR | 100.00 | 0.00 | 2026-11-02 | 2026-11-16",
	})
	sameRows(t, "credit notes", f.credits(), []string{"Müller & Söhne KG | EUR | 119.00 | GS-1004"})
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Müller & Söhne KG' AND postal_code = '80331' AND city = 'München' AND address1 = 'Lindenweg 12'`); n != 1 {
		t.Error("the German address columns were not read")
	}
}

func TestImportSquareInvoiceExport(t *testing.T) {
	f := newFixture(t)
	// The shop keeps euros: "$" could be any dollar, so the file is refused with a sentence.
	_, err := f.imp(app.ImportInvoices, export("square-invoices.csv"), app.ImportOptions{DryRun: true})
	if err == nil || !strings.Contains(app.Sentence(err), `written with "$", which several currencies use`) {
		t.Fatalf("dollar amounts in a euro shop: %v", err)
	}
	rep := f.importExport("square-invoices.csv", app.ImportOptions{DefaultCurrency: "USD"})
	if rep.Rows != 3 || rep.Added != 3 || rep.Rejected != 0 {
		t.Fatalf("report %+v\n%s", rep, strings.Join(reportAll(rep), "\n"))
	}
	sameRows(t, "invoices", f.ledgerRows(), []string{
		"000101 | Maple Street Café | USD | 1250.00 | 0.00 | 2026-10-05 | 2026-11-04",
		"000102 | Jordan Lee | USD | 480.00 | 200.00 | 2026-10-12 | 2026-10-26",
		"000103 | Maple Street Café | USD | 2100.00 | 0.00 | 2026-10-20 | 2026-11-19",
	})
	notesSay(t, rep, `column "Invoice ID" is not used`, "$ is USD")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportLineItemsThatDisagreeAreRefused(t *testing.T) {
	f := newFixture(t)
	xero := readFile(t, export("xero-invoices.csv"))
	lines := strings.Split(xero, "\n")
	// The third line of INV-0041 (row 4) gives another due date than its first line (row 2).
	lines[3] = strings.Replace(lines[3], "14/10/2026,13/11/2026", "14/10/2026,20/11/2026", 1)
	rep, err := f.imp(app.ImportInvoices, f.file("xero.csv", strings.Join(lines, "\n")), app.ImportOptions{})
	if err == nil || rep.Rejected != 1 || f.count(`SELECT count(*) FROM invoices`) != 0 {
		t.Fatalf("lines that disagree were imported: %+v %v", rep, err)
	}
	want := `row 4, column "*InvoiceNumber": invoice INV-0041 is on row 2 too, with another due date (2026-11-20, not 2026-11-13)`
	if p := strings.Join(reportAll(rep), "\n"); !strings.Contains(p, want) {
		t.Errorf("problem not said:\n%s\nwant %s", p, want)
	}
}

// Accounting notation: "(£120.00)" in a credit note's row is the credit's amount.
func TestImportBracketedAmountsOfCreditNotes(t *testing.T) {
	f := newFixture(t)
	aging := strings.Replace(readFile(t, export("qbo-ar-aging-detail.csv")), "-£120.00,-£120.00", `"(£120.00)","(£120.00)"`, 1)
	rep, err := f.imp(app.ImportInvoices, f.file("aging.csv", aging), app.ImportOptions{})
	if err != nil || rep.Added != 6 {
		t.Fatalf("%+v %v", rep, err)
	}
	sameRows(t, "credit notes", f.credits(), []string{"Bluebell Tea Rooms | GBP | 120.00 | 1043"})
}

// A pound amount in a row whose currency column says euros is a mistake, not euros.
func TestImportRefusesAnAmountInAnotherCurrencyThanItsColumn(t *testing.T) {
	f := newFixture(t)
	rep, err := f.imp(app.ImportInvoices, f.file("mixed.csv", "Invoice,Customer,Date,Amount,Currency\n1,Ann,2026-10-01,£10.00,EUR\n"), app.ImportOptions{})
	if err == nil || rep.Rejected != 1 || !strings.Contains(strings.Join(reportAll(rep), "\n"), `"£10.00" is not written in EUR`) {
		t.Fatalf("%+v %v", rep, err)
	}
}

// A customer whose name begins with "Total" is a customer, in a payment file (no invoice
// number) as much as anywhere; a TOTAL row below the payments is set aside.
func TestImportPaymentsOfACustomerCalledTotal(t *testing.T) {
	f := newFixture(t)
	f.customer("Total Fitness Ltd")
	content := "Customer,Date,Amount\nTotal Fitness Ltd,2026-11-02,25.00\nTOTAL,,25.00\n"
	rep, err := f.imp(app.ImportPayments, f.file("pay.csv", content), app.ImportOptions{})
	if err != nil || rep.Added != 1 || rep.Rejected != 0 {
		t.Fatalf("%+v %v\n%s", rep, err, strings.Join(reportAll(rep), "\n"))
	}
	notesSay(t, rep, "1 grand total row was skipped")
}

func TestImportQuickBooksCustomerContactList(t *testing.T) {
	f := newFixture(t)
	rep, err := f.imp(app.ImportCustomers, export("qbo-customer-contact-list.csv"), app.ImportOptions{})
	if err != nil || rep.Rows != 2 || rep.Added != 2 || rep.Rejected != 0 {
		t.Fatalf("%+v %v\n%s", rep, err, strings.Join(reportAll(rep), "\n"))
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Cool Cars' AND email = 'cool@cars.example' AND address1 = '65 Ocean Drive, Hove BN3 2AB'`); n != 1 {
		t.Error("Cool Cars was not read from its row")
	}
	notesSay(t, rep, "3 title lines above the column names were skipped", "1 footer line below the report was skipped")
}
