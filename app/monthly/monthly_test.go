package monthly

import (
	"bytes"
	"encoding/csv"
	"math"
	"reflect"
	"strings"
	"testing"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/chart"
	"duebook/app/insight"
)

func TestParseMonth(t *testing.T) {
	today := app.MustDate("2026-11-22")
	for _, c := range []struct {
		in, first, asOf, err string
	}{
		{"2026-10", "2026-10-01", "2026-10-31", ""},
		{" 2024-02 ", "2024-02-01", "2024-02-29", ""}, // a leap year
		{"2026-11", "2026-11-01", "2026-11-22", ""},   // the current month stands on today
		{"2026-12", "", "", "has not begun"},
		{"2026-13", "", "", "not a month"},
		{"2026-1", "", "", "not a month"},
		{"2026/10", "", "", "not a month"},
		{"+026-10", "", "", "not a month"},
		{"", "", "", "not a month"},
	} {
		first, asOf, err := ParseMonth(c.in, today)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || app.CodeOf(err) != app.CodeInvalid {
				t.Errorf("%q: %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || first.String() != c.first || asOf.String() != c.asOf {
			t.Errorf("%q: %s %s %v, want %s %s", c.in, first, asOf, err, c.first, c.asOf)
		}
	}
}

func TestMonthEndsEndOnTheDay(t *testing.T) {
	ends := MonthEnds(app.MustDate("2024-03-15"), 12)
	var got []string
	for _, e := range ends {
		got = append(got, e.String())
	}
	want := []string{"2023-04-30", "2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31",
		"2023-11-30", "2023-12-31", "2024-01-31", "2024-02-29", "2024-03-15"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%v", got)
	}
}

// crafted is a report of a shop in euros with two month ends of trend, one stage and two weeks.
func crafted() Report {
	a := app.NewAging("EUR")
	a.Buckets[0].Amount, a.Buckets[4].Amount, a.Total = 12345, 500, 12845
	usd := app.NewAging("USD")
	usd.Total = 100
	return Report{
		Shop:  app.Shop{Name: "Shop", Currency: "EUR", Language: "en"},
		Month: "2026-10", AsOf: app.MustDate("2026-10-31"), Aging: []app.Aging{a},
		Trend: []Point{
			{End: app.MustDate("2026-09-30"), Aging: []app.Aging{usd}, DSO: map[string]int{"USD": 9}},
			{End: app.MustDate("2026-10-31"), Aging: []app.Aging{a}, DSO: map[string]int{"EUR": 41}},
		},
		Effect: insight.Effectiveness{Dimensions: []insight.Dimension{{Name: "stage", Rows: []insight.Row{
			{Key: "reminder 1", Actions: 4, Windows: [3]insight.Window{{Days: 7, Observed: 4, Paid: 1, Share: 0.25}, {Days: 14, Observed: 4, Paid: 2, Share: 0.5}, {Days: 30}}},
		}}}},
		Cash: cashflow.Forecast{Currency: "EUR", Weeks: []cashflow.Week{
			{Start: app.MustDate("2026-10-31"), Receipts: 1000, Bills: 0, Balance: 1000},
			{Start: app.MustDate("2026-11-07"), Receipts: 50, Bills: 2000, Balance: -950, Short: true},
		}},
	}
}

func TestChartsCarryTheFigures(t *testing.T) {
	r := crafted()
	for _, c := range Charts(r) {
		if err := c.Check(); err != nil {
			t.Fatal(err)
		}
	}
	ag := AgingChart(r)
	if ag.Kind != chart.Stacked || !reflect.DeepEqual(ag.Categories, []string{"2026-09", "2026-10"}) || len(ag.Series) != 5 ||
		ag.Series[0].Values[1] != 123.45 || ag.Series[4].Values[1] != 5 || ag.Series[0].Values[0] != 0 {
		t.Fatalf("aging: %+v", ag)
	}
	dso := DSOChart(r)
	if v := dso.Series[0].Values; !math.IsNaN(v[0]) || v[1] != 41 {
		t.Fatalf("dso: %v (September had no euros: no point)", v)
	}
	eff := EffectChart(r)
	if eff.Series[0].Values[0] != 25 || eff.Series[1].Values[0] != 50 || !math.IsNaN(eff.Series[2].Values[0]) {
		t.Fatalf("effect: %+v", eff.Series)
	}
	cash := CashChart(r)
	if !reflect.DeepEqual(cash.Marked, []bool{false, true}) || cash.Overlay == nil || cash.Overlay.Values[1] != -9.5 ||
		cash.Series[1].Values[1] != 20 || !strings.Contains(cash.Note, "1 of the 13") || cash.Categories[1] != "11-07" {
		t.Fatalf("cash: %+v", cash)
	}
	r.Shop.Language = "de"
	if c := AgingChart(r); c.Series[0].Name != "nicht fällig" || !strings.HasPrefix(c.Title, "Altersstruktur") {
		t.Fatalf("German: %q %q", c.Title, c.Series[0].Name)
	}
}

func TestCSVKeepsNamesAsText(t *testing.T) {
	r := crafted()
	r.Shop.Name = "=SUM(A1)"
	r.Risers = []insight.Mover{{Before: insight.Risk{Score: 10}, Now: insight.Risk{Name: "@evil", Score: 30,
		Reasons: []insight.Reason{{Points: 20, Text: "broke a promise"}}}}}
	b, err := CSV(r)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"report", "shop", "", "'=SUM(A1)"},
		{"risk_movers", "'@evil score_on_the_1st", "", "10"},
		{"risk_movers", "'@evil score", "", "30"},
		{"risk_movers", "'@evil reason", "", "broke a promise (+20)"},
		{"effectiveness", "reminder 1 paid_within_14_days_percent", "", "50"},
		{"cashflow", "2026-11-07 balance", "EUR", "-9.50"},
		{"cashflow", "2026-11-07 short", "", "true"},
		{"aging", "not due", "EUR", "123.45"},
	}
	for _, w := range want {
		found := false
		for _, r := range rows {
			found = found || reflect.DeepEqual(r, w)
		}
		if !found {
			t.Errorf("no row %q in\n%s", w, b)
		}
	}
	if strings.Contains(string(b), "paid_within_30_days") {
		t.Error("a window with nothing observed is written")
	}
}
