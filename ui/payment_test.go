package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"duebook/app"
)

// At the counter: Enter takes the only customer found and, from the amount, saves; the screen then
// shows what the customer owes now, offers the receipt, and is empty for the next customer.
func TestTakeAPaymentThenTheNext(t *testing.T) {
	s, ledger := sampleShell(t)
	c, err := ledger.AddCustomer(app.Customer{Name: "Zebulon Counterfoil"})
	if err != nil {
		t.Fatal(err)
	}
	ledger.SaveInvoice(app.Invoice{Number: "ZC-1", CustomerID: c.ID, IssueDate: testToday.AddDays(-30), DueDate: testToday.AddDays(-10), Currency: "EUR", Amount: 10000})
	s.Show("Take a payment")
	p := s.Payment
	p.LettersDir = t.TempDir()
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	test.Type(p.Find, "Zebulon Counter")
	p.Find.TypedKey(enter)
	if p.customer.ID != c.ID || s.win.Canvas().Focused() != p.Amount {
		t.Fatalf("Enter did not take the only match: %+v, focus %T", p.customer.Customer, s.win.Canvas().Focused())
	}
	test.Type(p.Amount, "-4")
	if !p.Save.Disabled() || !strings.Contains(p.Preview.Text, "more than zero") || !p.Amount.AlwaysShowValidationError || p.Amount.Validator == nil {
		t.Fatalf("a negative amount is not marked: %q", p.Preview.Text)
	}
	p.Amount.SetText("")
	test.Type(p.Amount, "40")
	p.Amount.TypedKey(enter)
	if !strings.Contains(p.Result.Text, "Zebulon Counterfoil now owes EUR 60.00") {
		t.Fatalf("no new balance: %q", p.Result.Text)
	}
	if p.Find.Text != "" || p.Amount.Text != "" || p.customer.ID != 0 || p.Chosen.Text != "No customer chosen yet." || s.win.Canvas().Focused() != p.Find {
		t.Fatalf("not cleared for the next payment: find %q amount %q", p.Find.Text, p.Amount.Text)
	}
	if p.PrintReceipt.Hidden || p.SaveReceipt.Hidden {
		t.Fatal("no receipt offered")
	}
	test.Tap(p.PrintReceipt)
	if b, err := os.ReadFile(p.LastReceipt); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no receipt written: %v", err)
	}
	if d, _ := ledger.Customer(c.ID); !strings.Contains(strings.ToLower(d.Timeline[0].Summary), "receipt printed") {
		t.Fatalf("the receipt is not on the timeline: %s", d.Timeline[0].Summary)
	}

	// Tab reaches every control of the screen: the receipt's after a payment, the form's while one
	// is typed.
	reached := map[fyne.Focusable]bool{}
	tab := func() {
		s.win.Canvas().Focus(p.Find)
		for range 80 {
			test.FocusNext(s.win.Canvas())
			reached[s.win.Canvas().Focused()] = true
		}
	}
	tab()
	test.Type(p.Find, "Zebulon")
	p.Find.TypedKey(enter)
	test.Type(p.Amount, "1")
	tab()
	for name, f := range map[string]fyne.Focusable{"search": p.Find, "matches": p.Matches, "amount": p.Amount, "currency": p.Currency,
		"method": p.Method, "date": p.Date.entry, "calendar": p.Date.pick, "reference": p.Reference, "save": p.Save,
		"print receipt": p.PrintReceipt, "save receipt": p.SaveReceipt} {
		if !reached[f] {
			t.Errorf("Tab never reaches the %s", name)
		}
	}
}
