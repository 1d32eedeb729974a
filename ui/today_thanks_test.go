package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// A customer who settled a long overdue invoice shows in Today's own group of thank-you notes,
// not among the letters; the entry says it asks for nothing, and Approve prints its letter.
func TestTodayShowsThankYouNotes(t *testing.T) {
	s, ledger := sampleShell(t)
	c, err := ledger.AddCustomer(app.Customer{Name: "Aaron Grateful", Address1: "1 High Street", City: "York", PostalCode: "YO1 7HH"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.SaveInvoice(app.Invoice{Number: "TY-1", CustomerID: c.ID, IssueDate: app.MustDate("2026-09-01"), DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 9900}); err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "99.00", Date: app.MustDate("2026-11-18")}); err != nil {
		t.Fatal(err)
	}
	td := s.Today
	td.Refresh()
	selectGroup(t, td, "Letters")
	for _, a := range td.shown {
		if a.CustomerID == c.ID {
			t.Fatal("the thank-you note is listed among the letters")
		}
	}
	selectGroup(t, td, "Thank-you notes")
	row := -1
	for i, a := range td.shown {
		if a.Thanks == nil {
			t.Fatalf("not a thank-you note in the group: %+v", a)
		}
		if a.CustomerID == c.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("Aaron is not in the group (%d notes)", len(td.shown))
	}
	td.List.Select(row)
	var text []string
	var approve *widget.Button
	for _, o := range test.LaidOutObjects(td.Detail) {
		switch w := o.(type) {
		case *widget.Label:
			text = append(text, w.Text)
		case *widget.Button:
			switch w.Text {
			case "Approve":
				approve = w
			case "Snooze…":
				if !w.Disabled() {
					t.Fatal("a thank-you note can be snoozed, which would hold the customer's ladder")
				}
			case "Skip…":
				if w.Disabled() {
					t.Fatal("a thank-you note cannot be skipped")
				}
			}
		}
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"Thank-you note by letter, gentle tone: asks for nothing", "TY-1", "paid in full on", "49 days after it fell due"} {
		if !strings.Contains(all, want) {
			t.Fatalf("the entry lacks %q:\n%s", want, all)
		}
	}
	if approve == nil || approve.Disabled() {
		t.Fatal("the note cannot be approved")
	}
	test.Tap(approve)
	tl, _ := ledger.Customer(c.ID)
	if !strings.HasPrefix(tl.Timeline[0].Summary, "Thank-you note printed (gentle tone) for TY-1: nothing asked, nothing charged") {
		t.Fatalf("timeline: %s", tl.Timeline[0].Summary)
	}
	if _, err := os.Stat(td.LastPDF); err != nil || td.OpenPDF.Hidden {
		t.Fatalf("the letter was not written: %v", err)
	}
	for _, a := range td.queue.Actions {
		if a.CustomerID == c.ID {
			t.Fatal("the approved note is still proposed")
		}
	}
}
