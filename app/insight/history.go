// Package insight turns the timeline into answers: which collection steps get the shop paid
// (effectiveness) and which customers are becoming a risk. It is pure: the store streams each
// customer's history in, the results are plain structs a screen, a PDF or the command line draw.
package insight

import (
	"context"
	"math"
	"time"

	"duebook/app"
)

// Day is a calendar day as a count of days since 1970-01-01: millions of them are compared
// and subtracted, which app.Date (a time.Time) does far more slowly.
type Day int32

// Never stands for a day that has not come: an invoice not settled, an invoice never contacted.
// It compares after every real day, so "settled on or after X" holds for an open invoice.
const Never Day = math.MaxInt32

// DayOf converts a date; the zero date becomes Never.
func DayOf(d app.Date) Day {
	if d.IsZero() {
		return Never
	}
	return Day(d.Time().Unix() / 86400)
}

// Date converts back; Never becomes the zero date.
func (d Day) Date() app.Date {
	if d == Never {
		return app.Date{}
	}
	return app.DateOf(time.Unix(int64(d)*86400, 0).UTC(), time.UTC)
}

// ParseDay reads the stored form YYYY-MM-DD (text or the bytes a row holds) without
// allocating; "" is Never.
func ParseDay[T string | []byte](s T) (Day, bool) {
	if len(s) == 0 {
		return Never, true
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	n := func(from, to int) int {
		v := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	if y < 1900 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return civilDay(y, m, d), true
}

// civilDay counts days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil).
func civilDay(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Invoice is what the insight needs of an invoice.
type Invoice struct {
	ID        int64
	Number    string
	Currency  string
	Amount    int64
	Issue     Day
	Due       Day
	Settled   Day // the day it was paid in full; Never while anything is open
	HandedOff Day // Never unless handed to an agency or attorney
}

// Contact is an approved step of the ladder: a letter, an email, both, a call or a hand-off.
type Contact struct {
	ID       int64
	On       Day
	Stage    string // the stage's name on the customer's ladder ("reminder 1")
	Template string // the template the stage prints ("reminder1"); "" for a call
	Tone     string
	Channel  string
	Invoices []int // indexes into History.Invoices of the invoices it named
}

// Handoff tells a hand-off: payments after it are the agency's work.
func (c Contact) Handoff() bool { return c.Channel == string(app.ChannelHandoff) }

// Payment is money applied to one invoice on a day (one allocation). Credit notes are not money
// received and are left out by the store.
type Payment struct {
	Invoice int // index into History.Invoices
	On      Day
	Amount  int64
}

// Promise is a promise to pay as it stands now; State and Settled tell when it was kept or broken.
type Promise struct {
	MadeOn, Due Day
	State       string // open, kept, broken
	Settled     Day
}

// Plan is a payment plan; State and Settled tell when it was completed or broken.
type Plan struct {
	CreatedOn Day
	State     string // active, completed, broken
	Settled   Day
}

// Dispute is an invoice's dispute.
type Dispute struct {
	Invoice  string
	Opened   Day
	Resolved Day
}

// History is one customer's timeline as the insight reads it. The store reuses it between
// customers: keep nothing of it after the callback.
type History struct {
	CustomerID int64
	Name       string
	Kind       app.CustomerKind
	Invoices   []Invoice
	Contacts   []Contact // in the order they happened
	Payments   []Payment
	Promises   []Promise
	Plans      []Plan
	Disputes   []Dispute
}

// Need says which parts of the history a computation reads, so the store skips the rest.
type Need struct {
	Contacts, Payments, Promises bool // Promises covers promises, plans and disputes
	// PaymentsFrom, when set, leaves out payments received before that day, and InvoicesFrom
	// invoices paid in full before that day: no report of a period starting then has a use for
	// them (no contact of the period found them open, and they were never open in it).
	PaymentsFrom, InvoicesFrom app.Date
}

// Source streams every customer's history. The store may split the customers into Parts()
// ranges read in parallel: fn is then called from that many goroutines at once, each with its
// part's number and that part's customers in order.
type Source interface {
	Parts() int
	Histories(ctx context.Context, need Need, fn func(part int, h *History) error) error
}
