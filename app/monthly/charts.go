package monthly

import (
	"fmt"
	"math"

	"duebook/app"
	"duebook/app/chart"
)

// bucketRoles colour the aging buckets from calm to alarming.
var bucketRoles = []chart.Role{chart.Good, chart.Neutral, chart.Muted, chart.Accent, chart.Bad}

// major turns minor units into the currency's main unit for a chart's axis; the tables keep
// the exact figures.
func major(v int64, code string) float64 {
	c, err := app.LookupCurrency(code)
	if err != nil {
		return float64(v)
	}
	return float64(v) / math.Pow10(c.Exponent)
}

// monthLabel is "2026-03" of a month end.
func monthLabel(d app.Date) string { return fmt.Sprintf("%04d-%02d", d.Year(), int(d.Month())) }

// AgingChart stacks the shop currency's aging buckets at each month end of the trend.
func AgingChart(r Report) chart.Chart {
	w := Words(r.Shop.Language)
	cur := r.Shop.Currency
	c := chart.Chart{Title: w["agingtrend"] + " (" + cur + ")", Kind: chart.Stacked, Unit: cur}
	for i, b := range app.AgingBuckets {
		c.Series = append(c.Series, chart.Series{Name: BucketWord(b.Name, r.Shop.Language), Role: bucketRoles[i]})
	}
	for _, p := range r.Trend {
		c.Categories = append(c.Categories, monthLabel(p.End))
		c.Keys = append(c.Keys, p.End.String())
		a := AgingIn(p.Aging, cur)
		for i := range c.Series {
			c.Series[i].Values = append(c.Series[i].Values, major(a.Buckets[i].Amount, cur))
		}
	}
	return c
}

// DSOChart is the shop currency's DSO at each month end; a month with nothing open or nothing
// invoiced has no point.
func DSOChart(r Report) chart.Chart {
	w := Words(r.Shop.Language)
	cur := r.Shop.Currency
	s := chart.Series{Name: w["dsoline"], Role: chart.Accent}
	c := chart.Chart{Title: w["dso"], Kind: chart.Lines, Unit: w["days"], Note: fmt.Sprintf(w["dsonote"], app.DSOPeriod)}
	for _, p := range r.Trend {
		c.Categories = append(c.Categories, monthLabel(p.End))
		c.Keys = append(c.Keys, p.End.String())
		v, ok := p.DSO[cur]
		if !ok {
			s.Values = append(s.Values, math.NaN())
			continue
		}
		s.Values = append(s.Values, float64(v))
	}
	c.Series = []chart.Series{s}
	return c
}

// EffectChart shows, per ladder stage, the share of contacts paid within 7, 14 and 30 days.
func EffectChart(r Report) chart.Chart {
	w := Words(r.Shop.Language)
	c := chart.Chart{Title: w["effect"], Kind: chart.Bars, Unit: "%"}
	roles := []chart.Role{chart.Muted, chart.Neutral, chart.Good}
	for i, k := range []string{"p7", "p14", "p30"} {
		c.Series = append(c.Series, chart.Series{Name: w["paidwithin"] + " " + w[k], Role: roles[i]})
	}
	for _, row := range r.Stages() {
		c.Categories = append(c.Categories, row.Key)
		c.Keys = append(c.Keys, row.Key)
		for i, win := range row.Windows {
			v := math.NaN()
			if win.Observed > 0 {
				v = math.Round(win.Share * 100)
			}
			c.Series[i].Values = append(c.Series[i].Values, v)
		}
	}
	return c
}

// CashChart sets the expected receipts beside the bills of each week, with the balance drawn
// over them and the weeks where cash runs short marked.
func CashChart(r Report) chart.Chart {
	w := Words(r.Shop.Language)
	cur := r.Cash.Currency
	c := chart.Chart{Title: w["cash"] + " (" + cur + ")", Kind: chart.Bars, Unit: cur}
	in := chart.Series{Name: w["receipts"], Role: chart.Good}
	out := chart.Series{Name: w["bills"], Role: chart.Bad}
	bal := chart.Series{Name: w["balance"], Role: chart.Accent}
	for _, wk := range r.Cash.Weeks {
		c.Categories = append(c.Categories, fmt.Sprintf("%02d-%02d", int(wk.Start.Month()), wk.Start.Day()))
		c.Keys = append(c.Keys, wk.Start.String())
		in.Values = append(in.Values, major(wk.Receipts, cur))
		out.Values = append(out.Values, major(wk.Bills, cur))
		bal.Values = append(bal.Values, major(wk.Balance, cur))
		c.Marked = append(c.Marked, wk.Short)
	}
	c.Series = []chart.Series{in, out}
	c.Overlay = &bal
	if n := r.Cash.ShortWeeks(); n > 0 {
		c.Note = fmt.Sprintf(w["shortweeks"], n)
	} else {
		c.Note = w["noshort"]
	}
	return c
}

// Charts are the report's charts in the order the report shows them.
func Charts(r Report) []chart.Chart {
	return []chart.Chart{AgingChart(r), DSOChart(r), EffectChart(r), CashChart(r)}
}
