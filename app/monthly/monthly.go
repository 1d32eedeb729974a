// Package monthly gathers the monthly report: the aging at the month's end, the DSO and aging of
// the twelve months up to it, what was collected in the month, which steps got the shop paid, the
// customers whose risk rose, the bad-debt reserve and the cash-flow outlook. The command line and
// the window call the same Gather, and the PDF and the CSV draw the same Report.
package monthly

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/insight"
)

// Collected is what came in during the month in one currency by one method.
type Collected struct {
	Currency string
	Method   app.PaymentMethod
	Payments int
	Amount   int64
}

// Source is what the report reads from the book beyond the insight and cash-flow sources.
type Source interface {
	Shop() (app.Shop, bool, error)
	Aging(asOf app.Date) ([]app.Aging, error)
	InvoicedBetween(from, to app.Date) ([]app.Money, error)
	CollectedBetween(from, to app.Date) ([]Collected, error)
	TrendInputs(asOf app.Date) (app.TrendInputs, error)
}

// Book is everything the report reads: the store of a book satisfies all three.
type Book interface {
	Source
	insight.Source
	cashflow.Source
}

// Report is the monthly report of one book, every figure as of AsOf.
type Report struct {
	Shop  app.Shop
	Month string   // YYYY-MM
	First app.Date // the month's first day
	AsOf  app.Date // its last day, or today for the current month
	// Aging is what was open at AsOf, per currency.
	Aging []app.Aging
	// Trend is the DSO and aging of each currency at the twelve month ends up to AsOf, oldest
	// first (the last one is AsOf), as the Dashboard shows them.
	Trend []app.Trend
	// Collected is what came in from First to AsOf, per currency and method.
	Collected []Collected
	// Effect covers the contacts of the twelve months up to AsOf: a month alone is too short
	// for a contact's 30 days to have passed.
	Effect  insight.Effectiveness
	Risers  []insight.Mover
	Reserve cashflow.Reserve
	Cash    cashflow.Forecast
}

// ParseMonth reads YYYY-MM and gives its first day and the day its figures stand on: the last
// day, or today for the current month. A month that has not begun is refused.
func ParseMonth(s string, today app.Date) (first, asOf app.Date, err error) {
	s = strings.TrimSpace(s)
	y, m := 0, 0
	if len(s) == 7 && s[4] == '-' {
		y, err = strconv.Atoi(s[:4])
		if err == nil {
			m, err = strconv.Atoi(s[5:])
		}
	}
	if len(s) != 7 || s[4] != '-' || err != nil || m < 1 || m > 12 || strings.ContainsAny(s, "+ ") {
		return first, asOf, app.Errorf(app.CodeInvalid, "%q is not a month in the form YYYY-MM", s)
	}
	if first, err = app.NewDate(y, time.Month(m), 1); err != nil {
		return first, asOf, err
	}
	if today.Before(first) {
		return first, asOf, app.Errorf(app.CodeInvalid, "%s has not begun yet (today is %s)", s, today)
	}
	asOf = MonthEnd(first)
	if today.Before(asOf) {
		asOf = today
	}
	return first, asOf, nil
}

// MonthEnd is the last day of the month that first begins.
func MonthEnd(first app.Date) app.Date {
	return app.DateOf(time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, time.UTC), time.UTC)
}

// Gather computes the report of month (YYYY-MM) with today as the day the owner asks.
func Gather(ctx context.Context, book Book, month string, today app.Date) (Report, error) {
	first, asOf, err := ParseMonth(month, today)
	if err != nil {
		return Report{}, err
	}
	r := Report{Month: month, First: first, AsOf: asOf}
	shop, _, err := book.Shop()
	if err != nil {
		return r, err
	}
	r.Shop = shop
	if r.Aging, err = book.Aging(asOf); err != nil {
		return r, err
	}
	in, err := book.TrendInputs(asOf)
	if err != nil {
		return r, err
	}
	if r.Trend, err = app.ComputeTrends(in); err != nil {
		return r, err
	}
	if r.Collected, err = book.CollectedBetween(first, asOf); err != nil {
		return r, err
	}
	sortCollected(r.Collected)
	// The insight rules read the day from a clock: noon of asOf is asOf in every time zone.
	svc := insight.NewService(book, app.FixedClock(time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 12, 0, 0, 0, time.Local)))
	if r.Effect, err = svc.Effectiveness(ctx, insight.Filter{To: asOf}); err != nil {
		return r, fmt.Errorf("effectiveness of %s: %w", month, err)
	}
	risk, err := svc.Risk(ctx)
	if err != nil {
		return r, fmt.Errorf("risk of %s: %w", month, err)
	}
	r.Risers = risk.Risers
	if r.Reserve, err = cashflow.SuggestReserve(book, asOf, shop.Currency); err != nil {
		return r, err
	}
	if r.Cash, err = cashflow.Outlook(book, asOf, shop.Currency); err != nil {
		return r, err
	}
	return r, nil
}

// sortCollected orders by currency, then the methods in the order the owner picks them from.
func sortCollected(cs []Collected) {
	rank := map[app.PaymentMethod]int{}
	for i, m := range app.PaymentMethods {
		rank[m] = i + 1
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Currency != cs[j].Currency {
			return cs[i].Currency < cs[j].Currency
		}
		return rank[cs[i].Method] < rank[cs[j].Method]
	})
}

// CollectedTotal is what came in per currency, credit notes left out: they bring no money.
func (r Report) CollectedTotal() []app.Money {
	var out []app.Money
	for _, c := range r.Collected {
		if c.Method == app.MethodCreditNote {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Currency == c.Currency {
			out[n-1].Amount += c.Amount
		} else {
			out = append(out, app.Money{Currency: c.Currency, Amount: c.Amount})
		}
	}
	return out
}

// Stages is the effectiveness report's rows by ladder stage.
func (r Report) Stages() []insight.Row {
	for _, d := range r.Effect.Dimensions {
		if d.Name == "stage" {
			return d.Rows
		}
	}
	return nil
}
