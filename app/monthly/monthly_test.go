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

// crafted is a report of a shop in euros with two month ends of trend, one stage and two weeks.
func crafted() Report {
	a := app.NewAging("EUR")
	a.Buckets[0].Amount, a.Buckets[4].Amount, a.Total = 12345, 500, 12845
	usd := app.NewAging("USD")
	usd.Total = 100
	return Report{
		Shop:  app.Shop{Name: "Shop", Currency: "EUR", Language: "en"},
		Month: "2026-10", AsOf: app.MustDate("2026-10-31"), Aging: []app.Aging{a},
		Trend: []app.Trend{
			{Currency: "EUR", Months: []app.MonthFigures{
				{Month: "2026-09", End: app.MustDate("2026-09-30"), Aging: app.NewAging("EUR")},
				{Month: "2026-10", End: app.MustDate("2026-10-31"), Aging: a, Sales: 100, SalesDays: 92, DSO: 41}}},
			{Currency: "USD", Months: []app.MonthFigures{
				{Month: "2026-09", End: app.MustDate("2026-09-30"), Aging: usd, Sales: 100, SalesDays: 92, DSO: 9},
				{Month: "2026-10", End: app.MustDate("2026-10-31"), Aging: app.NewAging("USD")}}},
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
	if ag.Kind != chart.Stacked || !reflect.DeepEqual(ag.Keys, []string{"2026-09", "2026-10"}) || len(ag.Series) != 5 ||
		ag.Series[0].Values[1] != 123.45 || ag.Series[4].Values[1] != 5 || ag.Series[0].Values[0] != 0 {
		t.Fatalf("aging of the shop's euros: %+v", ag)
	}
	dso := DSOChart(r)
	if v := dso.Series[0].Values; !math.IsNaN(v[0]) || v[1] != 41 {
		t.Fatalf("dso: %v (September had no euro sales: no point)", v)
	}
	if eff := EffectChart(r); !reflect.DeepEqual(eff.Keys, []string{"reminder 1"}) || !math.IsNaN(eff.Series[0].Values[0]) {
		t.Fatalf("effect: %+v", eff.Series)
	}
	cash := CashChart(r)
	if !reflect.DeepEqual(cash.Marked, []bool{false, true}) || cash.Overlay == nil || cash.Overlay.Values[1] != -9.5 {
		t.Fatalf("cash: %+v", cash)
	}
	r.Shop.Language = "de"
	if c := AgingChart(r); c.Series[0].Name != "nicht fällig" || c.Title != "Offen an jedem Monatsende, nach Alter" {
		t.Fatalf("German: %q %q", c.Title, c.Series[0].Name)
	}
	if c := CashChart(r); c.Overlay.Name != "Bestand" || c.Series[0].Name != "aus Rechnungen" || c.Title != "Liquidität der nächsten 13 Wochen" {
		t.Fatalf("German cash: %q %q %q", c.Title, c.Overlay.Name, c.Series[0].Name)
	}
	if c := EffectChart(r); c.Title != "Binnen 30 Tagen bezahlt, nach Stufe" || c.Series[1].Name != "noch nicht angeschrieben" {
		t.Fatalf("German effect: %q %+v", c.Title, c.Series)
	}
	// The date labels too: months and weeks in German, the keys untouched.
	if c := AgingChart(r); !reflect.DeepEqual(c.Categories, []string{"Sep 26", "Okt 26"}) || !reflect.DeepEqual(c.Keys, []string{"2026-09", "2026-10"}) {
		t.Fatalf("German months: %q keys %q", c.Categories, c.Keys)
	}
	if got := dateLabel("2 Mar", monthNames["de"]); got != "2. Mär" {
		t.Fatalf("a German week: %q", got)
	}
	if got := dateLabel("reminder 1", monthNames["de"]); got != "reminder 1" {
		t.Fatalf("a stage taken for a date: %q", got)
	}
	r.Shop.Language = "en"
	if c := AgingChart(r); !reflect.DeepEqual(c.Categories, []string{"Sep 26", "Oct 26"}) {
		t.Fatalf("English months: %q", c.Categories)
	}
	if c := CashChart(r); c.Overlay.Name != "balance" {
		t.Fatalf("the German words stayed: %q", c.Overlay.Name)
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
		{"dso", "2026-10", "EUR", "41"},
		{"dso", "2026-09", "USD", "9"},
		{"aging_trend", "2026-10 over 90", "EUR", "5.00"},
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
	if strings.Contains(string(b), "dso,2026-09,EUR") {
		t.Error("a month without sales has a DSO")
	}
}
