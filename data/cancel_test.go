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

// Building the queue stops when it is cancelled (a newer refresh of Today started).
func TestQueueBuildingStopsOnCancel(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Warte Schlange")
	f.invoice(c, "Q-1", "2026-09-01", "2026-09-30", 10000)
	col := f.collect("2026-11-22")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := col.QueueContext(ctx, app.Date{}); app.CodeOf(err) != app.CodeCancelled {
		t.Fatalf("a cancelled queue: %v", err)
	}
	if q, err := col.QueueContext(context.Background(), app.Date{}); err != nil || len(q.Actions) != 1 {
		t.Fatalf("the queue: %+v %v", q.Actions, err)
	}
}
