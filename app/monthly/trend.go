package monthly

import "duebook/app"

// Point is the book at one month's end: the aging and the DSO per currency.
type Point struct {
	End   app.Date
	Aging []app.Aging
	DSO   map[string]int // days sales outstanding over the DSOPeriod days up to End
}

// Trend gives the book at each of a list of month ends. The Reports window and the report
// share one; BookTrend is the plain computation from the book.
type Trend interface {
	Points(ends []app.Date) ([]Point, error)
}

// TrendSource is what BookTrend reads.
type TrendSource interface {
	Aging(asOf app.Date) ([]app.Aging, error)
	InvoicedBetween(from, to app.Date) ([]app.Money, error)
}

// AgingsSource computes the aging of many days (in ascending order) at once, faster than one
// day after another.
type AgingsSource interface {
	AgingAt(days []app.Date) ([][]app.Aging, error)
}

// BookTrend computes each month end as the Dashboard computes today: the aging on that day, and
// DSO as what was open then over what was invoiced in the DSOPeriod days up to it.
type BookTrend struct{ Src TrendSource }

// Points computes the book at each end (in ascending order).
func (t BookTrend) Points(ends []app.Date) ([]Point, error) {
	var agings [][]app.Aging
	if many, ok := t.Src.(AgingsSource); ok {
		var err error
		if agings, err = many.AgingAt(ends); err != nil {
			return nil, err
		}
	}
	out := make([]Point, 0, len(ends))
	for i, end := range ends {
		p := Point{End: end, DSO: map[string]int{}}
		var err error
		if agings != nil {
			p.Aging = agings[i]
		} else if p.Aging, err = t.Src.Aging(end); err != nil {
			return nil, err
		}
		sales, err := t.Src.InvoicedBetween(end.AddDays(1-app.DSOPeriod), end)
		if err != nil {
			return nil, err
		}
		for _, a := range p.Aging {
			for _, s := range sales {
				if s.Currency == a.Currency {
					p.DSO[a.Currency] = app.DSO(a.Total, s.Amount, app.DSOPeriod)
				}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// AgingIn is the aging of one currency in a list, empty when the currency had nothing open.
func AgingIn(as []app.Aging, currency string) app.Aging {
	for _, a := range as {
		if a.Currency == currency {
			return a
		}
	}
	return app.NewAging(currency)
}
