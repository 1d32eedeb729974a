package data_test

import (
	"testing"

	"duebook/app"
)

// A write that breaks a unique key is a conflict told by SQLite's result code: an invoice number
// taken is said as such, whatever the driver's message wording.
func TestConstraintFailuresAreToldByTheirCode(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Doppel")
	f.invoice(c, "D-1", "2026-10-01", "2026-10-15", 1000)
	_, err := f.ledger.SaveInvoice(app.Invoice{Number: "D-1", CustomerID: c.ID, IssueDate: app.MustDate("2026-10-01"), DueDate: app.MustDate("2026-10-15"), Currency: "EUR", Amount: 500})
	if app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("a taken number: %v (%s)", err, app.CodeOf(err))
	}
	_, err = f.ledger.SaveInvoice(app.Invoice{Number: "D-2", CustomerID: 99999, IssueDate: app.MustDate("2026-10-01"), DueDate: app.MustDate("2026-10-15"), Currency: "EUR", Amount: 500})
	if err == nil || app.CodeOf(err) == app.CodeInternal {
		t.Fatalf("an unknown customer: %v (%s)", err, app.CodeOf(err))
	}
}
