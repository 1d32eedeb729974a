package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// The customer's timeline is in date order, and the owner can read it oldest first.
func TestTimelineOrderIsTheOwnersChoice(t *testing.T) {
	s, ledger := sampleShell(t)
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 1)
	id := rows[0].CustomerID
	s.Show("Customers")
	s.Customers.Open(id)
	top := func() string {
		objs := s.Customers.TimelineList.Objects
		if len(objs) < 2 {
			t.Fatalf("%d timeline entries", len(objs))
		}
		return objs[0].(*widget.Label).Text
	}
	newest, _ := ledger.Timeline(id, false)
	if !strings.HasSuffix(top(), newest[0].Summary) {
		t.Fatalf("the newest entry is not on top: %q, want %q", top(), newest[0].Summary)
	}
	s.Customers.Order.SetSelected("oldest first")
	oldest, _ := ledger.Timeline(id, true)
	if !strings.HasSuffix(top(), oldest[0].Summary) || oldest[0].ID == newest[0].ID {
		t.Fatalf("oldest first shows %q, want %q", top(), oldest[0].Summary)
	}
	if oldest[0].At.After(newest[0].At) {
		t.Fatal("the oldest entry is newer than the newest")
	}
}
