package app

import (
	"sort"
	"time"
)

// TrendMonths is how many month ends the Dashboard's DSO and aging trends show.
const TrendMonths = 12

// DSOMonths is how many calendar months of credit sales DSO at a month end is measured over.
const DSOMonths = 3

// MonthFigures is the book of one currency at the end of one month.
type MonthFigures struct {
	Month string // "2026-03"
	End   Date   // the month's last day (the as-of day for the month not yet over)
	Aging Aging  // what was open at End, by how far past due it was then
	// Sales is what was invoiced in the DSOMonths calendar months ending with this one (up to
	// End), over SalesDays days.
	Sales     int64
	SalesDays int
	DSO       int // Aging.Total x SalesDays / Sales, rounded half-up; 0 without sales
}

// Trend is the month-by-month book of one currency, oldest month first.
type Trend struct {
	Currency string
	Months   []MonthFigures
}

// Reduction is what lowered an invoice's open amount on a day: a payment allocated to it, a
// discount taken, or a write-off.
type Reduction struct {
	On     Date
	Amount int64
}

// TrendInvoice is an invoice that may have been open at one of the trend's month ends: open now,
// or reduced after the first of them. Later lists its reductions dated after that first month
// end, so what was open at any later month end is OpenNow plus those dated after it.
type TrendInvoice struct {
	Currency   string
	Issue, Due Date
	OpenNow    int64
	Later      []Reduction
}

// MonthSales is what was invoiced in one currency in one calendar month ("2026-03").
type MonthSales struct {
	Currency, Month string
	Amount          int64
}

// TrendInputs are what the trends rest on; the store reads them for TrendEnds(AsOf).
type TrendInputs struct {
	AsOf     Date
	Invoices []TrendInvoice
	Sales    []MonthSales // months from the DSOMonths-1 months before the first month end
}

// monthStart is the first day of d's month moved by n months.
func monthStart(d Date, n int) Date {
	return Date{time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)}
}

// TrendEnds are the TrendMonths month ends up to asOf, oldest first: the last day of each of the
// eleven months before asOf's month, and asOf itself for the month not yet over.
func TrendEnds(asOf Date) []Date {
	ends := make([]Date, TrendMonths)
	for i := range ends {
		ends[i] = monthStart(asOf, i-TrendMonths+2).AddDays(-1)
	}
	ends[TrendMonths-1] = asOf
	return ends
}

// SalesFrom is the first issue date whose sales the trends need.
func SalesFrom(asOf Date) Date { return monthStart(asOf, -TrendMonths-DSOMonths+2) }

// ComputeTrends gives, per currency (sorted by code), the book at each of TrendEnds(AsOf):
// what was open then by aging bucket, and DSO = open at the month end x days of the last
// DSOMonths months (the current one up to its end) / what was invoiced in those months.
func ComputeTrends(in TrendInputs) ([]Trend, error) {
	ends := TrendEnds(in.AsOf)
	byCur := map[string]*Trend{}
	get := func(cur string) *Trend {
		t, ok := byCur[cur]
		if !ok {
			t = &Trend{Currency: cur, Months: make([]MonthFigures, len(ends))}
			for i, e := range ends {
				t.Months[i] = MonthFigures{Month: e.Time().Format("2006-01"), End: e, Aging: NewAging(cur)}
			}
			byCur[cur] = t
		}
		return t
	}
	for _, inv := range in.Invoices {
		t := get(inv.Currency)
		for i, e := range ends {
			if inv.Issue.After(e) {
				continue // not issued yet at this month end
			}
			open := inv.OpenNow
			for _, r := range inv.Later {
				if r.On.After(e) {
					open += r.Amount
				}
			}
			if open > 0 {
				if err := t.Months[i].Aging.Add(e.DaysSince(inv.Due), open); err != nil {
					return nil, err
				}
			}
		}
	}
	return finishTrends(in, ends, byCur, get)
}

// finishTrends adds the sales and DSO to each month and sorts the currencies.
func finishTrends(in TrendInputs, ends []Date, byCur map[string]*Trend, get func(string) *Trend) ([]Trend, error) {
	sales := map[[2]string]int64{}
	for _, s := range in.Sales {
		get(s.Currency)
		sales[[2]string{s.Currency, s.Month}] += s.Amount
	}
	out := make([]Trend, 0, len(byCur))
	for _, t := range byCur {
		for i, e := range ends {
			m := &t.Months[i]
			first := monthStart(e, 1-DSOMonths)
			m.SalesDays = e.DaysSince(first) + 1
			for k := 0; k < DSOMonths; k++ {
				month := monthStart(e, k+1-DSOMonths).Time().Format("2006-01")
				var err error
				if m.Sales, err = AddAmounts(m.Sales, sales[[2]string{t.Currency, month}]); err != nil {
					return nil, err
				}
			}
			m.DSO = DSO(m.Aging.Total, m.Sales, m.SalesDays)
		}
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out, nil
}

// Trends are the DSO and aging trends of each currency over the TrendMonths month ends up to
// asOf (today when zero).
func (l *Ledger) Trends(asOf Date) ([]Trend, error) {
	if asOf.IsZero() {
		asOf = l.Today()
	}
	in, err := l.Store.TrendInputs(asOf)
	if err != nil {
		return nil, err
	}
	return ComputeTrends(in)
}
