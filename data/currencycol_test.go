package data_test

import (
	"database/sql"
	"testing"

	"duebook/app"
)

// Money in a currency edited into the book from outside is reported as damage by every reader
// (the invoices, the payments, the charges, the aging, the queue), never a panic.
func TestUnknownStoredCurrencyIsAnError(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Xeno Tamper")
	f.invoice(c, "X-1", "2026-09-01", "2026-09-30", 10000)
	col := f.collect("2026-11-22")
	if _, err := col.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "10.00", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE invoices SET currency = 'XYZ'`, `UPDATE payments SET currency = 'QQQ'`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	readers := map[string]func() error{
		"invoices":  func() error { _, err := f.ledger.ListInvoices(app.InvoiceFilter{}, 0, 10); return err },
		"invoice":   func() error { _, err := f.ledger.Invoice(1); return err },
		"payments":  func() error { _, err := f.store.Payments(c.ID); return err },
		"aging":     func() error { _, err := f.ledger.AgingReport(app.MustDate("2026-11-22")); return err },
		"queue":     func() error { _, err := col.Queue(app.Date{}); return err },
		"customer":  func() error { _, err := f.ledger.Customer(c.ID); return err },
		"dashboard": func() error { _, err := f.ledger.Dashboard(app.MustDate("2026-11-22")); return err },
	}
	for name, read := range readers {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s panicked: %v", name, r)
				}
			}()
			if err := read(); app.CodeOf(err) != app.CodeDamaged {
				t.Errorf("%s: %v (code %s), want damage reported", name, err, app.CodeOf(err))
			}
		}()
	}
}
