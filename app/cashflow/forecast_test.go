package cashflow

import (
	"reflect"
	"testing"

	"duebook/app"
)

var d = app.MustDate

// A crafted book on Monday 2026-11-23 with EUR 500.00 at hand:
//   - customer 1 paid before 10, 20 and 30 days late (median 20): A-1 of 1,000.00 due 2026-11-20
//     is expected 2026-12-10 (week 3);
//   - customer 2 has no history: the shop's median of 10, 20, 30, 4 is 20 (the later middle);
//     B-1 of 300.00 due 2026-11-30 is expected 2026-12-20 (week 4);
//   - customer 3 paid 5 days early: C-1 of 200.00 due 2026-11-01 is expected 2026-10-27, past,
//     so in week 1; C-2 of 99.00 due 2026-08-01 is 114 days late: left out as stale;
//   - customer 4 promised 150.00 on 2026-11-25 (week 1) and owes D-1 of 400.00 due 2026-12-01:
//     250.00 of it is expected 2026-12-21 (week 5: no history, the shop's 20 days late);
//   - a plan installment of 100.00 on 2026-12-07 (week 3) and one on 2027-03-01 (after week 13);
//   - bills: 900.00 due 2026-11-20 (overdue: week 1), 600.00 due 2026-12-14 (week 4).
func crafted() Inputs {
	return Inputs{
		AsOf: d("2026-11-23"), Currency: "EUR", Opening: 50000,
		Invoices: []Receivable{
			{1, "A-1", d("2026-11-20"), 100000},
			{2, "B-1", d("2026-11-30"), 30000},
			{3, "C-1", d("2026-11-01"), 20000},
			{3, "C-2", d("2026-08-01"), 9900},
			{4, "D-1", d("2026-12-01"), 40000},
		},
		Installments: []Expected{{5, d("2026-12-07"), 10000}, {5, d("2027-03-01"), 10000}},
		Promises:     []Expected{{4, d("2026-11-25"), 15000}},
		DaysLate:     map[int64][]int{1: {10, 30, 20}, 3: {-5}},
		Bills:        []Bill{{"Rent", d("2026-11-20"), 90000}, {"Stock", d("2026-12-14"), 60000}},
	}
}

func TestForecastOfACraftedBook(t *testing.T) {
	f := Compute(crafted())
	if len(f.Weeks) != 13 || f.Weeks[0].Start != d("2026-11-23") || f.Weeks[12].Start != d("2027-02-15") || f.Weeks[12].End != d("2027-02-21") {
		t.Fatalf("weeks %v .. %v", f.Weeks[0], f.Weeks[12])
	}
	// The shop's median over 10, 20, 30 and -5 is the later middle of -5, 10, 20, 30: 20.
	if f.DefaultDelay != 20 || f.Stale != 9900 {
		t.Fatalf("default delay %d, stale %d", f.DefaultDelay, f.Stale)
	}
	type row struct{ inv, inst, prom, bills, bal int64 }
	want := map[int]row{
		0: {20000, 0, 15000, 90000, 50000 + 35000 - 90000}, // -5,000: short
		2: {100000, 10000, 0, 0, -5000 + 110000},           // 105,000
		3: {30000, 0, 0, 60000, 105000 + 30000 - 60000},    // 75,000
		4: {25000, 0, 0, 0, 75000 + 25000},                 // D-1 expected 2026-12-21 less the promise
	}
	bal := int64(50000)
	for i, w := range f.Weeks {
		r := want[i]
		if _, ok := want[i]; !ok {
			r = row{bal: bal}
		}
		if w.Invoices != r.inv || w.Installments != r.inst || w.Promises != r.prom || w.Bills != r.bills || w.Balance != r.bal ||
			w.Receipts != r.inv+r.inst+r.prom || w.Short != (r.bal < 0) {
			t.Fatalf("week %d: %+v, want %+v", i+1, w, r)
		}
		bal = r.bal
	}
	// Short in weeks 1 and 2 (nothing comes in during week 2), covered again in week 3.
	if f.ShortWeeks() != 2 || !f.Weeks[0].Short || !f.Weeks[1].Short || f.Weeks[2].Short {
		t.Fatal("the short weeks are not the first two")
	}
}

func TestForecastWithoutAnyHistoryExpectsInvoicesOnTheirDueDate(t *testing.T) {
	in := crafted()
	in.DaysLate = nil
	f := Compute(in)
	// A-1 due 2026-11-20 (past: week 1), B-1 due 2026-11-30 (week 2), C-1 past (week 1),
	// D-1 due 2026-12-01 (week 2) less the 150.00 promise.
	if f.DefaultDelay != 0 || f.Weeks[0].Invoices != 120000 || f.Weeks[1].Invoices != 30000+25000 {
		t.Fatalf("%d %+v %+v", f.DefaultDelay, f.Weeks[0], f.Weeks[1])
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		want int
		ok   bool
	}{{nil, 0, false}, {[]int{7}, 7, true}, {[]int{40, 3, 12}, 12, true}, {[]int{1, 2, 3, 50}, 3, true}} {
		if got, ok := Median(tc.in); got != tc.want || ok != tc.ok {
			t.Fatalf("%v: %d %v", tc.in, got, ok)
		}
	}
}

// The customers behind a week's bar add up to its receipts: week 1 is C-1 and D's promise,
// week 3 A-1 and the installment, week 5 what is left of D-1 after the promise.
func TestWeekCustomersAddUpToTheWeek(t *testing.T) {
	in := crafted()
	f := Compute(in)
	want := map[int]map[int64]int64{0: {3: 20000, 4: 15000}, 2: {1: 100000, 5: 10000}, 4: {4: 25000}, 7: {}}
	for k, w := range want {
		got := WeekCustomers(in, k)
		if !reflect.DeepEqual(got, w) {
			t.Errorf("week %d: %v, want %v", k+1, got, w)
		}
		var sum int64
		for _, a := range got {
			sum += a
		}
		if sum != f.Weeks[k].Receipts {
			t.Errorf("week %d: customers add up to %d, the week expects %d", k+1, sum, f.Weeks[k].Receipts)
		}
	}
}
