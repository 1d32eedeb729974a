package cashflow

import (
	"testing"

	"duebook/app"
)

func agingOf(amounts ...int64) app.Aging {
	a := app.NewAging("EUR")
	for i, v := range amounts {
		a.Buckets[i].Amount = v
		a.Total += v
	}
	return a
}

func TestReserveUsesDefaultsWithoutHistory(t *testing.T) {
	r := ComputeReserve(ReserveInputs{Currency: "EUR", Aging: agingOf(100000, 50000, 20000, 10000, 33333)})
	// 1 % of 1,000.00; 3 % of 500.00; 10 % of 200.00; 25 % of 100.00; 50 % of 333.33 = 166.665 -> 166.67.
	want := []int64{1000, 1500, 2000, 2500, 16667}
	for i, b := range r.Buckets {
		if !b.Default || b.Reserve != want[i] || b.Rate != DefaultRates[i] {
			t.Fatalf("bucket %s: %+v", b.Name, b)
		}
	}
	if r.Total != 1000+1500+2000+2500+16667 {
		t.Fatalf("total %d", r.Total)
	}
}

// History: 30 invoices of 100.00 due 2026-01-31, each half paid on the due date. 20 paid the
// rest 10 days late; 10 were written off on 2026-06-30 (150 days late). So every one entered
// "not due" owing 100.00 and "1-30" owing 50.00; the 10 written off entered every later bucket
// owing 50.00.
func history() []Finished {
	var h []Finished
	for i := 0; i < 30; i++ {
		f := Finished{Issue: d("2026-01-01"), Due: d("2026-01-31"), Amount: 10000, Settled: []Dated{{d("2026-01-31"), 5000}}}
		if i < 20 {
			f.Settled = append(f.Settled, Dated{d("2026-02-10"), 5000})
		} else {
			f.WrittenOff = Dated{d("2026-06-30"), 5000}
		}
		h = append(h, f)
	}
	return h
}

func TestReserveFromTheShopsOwnHistory(t *testing.T) {
	r := ComputeReserve(ReserveInputs{Currency: "EUR", Aging: agingOf(100000, 100000, 100000, 100000, 100000), History: history()})
	// not due: 30 invoices, base 3,000.00, lost 500.00: 16.67 % -> 1667 bp, reserve 166.70.
	// 1-30: 30 invoices, base 1,500.00, lost 500.00: 33.33 % -> 3333 bp, reserve 333.30.
	// 31-60, 61-90, over 90: 10 invoices < 20: defaults 10 %, 25 %, 50 %.
	want := []struct {
		n          int
		base, lost int64
		rate       int64
		def        bool
		reserve    int64
	}{{30, 300000, 50000, 1667, false, 16670}, {30, 150000, 50000, 3333, false, 33330}, {10, 50000, 50000, 1000, true, 10000},
		{10, 50000, 50000, 2500, true, 25000}, {10, 50000, 50000, 5000, true, 50000}}
	for i, b := range r.Buckets {
		w := want[i]
		if b.Invoices != w.n || b.Base != w.base || b.Lost != w.lost || b.Rate != w.rate || b.Default != w.def || b.Reserve != w.reserve {
			t.Fatalf("bucket %s: %+v, want %+v", b.Name, b, w)
		}
	}
	// With ten more written off the same way, 31-60 has 20: 20 x 50.00 all lost, 100 %.
	h := append(history(), history()[20:]...)
	r = ComputeReserve(ReserveInputs{Currency: "EUR", Aging: agingOf(0, 0, 12345, 0, 0), History: h})
	if b := r.Buckets[2]; b.Default || b.Rate != 10000 || b.Reserve != 12345 {
		t.Fatalf("31-60 with history: %+v", b)
	}
}
