package data_test

import (
	"testing"

	"duebook/app"
)

// An invoice of EUR 1,000.00 issued 2026-11-10 on "net 30, 2 % within 10 days": the discount is
// 20.00, so 980.00 received by 2026-11-20 settles it.
func (f *fixture) discountInvoice(name string) (app.Customer, app.Invoice) {
	f.t.Helper()
	c := f.customer(name)
	c.Terms = app.Terms{NetDays: 30, DiscountBP: 200, DiscountDays: 10}
	c, err := f.ledger.UpdateCustomer(c)
	if err != nil {
		f.t.Fatal(err)
	}
	inv, err := f.ledger.SaveInvoice(app.Invoice{Number: "T-1", CustomerID: c.ID, IssueDate: app.MustDate("2026-11-10"), Currency: "EUR", Amount: 100000})
	if err != nil {
		f.t.Fatal(err)
	}
	return c, inv
}

func TestInvoiceTakesTheCustomersTerms(t *testing.T) {
	f := newFixture(t)
	_, inv := f.discountInvoice("Terms Ltd")
	got, err := f.ledger.Invoice(inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Terms != (app.Terms{NetDays: 30, DiscountBP: 200, DiscountDays: 10}) || got.DueDate != app.MustDate("2026-12-10") {
		t.Fatalf("terms %+v due %s", got.Terms, got.DueDate)
	}
}

func TestDiscountSettlement(t *testing.T) {
	for _, tc := range []struct {
		name       string
		amount     string
		date       string
		wantPaid   int64 // the invoice's settled amount
		wantDisc   int
		wantCredit int64
	}{
		{"exact, on the last day", "980.00", "2026-11-20", 100000, 1, 0},
		{"one cent short", "979.99", "2026-11-20", 97999, 0, 0},
		{"one day late", "980.00", "2026-11-21", 98000, 0, 0},
		{"the full amount", "1000.00", "2026-11-15", 100000, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			c, inv := f.discountInvoice("Terms Ltd")
			res, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: tc.amount, Currency: "EUR", Method: app.MethodBank, Date: app.MustDate(tc.date)})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := f.ledger.Invoice(inv.ID)
			if got.Paid != tc.wantPaid || res.Credit != tc.wantCredit {
				t.Fatalf("settled %d credit %d, want %d and %d", got.Paid, res.Credit, tc.wantPaid, tc.wantCredit)
			}
			if n := f.count(`SELECT count(*) FROM adjustments WHERE kind = 'discount' AND amount = 2000 AND invoice_id = ?`, inv.ID); n != tc.wantDisc {
				t.Fatalf("%d discounts recorded, want %d", n, tc.wantDisc)
			}
			if n := f.count(`SELECT count(*) FROM payments WHERE amount = ? AND unallocated = 0`, res.Payment.Amount); n != 1 {
				t.Fatal("the payment is not stored as received")
			}
			if tc.wantDisc == 1 && (len(res.Allocations) != 1 || res.Allocations[0].Discount != 2000 || res.Allocations[0].OpenAfter != 0) {
				t.Fatalf("allocation %+v", res.Allocations)
			}
			f.mustCheck()
		})
	}
}

func TestDiscountSettlesOnlyWhatItMatches(t *testing.T) {
	f := newFixture(t)
	c, _ := f.discountInvoice("Terms Ltd")
	// A second invoice of 500.00 on the same terms: 490.00 pays it with its discount, not the first.
	inv2, err := f.ledger.SaveInvoice(app.Invoice{Number: "T-2", CustomerID: c.ID, IssueDate: app.MustDate("2026-11-12"), Currency: "EUR", Amount: 50000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "490.00", Currency: "EUR", Date: app.MustDate("2026-11-20")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.ledger.Invoice(inv2.ID); got.Open() != 0 {
		t.Fatalf("T-2 open %d", got.Open())
	}
	// Both at once: 980.00 + 490.00 named.
	g := newFixture(t)
	c, inv := g.discountInvoice("Both Ltd")
	inv2, _ = g.ledger.SaveInvoice(app.Invoice{Number: "T-2", CustomerID: c.ID, IssueDate: app.MustDate("2026-11-12"), Currency: "EUR", Amount: 50000})
	if _, err := g.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "1470.00", Currency: "EUR", Date: app.MustDate("2026-11-20"), Invoices: []string{"T-1", "T-2"}}); err != nil {
		t.Fatal(err)
	}
	a, _ := g.ledger.Invoice(inv.ID)
	b, _ := g.ledger.Invoice(inv2.ID)
	if a.Open() != 0 || b.Open() != 0 || g.count(`SELECT sum(amount) FROM adjustments WHERE kind = 'discount'`) != 3000 {
		t.Fatalf("open %d and %d", a.Open(), b.Open())
	}
	g.mustCheck()
}

func TestTermsAreChecked(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Odd Terms")
	for _, bad := range []app.Terms{{DiscountBP: 200}, {NetDays: 10, DiscountBP: 200, DiscountDays: 20}, {DiscountBP: 10000, DiscountDays: 5}, {NetDays: -1}} {
		c.Terms = bad
		if _, err := f.ledger.UpdateCustomer(c); app.CodeOf(err) != app.CodeInvalid {
			t.Fatalf("%+v: %v", bad, err)
		}
	}
	got, _ := f.ledger.CustomerByID(c.ID)
	if !got.Terms.IsZero() {
		t.Fatalf("refused terms were stored: %+v", got.Terms)
	}
}

func TestImportedInvoicesTakeTheCustomersTerms(t *testing.T) {
	f := newFixture(t)
	c, err := f.ledger.AddCustomer(app.Customer{Name: "Zoë Ñúñez", Email: "zoe@example.com", Terms: app.Terms{NetDays: 15, DiscountBP: 300, DiscountDays: 7}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.imp(app.ImportInvoices, f.file("qb.csv", quickbooksCSV), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE customer_id = ? AND net_days = 15 AND discount_bp = 300 AND discount_days = 7`, c.ID); n != 2 {
		t.Fatalf("%d of Zoë's imported invoices carry her terms", n)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE customer_id <> ? AND (net_days <> 0 OR discount_bp <> 0)`, c.ID); n != 0 {
		t.Fatal("another customer's invoices got terms")
	}
	f.mustCheck()
}
