package app

import (
	"strings"
	"testing"
)

func TestHeaderKeyUndoesDecorations(t *testing.T) {
	for in, want := range map[string]string{
		"*InvoiceNumber": "invoice number", "InvoiceAmountDue": "invoice amount due", "POAddressLine1": "po address line 1",
		"POPostalCode": "po postal code", "*ContactName": "contact name", "INVOICE_NO": "invoice no", "Invoice #": "invoice #",
		"InvoiceID": "invoice id", "E-Mail": "e mail", "Fällig am": "fällig am", "  Due date ": "due date",
	} {
		if got := headerKey(in); got != want {
			t.Errorf("headerKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// The usual column names of accounting programs map with no help from the owner.
func TestBuildMappingKnowsTheExportsOfAccountingPrograms(t *testing.T) {
	cases := []struct {
		program string
		header  string
		want    map[Field]string
	}{
		{"Xero", "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InvoiceAmountPaid,InvoiceAmountDue,*Description,*Quantity,*UnitAmount,LineAmount,Currency,Type",
			map[Field]string{FieldCustomer: "*ContactName", FieldEmail: "EmailAddress", FieldAddress1: "POAddressLine1", FieldAddress2: "POAddressLine2",
				FieldCity: "POCity", FieldRegion: "PORegion", FieldPostalCode: "POPostalCode", FieldCountry: "POCountry", FieldNumber: "*InvoiceNumber",
				FieldExternalRef: "Reference", FieldIssueDate: "*InvoiceDate", FieldDueDate: "*DueDate", FieldAmount: "Total", FieldPaid: "InvoiceAmountPaid",
				FieldBalance: "InvoiceAmountDue", FieldQuantity: "*Quantity", FieldUnitPrice: "*UnitAmount", FieldLineAmount: "LineAmount", FieldType: "Type"}},
		{"QuickBooks Online", "Date,Transaction type,Num,Customer,Due date,Amount,Open balance",
			map[Field]string{FieldIssueDate: "Date", FieldType: "Transaction type", FieldNumber: "Num", FieldCustomer: "Customer", FieldAmount: "Amount", FieldBalance: "Open balance"}},
		{"QuickBooks Desktop", "Type,Date,Num,P. O. #,Name,Terms,Due Date,Aging,Open Balance",
			map[Field]string{FieldType: "Type", FieldNumber: "Num", FieldExternalRef: "P. O. #", FieldCustomer: "Name", FieldDueDate: "Due Date", FieldBalance: "Open Balance"}},
		{"Sage", "Customer Name,Invoice Number,Invoice Date,Due Date,Reference,Net Amount,VAT Amount,Total Amount,Outstanding Amount,Status",
			map[Field]string{FieldCustomer: "Customer Name", FieldNumber: "Invoice Number", FieldAmount: "Total Amount", FieldBalance: "Outstanding Amount"}},
		{"FreshBooks", "Client Name,Invoice #,Date Issued,Due Date,Invoice Status,Amount,Amount Outstanding,Currency",
			map[Field]string{FieldCustomer: "Client Name", FieldNumber: "Invoice #", FieldIssueDate: "Date Issued", FieldBalance: "Amount Outstanding"}},
		{"Wave", "Customer,Invoice Number,Invoice Date,Due Date,Total,Amount Due,Currency",
			map[Field]string{FieldNumber: "Invoice Number", FieldAmount: "Total", FieldBalance: "Amount Due"}},
		{"Zoho", "Invoice Date,Invoice ID,Invoice Number,Invoice Status,Customer Name,Due Date,Currency Code,Total,Balance,Item Name,Quantity,Item Price,Item Total,Billing City,Billing Code",
			map[Field]string{FieldNumber: "Invoice Number", FieldCurrency: "Currency Code", FieldUnitPrice: "Item Price", FieldLineAmount: "Item Total", FieldCity: "Billing City", FieldPostalCode: "Billing Code"}},
		{"Square", "Invoice ID,Invoice Number,Invoice Title,Customer Name,Customer Email,Invoice Date,Due Date,Status,Requested Amount,Amount Paid",
			map[Field]string{FieldNumber: "Invoice Number", FieldDescription: "Invoice Title", FieldAmount: "Requested Amount", FieldPaid: "Amount Paid"}},
		{"lexoffice", "Rechnungsnummer,Rechnungsdatum,Fälligkeitsdatum,Kundenname,Betrag (brutto),Offener Betrag,Währung",
			map[Field]string{FieldNumber: "Rechnungsnummer", FieldIssueDate: "Rechnungsdatum", FieldDueDate: "Fälligkeitsdatum", FieldCustomer: "Kundenname",
				FieldAmount: "Betrag (brutto)", FieldBalance: "Offener Betrag", FieldCurrency: "Währung"}},
		{"sevDesk", "Rechnungsnummer;Rechnungsdatum;Fällig am;Kunde;Straße;PLZ;Ort;Land;Rechnungstyp;Brutto;Offen",
			map[Field]string{FieldDueDate: "Fällig am", FieldCustomer: "Kunde", FieldAddress1: "Straße", FieldType: "Rechnungstyp", FieldAmount: "Brutto", FieldBalance: "Offen"}},
		{"a plain spreadsheet", "Customer,Invoice,Date,Due,Amount,Paid",
			map[Field]string{FieldCustomer: "Customer", FieldNumber: "Invoice", FieldIssueDate: "Date", FieldDueDate: "Due", FieldAmount: "Amount", FieldPaid: "Paid"}},
	}
	for _, c := range cases {
		header := strings.FieldsFunc(c.header, func(r rune) bool { return r == ',' || r == ';' })
		m, _, err := BuildMapping(ImportInvoices, header, nil)
		if err != nil {
			t.Errorf("%s: %v", c.program, err)
			continue
		}
		for f, col := range c.want {
			if i, ok := m[f]; !ok || header[i] != col {
				t.Errorf("%s: %s is not read from %q", c.program, f, col)
			}
		}
	}
}

// No name means two fields in one kind of file: which one it meant would depend on chance.
func TestEveryColumnNameMeansOneField(t *testing.T) {
	for _, kind := range []ImportKind{ImportCustomers, ImportInvoices, ImportPayments} {
		seen := map[string]Field{}
		for f, names := range synonymsFor(kind) {
			for _, n := range names {
				k := headerKey(n)
				if prev, ok := seen[k]; ok && prev != f {
					t.Errorf("%s: %q means both %s and %s", kind, n, prev, f)
				}
				seen[k] = f
			}
		}
	}
}

func TestAmountCurrencyReadsSignsAndCodes(t *testing.T) {
	for in, want := range map[string]string{"£1,234.56": "GBP", "1.234,56 €": "EUR", "EUR 12.00": "EUR", "-£50.00": "GBP",
		"(€1,234.56)": "EUR", "12.00": "", "US$ 5": "USD", "CHF 100.00": "CHF", "$3.00": "$", "100 kr": "kr"} {
		code, sign, err := amountCurrency(in)
		if err != nil || code+sign != want {
			t.Errorf("amountCurrency(%q) = %q %q %v, want %q", in, code, sign, err, want)
		}
	}
	if _, _, err := amountCurrency("n/a"); err == nil {
		t.Error(`"n/a" was read as an amount`)
	}
}

func TestCreditNoteWords(t *testing.T) {
	for _, w := range []string{"Sales credit note", "Credit Memo", "Credit Note", "Gutschrift", "Stornorechnung", "SC", "ACCRECCREDIT"} {
		if !isCreditType(w) {
			t.Errorf("%q is not read as a credit note", w)
		}
	}
	for _, w := range []string{"Invoice", "Sales invoice", "Rechnung", "Accrec", "SI"} {
		if isCreditType(w) {
			t.Errorf("%q is read as a credit note", w)
		}
	}
}

// A data row with words that are also column names ("Invoice", "Paid") never passes for the
// header: the file's first row stays its header, and the owner chooses the columns.
func TestReportLayoutKeepsAHeaderOfUnknownNames(t *testing.T) {
	tab := &Table{Name: "own.csv", Header: []string{"Beleg", "Wer", "Tag", "Summe EUR", "Art", "Status"},
		Rows: [][]string{{"DE-1", "Ann", "01.11.2026", "10,00", "Invoice", "Paid"}, {"DE-2", "Bo", "02.11.2026", "12,00", "Invoice", "Open"}}}
	l, err := newReportLayout(ImportInvoices, tab, nil)
	if err != nil || l.skip != 0 || l.Info().Header[0] != "Beleg" {
		t.Fatalf("the header became %v (skip %d): %v", l.Info().Header, l.skip, err)
	}
	// Title lines above a header are skipped however the header is found.
	rep := &Table{Name: "report.csv", Header: []string{"Open Invoices"},
		Rows: [][]string{{"Shop Ltd"}, {"As of November 22, 2026"}, {"", "Date", "Num", "Due date", "Open balance"}, {"Ann"}, {"", "01/11/2026", "7", "15/11/2026", "5.00"}}}
	l, err = newReportLayout(ImportInvoices, rep, nil)
	if err != nil || l.skip != 3 || !l.group || l.Info().Header[5] != "Customer" {
		t.Fatalf("report header %v skip %d group %v: %v", l.Info().Header, l.skip, l.group, err)
	}
}

func TestSummaryCountsInvoicesCreditNotesAndPayments(t *testing.T) {
	r := ImportReport{Kind: ImportInvoices, File: "a.csv", Rows: 8, Added: 6, CreditNotes: 1, Payments: 1}
	if s := r.Summary(); !strings.Contains(s, "6 (4 invoices, 1 credit note and 1 payment) would be added") {
		t.Errorf("check: %s", s)
	}
	r.Applied = true
	if s := r.Summary(); !strings.Contains(s, "4 invoices, 1 credit note and 1 payment created") || strings.Contains(s, "would") {
		t.Errorf("import: %s", s)
	}
}

// Zoho-like lines without an invoice total: the invoice is the sum of its lines, kept with it.
func TestLinesWithoutATotalAddUp(t *testing.T) {
	tab := &Table{Name: "zoho.csv", Header: []string{"Invoice Number", "Customer Name", "Invoice Date", "Item Name", "Quantity", "Item Price", "Currency Code"},
		Rows: [][]string{
			{"INV-7", "Ann Shop", "2026-11-02", "Shelf", "2", "10.00", "EUR"},
			{"INV-7", "Ann Shop", "2026-11-02", "Delivery", "1", "5.50", "EUR"},
			{"INV-8", "Bo Ltd", "2026-11-03", "Desk", "1.5", "100.00", "EUR"},
		}}
	plan, err := PlanImport(ImportInvoices, tab, ImportOptions{DefaultCurrency: "EUR"}, fakeSnapshot{})
	if err != nil || plan.NewInvoiceCount() != 2 || plan.Report.Rejected != 0 {
		t.Fatalf("%+v %v", plan, err)
	}
	a, b := plan.NewInvoice(0), plan.NewInvoice(1)
	if a.Number != "INV-7" || a.Amount != 2550 || b.Amount != 15000 {
		t.Fatalf("amounts %d %d", a.Amount, b.Amount)
	}
	lines := plan.NewInvoiceLines(0)
	if len(lines) != 2 || lines[0] != (InvoiceLine{Description: "Shelf", Quantity: 2000, UnitPrice: 1000}) || lines[1].UnitPrice != 550 {
		t.Fatalf("lines %+v", lines)
	}
	if l := plan.NewInvoiceLines(1); len(l) != 1 || l[0].Quantity != 1500 {
		t.Fatalf("lines %+v", l)
	}
}

// QuickBooks Desktop saves a report without title lines, its first column name blank: the group
// headings in that column still name the customers.
func TestReportWithoutTitlesTakesTheCustomerFromItsHeadings(t *testing.T) {
	tab := &Table{Name: "desktop.csv", Header: []string{"", "Type", "Date", "Num", "Due Date", "Open Balance"},
		Rows: [][]string{{"Ann's Bakery"}, {"", "Invoice", "01/11/2026", "71", "15/11/2026", "40.00"},
			{"Total Ann's Bakery", "", "", "", "", "40.00"}, {"TOTAL", "", "", "", "", "40.00"}}}
	plan, err := PlanImport(ImportInvoices, tab, ImportOptions{DefaultCurrency: "USD"}, fakeSnapshot{})
	if err != nil || plan.NewInvoiceCount() != 1 || len(plan.NewCustomers) != 1 || plan.NewCustomers[0].Name != "Ann's Bakery" {
		t.Fatalf("%+v %v", plan, err)
	}
	if inv := plan.NewInvoice(0); inv.Amount != 4000 || inv.IssueDate.String() != "2026-11-01" {
		t.Fatalf("invoice %+v", inv)
	}
}

// Lines without a total and an open balance repeated on each: the balance is checked against
// the sum of the lines, not against the first line.
func TestOpenBalanceOfLinesIsCheckedAgainstTheirSum(t *testing.T) {
	tab := &Table{Name: "lines.csv", Header: []string{"InvoiceNumber", "ContactName", "InvoiceDate", "Description", "Quantity", "UnitAmount", "InvoiceAmountDue"},
		Rows: [][]string{
			{"L-1", "Ann", "2026-11-02", "Shelf", "1", "10.00", "25.00"},
			{"L-1", "Ann", "2026-11-02", "Desk", "1", "20.00", "25.00"},
			{"L-2", "Bo", "2026-11-02", "Lamp", "1", "5.00", "9.00"},
		}}
	plan, err := PlanImport(ImportInvoices, tab, ImportOptions{DefaultCurrency: "EUR"}, fakeSnapshot{})
	if err != nil {
		t.Fatal(err)
	}
	if a := plan.NewInvoice(0); a.Amount != 3000 || a.PaidBefore != 500 {
		t.Errorf("L-1: %d paid %d, want 30.00 paid 5.00", a.Amount, a.PaidBefore)
	}
	if plan.Report.Rejected != 1 || len(plan.Report.Problems) != 1 || plan.Report.Problems[0].Row != 4 || plan.NewInvoice(1).PaidBefore != 0 {
		t.Errorf("L-2, open 9.00 of 5.00: %+v", plan.Report.Problems)
	}
}
