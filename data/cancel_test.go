package data_test

import (
	"context"
	"testing"

	"duebook/app"
)

// A cancel is said as a cancel, not as bad input, and leaves nothing behind.
func TestACancelledImportIsCancelledNotInvalid(t *testing.T) {
	f := newFixture(t)
	path := f.file("quickbooks.csv", quickbooksCSV)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.ledger.Import(ctx, app.ImportInvoices, path, app.ImportOptions{}, nil)
	if app.CodeOf(err) != app.CodeCancelled {
		t.Fatalf("a cancelled import: %v (%s)", err, app.CodeOf(err))
	}
	if n := f.count(`SELECT count(*) FROM invoices`); n != 0 {
		t.Fatalf("%d invoices after a cancel", n)
	}
}
