package data_test

import (
	"testing"

	"duebook/app"
	"duebook/app/cashflow"
)

func (f *fixture) pay(c app.Customer, amount, on string) {
	f.t.Helper()
	if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: amount, Currency: "EUR", Date: app.MustDate(on)}); err != nil {
		f.t.Fatal(err)
	}
}

// The forecast on 2026-11-22 of a crafted book, to the cent:
//   - H paid H-1 20 and H-2 10 days late (median 20): H-3 (600.00, due 11-01) is expected 11-21,
//     past, so week 1; H-4 (300.00, due 12-01) on 12-21, week 5;
//   - N has no history but a written-off invoice (which counts nowhere): the shop's median of
//     10 and 20 is 20, so N-1 (200.00, due 12-10) on 12-30, week 6;
//   - P's plan of 3 x 30.00 from 12-01 monthly: 12-01 (week 2), 01-01 (week 6), 02-01 (week 11);
//     P-1 itself is not counted again;
//   - R promised 50.00 by 11-28 (week 1); R-1 (80.00, due 11-10) is expected 11-30 less the
//     promise: 30.00 in week 2;
//   - S-1 (40.00) is 144 days past due: left out;
//   - bills: rent 800.00 due 11-25 (week 1), stock 250.00 due 12-20 (week 5), an old one paid.
func TestForecastFromTheBook(t *testing.T) {
	f := newFixture(t)
	h, n, p, r, s := f.customer("H"), f.customer("N"), f.customer("P"), f.customer("R"), f.customer("S")
	f.invoice(h, "H-1", "2026-09-01", "2026-09-15", 10000)
	f.invoice(h, "H-2", "2026-09-01", "2026-10-01", 5000)
	f.pay(h, "100.00", "2026-10-05")
	f.pay(h, "50.00", "2026-10-11")
	f.invoice(h, "H-3", "2026-10-01", "2026-11-01", 60000)
	f.invoice(h, "H-4", "2026-11-01", "2026-12-01", 30000)
	f.invoice(n, "N-0", "2026-07-01", "2026-08-01", 5000)
	if _, err := f.ledger.WriteOff("N-0", "gone"); err != nil {
		t.Fatal(err)
	}
	f.invoice(n, "N-1", "2026-11-10", "2026-12-10", 20000)
	f.invoice(p, "P-1", "2026-09-01", "2026-10-15", 9000)
	f.invoice(r, "R-1", "2026-10-10", "2026-11-10", 8000)
	f.invoice(s, "S-1", "2026-06-01", "2026-07-01", 4000)
	col := f.collect("2026-11-22")
	if _, err := col.CreatePlan(app.PlanRequest{CustomerID: p.ID, Installments: 3, Frequency: app.Monthly, FirstDue: app.MustDate("2026-12-01"), DownPayment: "0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := col.AddPromise(app.PromiseRequest{CustomerID: r.ID, Amount: "50.00", Due: app.MustDate("2026-11-28")}); err != nil {
		t.Fatal(err)
	}
	for _, b := range []app.Payable{
		{Supplier: "Landlord", Amount: 80000, Currency: "EUR", Due: app.MustDate("2026-11-25")},
		{Supplier: "Wholesaler", Amount: 25000, Currency: "EUR", Due: app.MustDate("2026-12-20")},
		{Supplier: "Printer", Amount: 99999, Currency: "EUR", Due: app.MustDate("2026-11-30"), PaidOn: app.MustDate("2026-11-20")},
	} {
		if _, err := f.ledger.SavePayable(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.ledger.SetCashOpening(app.Money{Amount: 10000, Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	fc, err := cashflow.Outlook(f.store, today, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ in, bills, bal int64 }
	want := map[int]row{0: {65000, 80000, -5000}, 1: {6000, 0, 1000}, 4: {30000, 25000, 6000}, 5: {23000, 0, 29000}, 10: {3000, 0, 32000}}
	bal := int64(10000)
	for i, w := range fc.Weeks {
		exp, ok := want[i]
		if !ok {
			exp = row{bal: bal}
		}
		if w.Receipts != exp.in || w.Bills != exp.bills || w.Balance != exp.bal || w.Short != (exp.bal < 0) {
			t.Fatalf("week %d (%s): %+v, want %+v", i+1, w.Start, w, exp)
		}
		bal = exp.bal
	}
	if fc.Stale != 4000 || fc.DefaultDelay != 20 || fc.Opening != 10000 {
		t.Fatalf("stale %d, default %d, opening %d", fc.Stale, fc.DefaultDelay, fc.Opening)
	}
	f.mustCheck()
}

// The reserve reads the history of finished invoices: 20 invoices of 100.00 due 2026-08-31,
// each paid 60.00 on 2026-09-10 (10 days late); 15 paid the rest on 2026-09-30 (day 30), and 5
// were written off on 2026-11-22 (after reaching 31-60 and 61-90). O-1 (100.00 due 2025-10-01)
// is still open more than a year past due: it counts as lost. 1-30 saw 21 owing 100.00 each
// (2,100.00) and 5 x 40.00 + 100.00 lost: 14.29 %. The open 1-30 bucket (D-1, 250.00 due
// 2026-11-10) gets 35.725 -> 35.73; over 90 holds O-1 alone: the default 50 %, 50.00.
func TestReserveFromTheBook(t *testing.T) {
	f := newFixture(t)
	c := f.customer("History")
	for i := 0; i < 20; i++ {
		num := "X-" + string(rune('A'+i))
		f.invoice(c, num, "2026-08-01", "2026-08-31", 10000)
		if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "60.00", Currency: "EUR", Date: app.MustDate("2026-09-10"), Invoices: []string{num}}); err != nil {
			t.Fatal(err)
		}
		if i < 5 {
			if _, err := f.ledger.WriteOff(num, "gone"); err != nil {
				t.Fatal(err)
			}
		} else {
			f.pay(c, "40.00", "2026-09-30")
		}
	}
	f.invoice(c, "D-1", "2026-10-10", "2026-11-10", 25000)
	f.invoice(c, "O-1", "2025-09-01", "2025-10-01", 10000)
	r, err := cashflow.SuggestReserve(f.store, today, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	b := r.Buckets[1]
	if b.Invoices != 21 || b.Base != 210000 || b.Lost != 30000 || b.Rate != 1429 || b.Default || b.Open != 25000 || b.Reserve != 3573 {
		t.Fatalf("1-30: %+v", b)
	}
	// "not due": the same 21 and the same loss, nothing open. 31-60: the 5 written off (owing
	// 40.00 each) and O-1 are too few: the default 10 %.
	if nd := r.Buckets[0]; nd.Rate != 1429 || nd.Default || nd.Reserve != 0 {
		t.Fatalf("not due: %+v", nd)
	}
	if b := r.Buckets[2]; b.Invoices != 6 || !b.Default || b.Rate != 1000 {
		t.Fatalf("31-60: %+v", b)
	}
	if o := r.Buckets[4]; o.Invoices != 1 || !o.Default || o.Open != 10000 || o.Reserve != 5000 {
		t.Fatalf("over 90: %+v", o)
	}
	if r.Total != 3573+5000 {
		t.Fatalf("total %d", r.Total)
	}
}
