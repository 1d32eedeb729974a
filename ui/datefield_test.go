package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// Dates are typed and shown the way of the shop's country, with a calendar beside the field; a
// date that only makes sense the other way round is refused at its field with how to write it.
func TestDatesAreTypedTheOwnersWay(t *testing.T) {
	s, ledger := sampleShell(t) // a German shop: 22.11.2026
	s.Show("Invoices")
	v := s.Invoices
	v.edit(0)
	f := findInvoiceForm(t, s)
	if f.Issue.Text() != "22.11.2026" || f.Due.Text() != "06.12.2026" {
		t.Fatalf("the form shows %q and %q", f.Issue.Text(), f.Due.Text())
	}
	f.Due.SetText("12/22/2026")
	rows, _ := ledger.ListCustomers("", 0, 1)
	label := "chosen (#1)"
	f.customers[label] = rows[0].ID
	f.Customer.SetText(label)
	f.Number.SetText("DATE-1")
	f.Amount.SetText("10")
	test.Tap(overlayButton(t, s.win, "Save"))
	if notes := overlayNotes(s.win); len(notes) != 1 || !strings.Contains(notes[0], "for 22 December 2026 write 22.12.2026") {
		t.Fatalf("a month-first date in a German shop: %q", notes)
	}

	// The calendar: the month of the date typed, and the day picked is written the owner's way.
	f.Due.SetText("01.12.2026")
	test.Tap(f.Due.pick)
	if f.Due.Calendar == nil {
		t.Fatal("no calendar")
	}
	tapped := false
	for _, o := range test.LaidOutObjects(s.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "15" && !tapped {
			test.Tap(b)
			tapped = true
		}
	}
	if !tapped || f.Due.Text() != "15.12.2026" || f.Due.Calendar != nil {
		t.Fatalf("picked: %q", f.Due.Text())
	}
	test.Tap(overlayButton(t, s.win, "Save"))
	inv, _ := ledger.ListInvoices(app.InvoiceFilter{Search: "DATE-1"}, 0, 1)
	if len(inv) != 1 || inv[0].DueDate.String() != "2026-12-15" {
		t.Fatalf("saved %+v", inv)
	}

	// A shop in the United States types month first; a British one day first.
	w := s.win
	us := newCustomerForm(w, app.DateStyleFor("US"), "en", app.Customer{Name: "A"}, ledger.Today)
	us.since.SetText("11/22/2026")
	if c, err := us.customer(); err != nil || c.Since != testToday {
		t.Fatalf("US: %v %v", c.Since, err)
	}
	gb := newCustomerForm(w, app.DateStyleFor("GB"), "en", app.Customer{Name: "A", Since: testToday}, ledger.Today)
	if gb.since.Text() != "22/11/2026" {
		t.Fatalf("GB shows %q", gb.since.Text())
	}
}

// findInvoiceForm finds the invoice form of the dialog on top through its number field.
func findInvoiceForm(t *testing.T, s *Shell) *InvoiceForm {
	t.Helper()
	if s.Invoices.Form == nil {
		t.Fatal("no invoice form open")
	}
	return s.Invoices.Form
}
