package monthly

import "duebook/app"

// TrendIn is the month-by-month book of one currency in a list, empty months when the currency
// had nothing.
func TrendIn(ts []app.Trend, currency string) app.Trend {
	for _, t := range ts {
		if t.Currency == currency {
			return t
		}
	}
	return app.Trend{Currency: currency}
}

// LastDSO is each currency's DSO at the report's day, the last month of its trend, for the
// currencies that had sales.
func LastDSO(ts []app.Trend) []app.Money {
	var out []app.Money
	for _, t := range ts {
		if n := len(t.Months); n > 0 && t.Months[n-1].Sales > 0 {
			out = append(out, app.Money{Currency: t.Currency, Amount: int64(t.Months[n-1].DSO)})
		}
	}
	return out
}
