package app

import (
	"reflect"
	"testing"
)

func TestTrendEndsAreMonthEndsUpToTheDay(t *testing.T) {
	ends := TrendEnds(MustDate("2026-03-15"))
	if len(ends) != TrendMonths || ends[0] != MustDate("2025-04-30") || ends[10] != MustDate("2026-02-28") || ends[11] != MustDate("2026-03-15") {
		t.Fatalf("ends %v", ends)
	}
	if SalesFrom(MustDate("2026-03-15")) != MustDate("2025-02-01") {
		t.Fatalf("sales from %v", SalesFrom(MustDate("2026-03-15")))
	}
}

// A crafted book: A paid in two parts, B still open, C written off, and a GBP invoice.
func TestComputeTrendsOnACraftedBook(t *testing.T) {
	d := MustDate
	in := TrendInputs{AsOf: d("2026-03-15"),
		Invoices: []TrendInvoice{
			{Currency: "EUR", Issue: d("2026-01-10"), Due: d("2026-02-09"), Later: []Reduction{{d("2026-02-20"), 400}, {d("2026-03-10"), 600}}},
			{Currency: "EUR", Issue: d("2025-12-01"), Due: d("2025-12-31"), OpenNow: 500},
			{Currency: "EUR", Issue: d("2025-10-01"), Due: d("2025-10-31"), Later: []Reduction{{d("2026-02-01"), 300}}},
			{Currency: "GBP", Issue: d("2026-03-01"), Due: d("2026-03-31"), OpenNow: 70},
		},
		Sales: []MonthSales{{"EUR", "2025-10", 300}, {"EUR", "2025-12", 500}, {"EUR", "2026-01", 1000}, {"GBP", "2026-03", 70}},
	}
	trends, err := ComputeTrends(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(trends) != 2 || trends[0].Currency != "EUR" || trends[1].Currency != "GBP" {
		t.Fatalf("trends %+v", trends)
	}
	eur := trends[0].Months
	buckets := func(m MonthFigures) []int64 {
		var out []int64
		for _, b := range m.Aging.Buckets {
			out = append(out, b.Amount)
		}
		return out
	}
	want := map[int]struct {
		month   string
		buckets []int64
		sales   int64
		days    int
		dso     int
	}{
		6:  {"2025-10", []int64{300, 0, 0, 0, 0}, 300, 92, 92},        // Aug-Oct: 300 x 92 / 300
		8:  {"2025-12", []int64{500, 0, 0, 300, 0}, 800, 92, 92},      // C is 61 days past due on 31 Dec; 800 x 92 / 800
		9:  {"2026-01", []int64{1000, 0, 500, 0, 300}, 1500, 92, 110}, // 1800 x 92 / 1500 = 110.4
		10: {"2026-02", []int64{0, 600, 500, 0, 0}, 1500, 90, 66},     // 1100 x 90 / 1500
		11: {"2026-03", []int64{0, 0, 0, 500, 0}, 1000, 74, 37},       // 500 x 74 / 1000
	}
	for i, w := range want {
		m := eur[i]
		if m.Month != w.month || !reflect.DeepEqual(buckets(m), w.buckets) || m.Sales != w.sales || m.SalesDays != w.days || m.DSO != w.dso {
			t.Errorf("month %d: %s %v sales %d over %d days, DSO %d; want %+v", i, m.Month, buckets(m), m.Sales, m.SalesDays, m.DSO, w)
		}
	}
	if eur[5].Aging.Total != 0 || eur[5].DSO != 0 {
		t.Errorf("September before any invoice: %+v", eur[5])
	}
	gbp := trends[1].Months[11]
	if gbp.Aging.Buckets[0].Amount != 70 || gbp.DSO != 74 || trends[1].Months[10].Aging.Total != 0 {
		t.Errorf("GBP %+v", gbp)
	}
}
