package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"duebook/app"
)

func TestBillsScreenAddsRefusesAndMarksPaid(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Bills")
	v := s.Payables
	before := v.pages.len() // the sample's own bills
	if s.Current() != "Bills" || before == 0 {
		t.Fatalf("screen %q with %d bills", s.Current(), before)
	}
	test.Tap(v.Add)
	f := v.Form
	test.Type(f.Supplier, "Landlord")
	test.Type(f.Amount, "twelve")
	test.Tap(overlayButton(t, s.win, "Save"))
	if notes := overlayNotes(s.win); len(notes) != 1 || !strings.Contains(notes[0], "twelve") {
		t.Fatalf("a bad amount is not named at its field: %q", notes)
	}
	if f.Supplier.Text != "Landlord" || f.Amount.Text != "twelve" {
		t.Fatal("the input was lost")
	}
	if n, _ := ledger.CountPayables(); n != before {
		t.Fatal("a bill was saved from a form with an error")
	}
	f.Amount.SetText("1200.00")
	f.Due.SetDate(testToday.AddDays(3))
	test.Tap(overlayButton(t, s.win, "Save"))
	row := -1
	for i := 0; i < v.pages.len(); i++ {
		if p, _ := v.pages.at(i); p.Supplier == "Landlord" {
			row = i
		}
	}
	p, _ := v.pages.at(row)
	if row < 0 || p.Amount != 120000 || p.Due != testToday.AddDays(3) || p.Paid() {
		t.Fatalf("stored %+v", p)
	}
	if v.pages.len() != before+1 || v.Count.Text != plural(before+1, "bill", "bills") {
		t.Fatalf("the list shows %d (%q)", v.pages.len(), v.Count.Text)
	}
	v.List.OnSelected(row)
	if v.Form.MarkPaid == nil {
		t.Fatal("an unpaid bill offers no Mark paid")
	}
	test.Tap(v.Form.MarkPaid)
	if p, _ = ledger.Payable(p.ID); !p.Paid() || p.PaidOn != ledger.Today() {
		t.Fatalf("not paid: %+v", p)
	}
	if !strings.HasPrefix(v.state(p), "paid") {
		t.Fatalf("state %q", v.state(p))
	}
	v.Cash.SetText("-250.50")
	test.Tap(v.SetCash)
	if cash, _ := ledger.CashOpening("EUR"); cash != -25050 {
		t.Fatalf("cash at hand %d", cash)
	}
}

func TestWriteOffFromTheInvoice(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Invoices")
	v := s.Invoices
	v.State.SetSelected("Overdue")
	row, ok := v.pages.at(0)
	if !ok {
		t.Fatal("no overdue invoice in the sample")
	}
	v.edit(row.ID)
	if v.Form.WriteOff == nil {
		t.Fatal("an open invoice offers no Write off")
	}
	test.Tap(v.Form.WriteOff)
	test.Tap(overlayButton(t, s.win, "Write off"))
	if notes := overlayNotes(s.win); len(notes) != 1 || !strings.Contains(notes[0], "why the invoice is written off") {
		t.Fatalf("no reason is not refused at its field: %q", notes)
	}
	entries := overlayEntries(s.win)
	test.Type(entries[len(entries)-1], "Customer insolvent")
	test.Tap(overlayButton(t, s.win, "Write off"))
	inv, _ := ledger.Invoice(row.ID)
	if inv.Open() != 0 || inv.WrittenOff.IsZero() || app.StateOf(inv, testToday).Status != app.StatusWrittenOff {
		t.Fatalf("after the write-off: %+v", inv)
	}
	v.State.SetSelected("Written off")
	if r, ok := v.pages.at(0); !ok || v.pages.len() != 1 || r.ID != row.ID {
		t.Fatalf("the written-off list shows %d", v.pages.len())
	}
}

func TestTermsInTheCustomerAndInvoiceForms(t *testing.T) {
	s, ledger := sampleShell(t)
	rows, _ := ledger.ListCustomers("", 0, 1)
	c, _ := ledger.CustomerByID(rows[0].ID)
	f := newCustomerForm(s.win, app.DateISO, "en", c, ledger.Today)
	f.terms.Net.SetText("30")
	f.terms.Percent.SetText("2")
	if _, err := f.customer(); err == nil || !strings.Contains(app.Sentence(err), "needs the days") {
		t.Fatalf("a discount without days: %v", err)
	}
	f.terms.Within.SetText("10")
	next, err := f.customer()
	if err != nil || next.Terms != (app.Terms{NetDays: 30, DiscountBP: 200, DiscountDays: 10}) {
		t.Fatalf("%+v %v", next.Terms, err)
	}
	if _, err := ledger.UpdateCustomer(next); err != nil {
		t.Fatal(err)
	}
	// A new invoice for the customer takes the terms; the form shows and keeps them.
	inv, err := ledger.SaveInvoice(app.Invoice{Number: "TERMS-1", CustomerID: c.ID, IssueDate: testToday, DueDate: testToday.AddDays(30), Currency: "EUR", Amount: 10000})
	if err != nil || inv.Terms.DiscountBP != 200 {
		t.Fatalf("%+v %v", inv.Terms, err)
	}
	inf := NewInvoiceForm(s.win, ledger, s.nf, inv)
	if inf.Terms.Net.Text != "30" || inf.Terms.Percent.Text != "2.00" || inf.Terms.Within.Text != "10" {
		t.Fatalf("form shows %q %q %q", inf.Terms.Net.Text, inf.Terms.Percent.Text, inf.Terms.Within.Text)
	}
	inf.Terms.Percent.SetText("3")
	if saved, err := inf.Save(); err != nil || saved.Terms.DiscountBP != 300 {
		t.Fatalf("%+v %v", saved.Terms, err)
	}
}

func TestPaymentPreviewNamesTheDiscount(t *testing.T) {
	res := app.PaymentResult{Payment: app.Payment{Currency: "EUR", Amount: 98000},
		Allocations: []app.AllocationLine{{Number: "T-1", Amount: 98000, Discount: 2000}}}
	if got := describe(res, app.FormatDot); !strings.Contains(got, "980.00 to invoice T-1 (paid in full with the early-payment discount of 20.00)") {
		t.Fatalf("%q", got)
	}
}
