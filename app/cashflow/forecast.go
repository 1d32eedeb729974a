// Package cashflow looks ahead: the cash the shop can expect week by week from its customers
// against its own bills, and the reserve for bad debts its own history suggests. The figures
// are plain structs computed by pure functions, so a screen, a PDF and the command line draw the
// same numbers.
package cashflow

import (
	"sort"

	"duebook/app"
)

// Weeks is how far the forecast looks: 13 weeks, a quarter.
const Weeks = 13

// StaleDays: an invoice more than this many days past due is not expected in the forecast
// (it is a case for the ladder and the reserve, not for planning cash).
const StaleDays = 90

// HistoryDays: a customer's usual delay is read from the invoices paid in full in this many
// days before the forecast (recent behaviour, not the customer's whole past).
const HistoryDays = 365

// Receivable is an open invoice outside any active payment plan.
type Receivable struct {
	CustomerID int64
	Number     string
	Due        app.Date
	Open       int64
}

// Expected is money scheduled to come in on a day: a plan installment or a promise.
type Expected struct {
	CustomerID int64
	On         app.Date
	Amount     int64
}

// Bill is an unpaid bill of the shop.
type Bill struct {
	Supplier string
	Due      app.Date
	Amount   int64
}

// Inputs are what the forecast of one currency rests on.
type Inputs struct {
	AsOf         app.Date
	Currency     string
	Opening      int64 // cash at hand on AsOf
	Invoices     []Receivable
	Installments []Expected // installments of active plans still to be paid
	Promises     []Expected // open promises to pay
	// DaysLate are, per customer, the days between due date and last payment of each of their
	// invoices paid in full (negative: paid early).
	DaysLate map[int64][]int
	Bills    []Bill
}

// Week is one week of the forecast.
type Week struct {
	Start, End   app.Date
	Receipts     int64 // everything expected in
	Invoices     int64 // of which from open invoices
	Installments int64 // of which from plan installments
	Promises     int64 // of which from promises
	Bills        int64 // bills due
	Balance      int64 // cash at the end of the week
	Short        bool  // the balance is below zero
}

// Forecast is the 13-week outlook of one currency.
type Forecast struct {
	AsOf     app.Date
	Currency string
	Opening  int64
	Weeks    []Week
	// DefaultDelay is the days late assumed for customers with no paid invoice: the middle of
	// everyone's, or 0 when the shop has no history.
	DefaultDelay int
	// Stale is what is owed on invoices more than StaleDays past due, left out.
	Stale int64
}

// ShortWeeks counts the weeks where cash runs short.
func (f Forecast) ShortWeeks() int {
	n := 0
	for _, w := range f.Weeks {
		if w.Short {
			n++
		}
	}
	return n
}

// Median is the middle of days; with an even count the later of the two middle values, the
// cautious one. ok is false for none.
func Median(days []int) (int, bool) {
	if len(days) == 0 {
		return 0, false
	}
	s := append([]int(nil), days...)
	sort.Ints(s)
	return s[len(s)/2], true
}

// Compute builds the forecast (see docs/cashflow.md for the rule):
//   - an open invoice is expected on its due date plus the customer's median days late (the
//     shop's median for a customer without history, 0 without any); a day already past counts
//     in the first week; an invoice more than StaleDays past due is left out;
//   - a promise is expected on its day, and stands for that much of the customer's invoices
//     (taken from those expected first);
//   - plan installments on their days (their invoices are not counted again);
//   - unpaid bills on their due days; overdue ones in the first week;
//   - the balance runs from the opening cash; a week ending below zero is short.
func Compute(in Inputs) Forecast { return compute(in, func(int, int64, int64) {}) }

// WeekCustomers is what each customer is expected to pay in week k (0..Weeks-1) of the forecast:
// the customers behind one bar of the chart.
func WeekCustomers(in Inputs, k int) map[int64]int64 {
	out := map[int64]int64{}
	compute(in, func(week int, cust, amount int64) {
		if week == k {
			out[cust] += amount
		}
	})
	return out
}

// compute is Compute telling note each customer's part of each week's receipts.
func compute(in Inputs, note func(week int, cust, amount int64)) Forecast {
	f := Forecast{AsOf: in.AsOf, Currency: in.Currency, Opening: in.Opening, Weeks: make([]Week, Weeks)}
	for i := range f.Weeks {
		f.Weeks[i].Start = in.AsOf.AddDays(7 * i)
		f.Weeks[i].End = in.AsOf.AddDays(7*i + 6)
	}
	var all []int
	for _, d := range in.DaysLate {
		all = append(all, d...)
	}
	f.DefaultDelay, _ = Median(all)
	week := func(on app.Date) int {
		if on.Before(in.AsOf) {
			return 0
		}
		k := on.DaysSince(in.AsOf) / 7
		if k >= Weeks {
			return -1
		}
		return k
	}
	promised := map[int64]int64{}
	for _, p := range in.Promises {
		promised[p.CustomerID] += p.Amount
		if k := week(p.On); k >= 0 {
			f.Weeks[k].Promises += p.Amount
			note(k, p.CustomerID, p.Amount)
		}
	}
	for _, p := range in.Installments {
		if k := week(p.On); k >= 0 {
			f.Weeks[k].Installments += p.Amount
			note(k, p.CustomerID, p.Amount)
		}
	}
	f.Stale = addInvoices(&f, in, promised, week, note)
	for _, b := range in.Bills {
		if k := week(b.Due); k >= 0 {
			f.Weeks[k].Bills += b.Amount
		}
	}
	bal := in.Opening
	for i := range f.Weeks {
		w := &f.Weeks[i]
		w.Receipts = w.Invoices + w.Installments + w.Promises
		bal += w.Receipts - w.Bills
		w.Balance, w.Short = bal, bal < 0
	}
	return f
}

// addInvoices places each open invoice on its expected day, less what the customer's promises
// already stand for, and returns what was left out as stale.
func addInvoices(f *Forecast, in Inputs, promised map[int64]int64, week func(app.Date) int, note func(int, int64, int64)) int64 {
	type exp struct {
		on   app.Date
		open int64
		cust int64
		num  string
	}
	delays := make(map[int64]int, len(in.DaysLate))
	var held []exp // invoices of customers with a promise: the promise stands for the first expected
	var stale int64
	for _, r := range in.Invoices {
		if in.AsOf.DaysSince(r.Due) > StaleDays {
			stale += r.Open
			continue
		}
		d, ok := delays[r.CustomerID]
		if !ok {
			if d, ok = Median(in.DaysLate[r.CustomerID]); !ok {
				d = f.DefaultDelay
			}
			delays[r.CustomerID] = d
		}
		x := exp{r.Due.AddDays(d), r.Open, r.CustomerID, r.Number}
		if promised[r.CustomerID] > 0 {
			held = append(held, x)
		} else if k := week(x.on); k >= 0 {
			f.Weeks[k].Invoices += x.open
			note(k, x.cust, x.open)
		}
	}
	sort.SliceStable(held, func(i, j int) bool {
		if held[i].on != held[j].on {
			return held[i].on.Before(held[j].on)
		}
		return held[i].num < held[j].num
	})
	for _, x := range held {
		take := min(promised[x.cust], x.open)
		promised[x.cust] -= take
		x.open -= take
		if k := week(x.on); k >= 0 && x.open > 0 {
			f.Weeks[k].Invoices += x.open
			note(k, x.cust, x.open)
		}
	}
	return stale
}

// Source reads what the forecast and the reserve rest on from the book.
type Source interface {
	ForecastInputs(asOf app.Date, currency string) (Inputs, error)
	ReserveInputs(asOf app.Date, currency string) (ReserveInputs, error)
}

// Outlook is the forecast of the book's money in currency from asOf.
func Outlook(src Source, asOf app.Date, currency string) (Forecast, error) {
	in, err := src.ForecastInputs(asOf, currency)
	if err != nil {
		return Forecast{}, err
	}
	return Compute(in), nil
}

// SuggestReserve is the suggested bad-debt reserve of the book's money in currency on asOf.
func SuggestReserve(src Source, asOf app.Date, currency string) (Reserve, error) {
	in, err := src.ReserveInputs(asOf, currency)
	if err != nil {
		return Reserve{}, err
	}
	return ComputeReserve(in), nil
}
