package insightcharts

import (
	"math"
	"reflect"
	"testing"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/chart"
	"duebook/app/insight"
)

func same(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %v, want %v", what, got, want)
	}
	for i := range got {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && got[i] != want[i]) {
			t.Fatalf("%s: %v, want %v", what, got, want)
		}
	}
}

func TestEffectivenessShowsTheWindowAndTheControl(t *testing.T) {
	row := func(key string, obs, paid int, share, ctl float64, matched int) insight.Row {
		r := insight.Row{Key: key}
		r.Windows[1] = insight.Window{Days: 14, Observed: obs, Paid: paid, Share: share, Control: ctl, Matched: matched}
		return r
	}
	rep := insight.Effectiveness{Dimensions: []insight.Dimension{
		{Name: "tone", Rows: []insight.Row{row("firm", 1, 1, 1, 0, 0)}},
		{Name: "stage", Rows: []insight.Row{
			row("reminder 1", 3, 2, 2.0/3, 0.25, 3),
			row("final demand", 0, 0, 0, 0, 0),
		}},
	}}
	c, err := Effectiveness(rep, "stage", 14)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Keys, []string{"reminder 1", "final demand"}) || c.Kind != chart.Bars {
		t.Fatalf("keys %v kind %v", c.Keys, c.Kind)
	}
	same(t, "share", c.Series[0].Values, []float64{66.7, math.NaN()})
	same(t, "control", c.Series[1].Values, []float64{25, math.NaN()})
	if c.Series[1].Role != chart.Muted || c.Series[1].Name != Control {
		t.Fatalf("control series %+v", c.Series[1])
	}
	if _, err := Effectiveness(rep, "stage", 10); err == nil {
		t.Fatal("a window of 10 days was accepted")
	}
	if _, err := Effectiveness(rep, "colour", 7); err == nil {
		t.Fatal("an unknown grouping was accepted")
	}
}

func TestRiskBandsAndRisers(t *testing.T) {
	rep := insight.RiskReport{
		Customers: []insight.Risk{{Band: "high"}, {Band: "low"}, {Band: "low"}, {Band: "medium"}},
		Risers: []insight.Mover{
			{Before: insight.Risk{Score: 10}, Now: insight.Risk{CustomerID: 7, Name: "Ann", Score: 45}},
			{Before: insight.Risk{Score: 0}, Now: insight.Risk{CustomerID: 9, Name: "Bob", Score: 15}},
		},
	}
	b := RiskBands(rep)
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	same(t, "low", b.Series[0].Values, []float64{2, 0, 0})
	same(t, "medium", b.Series[1].Values, []float64{0, 1, 0})
	same(t, "high", b.Series[2].Values, []float64{0, 0, 1})
	r := Risers(rep, 1)
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Keys, []string{"7"}) || !reflect.DeepEqual(r.Categories, []string{"Ann"}) {
		t.Fatalf("risers %v %v", r.Keys, r.Categories)
	}
	same(t, "before", r.Series[0].Values, []float64{10})
	same(t, "now", r.Series[1].Values, []float64{45})
}

func TestCashflowStacksReceiptsOverBillsAndMarksShortWeeks(t *testing.T) {
	d := app.MustDate("2026-03-02")
	f := cashflow.Forecast{Currency: "EUR", Weeks: []cashflow.Week{
		{Start: d, Invoices: 12050, Installments: 5000, Promises: 100, Bills: 30000, Balance: -12850, Short: true},
		{Start: d.AddDays(7), Invoices: 20000, Balance: 7150},
	}}
	c := Cashflow(f)
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Keys, []string{"2026-03-02", "2026-03-09"}) || !reflect.DeepEqual(c.Categories, []string{"2 Mar", "9 Mar"}) {
		t.Fatalf("keys %v categories %v", c.Keys, c.Categories)
	}
	same(t, "invoices", c.Series[0].Values, []float64{120.5, 200})
	same(t, "installments", c.Series[1].Values, []float64{50, 0})
	same(t, "promises", c.Series[2].Values, []float64{1, 0})
	same(t, "bills", c.Series[3].Values, []float64{-300, 0})
	same(t, "balance", c.Overlay.Values, []float64{-128.5, 71.5})
	if !reflect.DeepEqual(c.Marked, []bool{true, false}) {
		t.Fatalf("marked %v", c.Marked)
	}
	if lo, hi := c.Range(); lo != -300 || hi != 200 {
		t.Fatalf("range %v..%v", lo, hi)
	}
}

func TestReserveInMajorUnitsOfTheCurrency(t *testing.T) {
	r := cashflow.Reserve{Currency: "JPY", Buckets: []cashflow.BucketReserve{
		{Name: "not due", Open: 10000, Reserve: 100}, {Name: "over 90", Open: 500, Reserve: 250},
	}}
	c := Reserve(r)
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	same(t, "open", c.Series[0].Values, []float64{10000, 500})
	same(t, "reserve", c.Series[1].Values, []float64{100, 250})
	if !reflect.DeepEqual(c.Keys, []string{"not due", "over 90"}) {
		t.Fatalf("keys %v", c.Keys)
	}
}

func TestTrendsByMonth(t *testing.T) {
	a := app.NewAging("GBP")
	a.Buckets[0].Amount, a.Buckets[4].Amount = 1000, 250
	tr := app.Trend{Currency: "GBP", Months: []app.MonthFigures{
		{Month: "2026-01", Aging: app.NewAging("GBP")},
		{Month: "2026-02", Aging: a, Sales: 5000, SalesDays: 90, DSO: 23},
	}}
	d := DSOTrend(tr)
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	same(t, "dso", d.Series[0].Values, []float64{math.NaN(), 23})
	if !reflect.DeepEqual(d.Categories, []string{"Jan 26", "Feb 26"}) || !reflect.DeepEqual(d.Keys, []string{"2026-01", "2026-02"}) {
		t.Fatalf("categories %v keys %v", d.Categories, d.Keys)
	}
	g := AgingTrend(tr)
	if err := g.Check(); err != nil {
		t.Fatal(err)
	}
	if len(g.Series) != len(app.AgingBuckets) || g.Kind != chart.Stacked {
		t.Fatalf("%d series, kind %v", len(g.Series), g.Kind)
	}
	same(t, "not due", g.Series[0].Values, []float64{0, 10})
	same(t, "over 90", g.Series[4].Values, []float64{0, 2.5})
}
