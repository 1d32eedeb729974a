package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Every entry held by a guard opens without crashing and says what it holds: the invoices with
// what they owe, the guard and until when; an entry with a letter shows the same total the
// letter demands.
func TestTodayHeldEntriesAreRealEntries(t *testing.T) {
	s, _ := sampleShell(t)
	td := s.Today
	selectGroup(t, td, "Held by a guard")
	if len(td.shown) == 0 {
		t.Fatal("the sample has no held customer")
	}
	plans := 0
	for i, a := range td.shown {
		td.List.Select(i)
		var text []string
		for _, o := range test.LaidOutObjects(td.Detail) {
			if l, ok := o.(*widget.Label); ok {
				text = append(text, l.Text)
			}
		}
		all := strings.Join(text, "\n")
		if len(a.Invoices) == 0 || a.Amount <= 0 {
			t.Fatalf("held entry %s names no invoices or amount: %+v", a.Customer, a)
		}
		for _, inv := range a.Invoices {
			if !strings.Contains(all, inv.Number) {
				t.Fatalf("held entry %s does not show invoice %s:\n%s", a.Customer, inv.Number, all)
			}
		}
		if !strings.Contains(all, "until ") {
			t.Fatalf("held entry %s does not say until when:\n%s", a.Customer, all)
		}
		if a.Stage == 0 && strings.Contains(all, "plan") {
			plans++
		}
	}
	if plans == 0 {
		t.Fatal("no customer held by a payment plan was shown")
	}
}
