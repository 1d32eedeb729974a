package data_test

import (
	"reflect"
	"testing"

	"duebook/app"
)

// The trends on 2026-11-22 of a crafted book (month ends 2025-12-31 .. 2026-10-31, then today):
//   - A-1 1,000.00 due 09-09: 400.00 paid 09-20, 600.00 on 11-10;
//   - B-1 500.00 due 07-31, open;
//   - C-1 300.00 due 05-31, written off today;
//   - D-1 200.00 paid in 2025 before the first month end: in no month;
//   - E-1 100.00 due 2025-12-01: 40.00 paid 12-10, 60.00 on 2026-01-10.
func TestTrendsFromTheBook(t *testing.T) {
	f := newFixture(t)
	a, b, c, d, e := f.customer("A"), f.customer("B"), f.customer("C"), f.customer("D"), f.customer("E")
	f.invoice(a, "A-1", "2026-08-10", "2026-09-09", 100000)
	f.invoice(b, "B-1", "2026-07-01", "2026-07-31", 50000)
	f.invoice(c, "C-1", "2026-05-01", "2026-05-31", 30000)
	f.invoice(d, "D-1", "2025-06-01", "2025-07-01", 20000)
	f.invoice(e, "E-1", "2025-11-01", "2025-12-01", 10000)
	f.pay(a, "400.00", "2026-09-20")
	f.pay(a, "600.00", "2026-11-10")
	f.pay(d, "200.00", "2025-07-15")
	f.pay(e, "40.00", "2025-12-10")
	f.pay(e, "60.00", "2026-01-10")
	if _, err := f.ledger.WriteOff("C-1", "Gone out of business"); err != nil {
		t.Fatal(err)
	}
	trends, err := f.ledger.Trends(today)
	if err != nil {
		t.Fatal(err)
	}
	if len(trends) != 1 || trends[0].Currency != "EUR" || len(trends[0].Months) != 12 {
		t.Fatalf("trends %+v", trends)
	}
	want := map[int]struct {
		month   string
		buckets []int64
		sales   int64
		dso     int
	}{
		0:  {"2025-12", []int64{0, 6000, 0, 0, 0}, 10000, 55},           // 6,000 x 92 / 10,000
		1:  {"2026-01", []int64{0, 0, 0, 0, 0}, 10000, 0},               // E-1 paid, C-1 not issued
		5:  {"2026-05", []int64{30000, 0, 0, 0, 0}, 30000, 92},          // 30,000 x 92 / 30,000
		9:  {"2026-09", []int64{0, 60000, 0, 50000, 30000}, 150000, 86}, // 140,000 x 92 / 150,000
		10: {"2026-10", []int64{0, 0, 60000, 0, 80000}, 100000, 129},    // 140,000 x 92 / 100,000
		11: {"2026-11", []int64{0, 0, 0, 0, 50000}, 0, 0},               // nothing invoiced Sep-Nov
	}
	for i, w := range want {
		m := trends[0].Months[i]
		var got []int64
		for _, bk := range m.Aging.Buckets {
			got = append(got, bk.Amount)
		}
		if m.Month != w.month || !reflect.DeepEqual(got, w.buckets) || m.Sales != w.sales || m.DSO != w.dso {
			t.Errorf("month %d: %s %v sales %d DSO %d; want %+v", i, m.Month, got, m.Sales, m.DSO, w)
		}
	}
}

// The invoices of one aging bucket, for the reserve chart's drill-down: open ones due 31 to 60
// days before the day.
func TestOpenInvoicesOfABucket(t *testing.T) {
	f := newFixture(t)
	c := f.customer("A")
	f.invoice(c, "A-30", "2026-09-01", today.AddDays(-30).String(), 100)
	f.invoice(c, "A-31", "2026-09-01", today.AddDays(-31).String(), 100)
	f.invoice(c, "A-60", "2026-09-01", today.AddDays(-60).String(), 100)
	f.invoice(c, "A-61", "2026-08-01", today.AddDays(-61).String(), 100)
	from, to := app.BucketDueRange(2, today)
	rows, err := f.ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOpen, DueFrom: from, DueTo: to}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Number)
	}
	if !reflect.DeepEqual(got, []string{"A-60", "A-31"}) {
		t.Fatalf("bucket 31-60 lists %v", got)
	}
}
