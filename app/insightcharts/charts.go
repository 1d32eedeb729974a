// Package insightcharts turns the insight, cash-flow and trend reports into chart.Charts. The
// window and the monthly report both call these builders, so a figure reads the same on screen
// and on paper. Money is drawn in major units (12.50, not 1250): the values only place bars, the
// tables beside a chart carry the exact amounts.
package insightcharts

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/chart"
	"duebook/app/insight"
)

// Control is the name of the comparison series of the effectiveness chart.
const Control = "not contacted yet"

// major is an amount in major units of its currency, for drawing only.
func major(amount int64, currency string) float64 {
	exp := 2
	if c, err := app.LookupCurrency(currency); err == nil {
		exp = c.Exponent
	}
	return float64(amount) / math.Pow10(exp)
}

// pct is a share 0..1 as a percentage rounded to one decimal.
func pct(share float64) float64 { return math.Round(share*1000) / 10 }

// Effectiveness draws, per row of one dimension ("stage", "template", "tone", "channel"), the
// share of contacts paid in full within window days (7, 14 or 30) and, muted beside it, the
// share for invoices not contacted yet at the same age. A row without a comparison shows no
// muted bar. The keys are the rows' keys, for Service.Behind.
func Effectiveness(rep insight.Effectiveness, dimension string, window int) (chart.Chart, error) {
	wi := -1
	for i, d := range insight.Windows {
		if d == window {
			wi = i
		}
	}
	if wi < 0 {
		return chart.Chart{}, app.Errorf(app.CodeInvalid, "paid within %d days is not a window of the report (7, 14 or 30)", window)
	}
	var rows []insight.Row
	found := false
	for _, d := range rep.Dimensions {
		if d.Name == dimension {
			rows, found = d.Rows, true
		}
	}
	if !found {
		return chart.Chart{}, app.Errorf(app.CodeInvalid, "the effectiveness report has no %q grouping", dimension)
	}
	c := chart.Chart{
		Title: fmt.Sprintf("Paid within %d days, by %s", window, dimension),
		Kind:  chart.Bars, Unit: "%",
		Series: []chart.Series{
			{Name: fmt.Sprintf("paid within %d days", window), Role: chart.Accent},
			{Name: Control, Role: chart.Muted},
		},
		Note: "Share of contacts whose invoices were all paid in full within the days; " +
			"grey: invoices of the same age not contacted yet.",
	}
	for _, r := range rows {
		w := r.Windows[wi]
		c.Categories = append(c.Categories, r.Key)
		c.Keys = append(c.Keys, r.Key)
		share := math.NaN()
		if w.Observed > 0 {
			share = pct(w.Share)
		}
		ctl := math.NaN()
		if w.Matched > 0 {
			ctl = pct(w.Control)
		}
		c.Series[0].Values = append(c.Series[0].Values, share)
		c.Series[1].Values = append(c.Series[1].Values, ctl)
	}
	return c, c.Check()
}

// RiskBands counts the customers in each band of the risk score; the keys are the bands.
func RiskBands(rep insight.RiskReport) chart.Chart {
	bands := []string{insight.BandLow, insight.BandMedium, insight.BandHigh}
	roles := []chart.Role{chart.Good, chart.Neutral, chart.Bad}
	c := chart.Chart{Title: "Customers by risk", Kind: chart.Stacked, Unit: "customers",
		Categories: bands, Keys: bands,
		Note: "Low: score under 25; medium: 25 to 49; high: 50 or more."}
	for i, b := range bands {
		s := chart.Series{Name: b, Role: roles[i], Values: make([]float64, len(bands))}
		for _, r := range rep.Customers {
			if r.Band == b {
				s.Values[i]++
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// Risers draws, for at most n customers whose risk rose this month (biggest rise first), the
// score at the start of the month, muted, beside today's. The keys are the customer ids.
func Risers(rep insight.RiskReport, n int) chart.Chart {
	c := chart.Chart{Title: "Risk rose this month", Kind: chart.Bars, Unit: "points",
		Series: []chart.Series{{Name: "on the 1st", Role: chart.Muted}, {Name: "today", Role: chart.Bad}},
		Note:   "Customers whose score went up since the first of the month while no debt is yet 60 days overdue."}
	for i, m := range rep.Risers {
		if i == n {
			break
		}
		c.Categories = append(c.Categories, m.Now.Name)
		c.Keys = append(c.Keys, strconv.FormatInt(m.Now.CustomerID, 10))
		c.Series[0].Values = append(c.Series[0].Values, float64(m.Before.Score))
		c.Series[1].Values = append(c.Series[1].Values, float64(m.Now.Score))
	}
	return c
}

// weekLabel names a week by its first day ("2 Mar").
func weekLabel(d app.Date) string { return d.Time().Format("2 Jan") }

// Cashflow stacks, per week, what is expected in (from invoices, installments, promises) above
// zero and the bills due below it, with the balance at the week's end as a line over them and
// the weeks where cash runs short marked. The keys are the weeks' first days (YYYY-MM-DD).
func Cashflow(f cashflow.Forecast) chart.Chart {
	c := chart.Chart{Title: "Cash flow, next 13 weeks", Kind: chart.Stacked, Unit: f.Currency,
		Note: "Bars: expected in (above) and bills due (below) each week; line: cash at the week's end; " +
			"marked weeks run short."}
	inv := chart.Series{Name: "from invoices", Role: chart.Good}
	ins := chart.Series{Name: "from installments", Role: chart.Accent}
	pro := chart.Series{Name: "from promises", Role: chart.Neutral}
	bills := chart.Series{Name: "bills due", Role: chart.Bad}
	bal := chart.Series{Name: "balance", Role: chart.Accent}
	for _, w := range f.Weeks {
		c.Categories = append(c.Categories, weekLabel(w.Start))
		c.Keys = append(c.Keys, w.Start.String())
		c.Marked = append(c.Marked, w.Short)
		inv.Values = append(inv.Values, major(w.Invoices, f.Currency))
		ins.Values = append(ins.Values, major(w.Installments, f.Currency))
		pro.Values = append(pro.Values, major(w.Promises, f.Currency))
		bills.Values = append(bills.Values, -major(w.Bills, f.Currency))
		bal.Values = append(bal.Values, major(w.Balance, f.Currency))
	}
	c.Series = []chart.Series{inv, ins, pro, bills}
	c.Overlay = &bal
	return c
}

// Reserve draws, per aging bucket, what is open now beside the reserve suggested for it. The
// keys are the buckets' names.
func Reserve(r cashflow.Reserve) chart.Chart {
	c := chart.Chart{Title: "Bad-debt reserve by age", Kind: chart.Bars, Unit: r.Currency,
		Series: []chart.Series{{Name: "open", Role: chart.Neutral}, {Name: "reserve", Role: chart.Bad}},
		Note:   "Reserve: what is open in the bucket times the share the shop's history lost at that age."}
	for _, b := range r.Buckets {
		c.Categories = append(c.Categories, b.Name)
		c.Keys = append(c.Keys, b.Name)
		c.Series[0].Values = append(c.Series[0].Values, major(b.Open, r.Currency))
		c.Series[1].Values = append(c.Series[1].Values, major(b.Reserve, r.Currency))
	}
	return c
}

// monthLabel names a month ("Mar 26") from "2026-03"; a malformed month is shown as given.
func monthLabel(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("Jan 06")
}

// DSOTrend draws days sales outstanding at each month's end as a line; the keys are the months.
// A month without sales in its three months has no DSO and no point.
func DSOTrend(t app.Trend) chart.Chart {
	c := chart.Chart{Title: "Days sales outstanding", Kind: chart.Lines, Unit: "days",
		Note: fmt.Sprintf("Open at the month's end divided by what was invoiced in the last %d months, times their days.", app.DSOMonths)}
	s := chart.Series{Name: "DSO " + t.Currency, Role: chart.Accent}
	for _, m := range t.Months {
		c.Categories = append(c.Categories, monthLabel(m.Month))
		c.Keys = append(c.Keys, m.Month)
		v := float64(m.DSO)
		if m.Sales <= 0 {
			v = math.NaN()
		}
		s.Values = append(s.Values, v)
	}
	c.Series = []chart.Series{s}
	return c
}

// agingRoles colour the buckets from "not due" to "over 90"; a drawing tells two series of one
// role apart by shade.
var agingRoles = []chart.Role{chart.Good, chart.Muted, chart.Neutral, chart.Neutral, chart.Bad}

// AgingTrend stacks what was open at each month's end by aging bucket; the keys are the months.
func AgingTrend(t app.Trend) chart.Chart {
	c := chart.Chart{Title: "Open at each month's end, by age", Kind: chart.Stacked, Unit: t.Currency,
		Note: "Each bar: what customers owed at the month's end, split by how far past due it was."}
	for i, b := range app.AgingBuckets {
		c.Series = append(c.Series, chart.Series{Name: b.Name, Role: agingRoles[i%len(agingRoles)]})
	}
	for _, m := range t.Months {
		c.Categories = append(c.Categories, monthLabel(m.Month))
		c.Keys = append(c.Keys, m.Month)
		for i := range c.Series {
			var v int64
			if i < len(m.Aging.Buckets) {
				v = m.Aging.Buckets[i].Amount
			}
			c.Series[i].Values = append(c.Series[i].Values, major(v, t.Currency))
		}
	}
	return c
}
