package app

import (
	"fmt"
	"sort"
)

// Status is where an invoice stands on a given day.
type Status string

const (
	StatusOpen        Status = "open"
	StatusPartlyPaid  Status = "partly paid"
	StatusPaid        Status = "paid"
	StatusOverdue     Status = "overdue"
	StatusPartOverdue Status = "partly paid, overdue"
	StatusWrittenOff  Status = "written off"
)

// InvoiceState describes an invoice on a day: its status and, when overdue, by how many days.
type InvoiceState struct {
	Status      Status
	DaysOverdue int
}

func (s InvoiceState) String() string {
	if s.DaysOverdue > 0 {
		return fmt.Sprintf("%s by %d days", s.Status, s.DaysOverdue)
	}
	return string(s.Status)
}

// StateOf tells the state of an invoice on today. An invoice is overdue from the day after its due
// date.
func StateOf(inv Invoice, today Date) InvoiceState {
	if !inv.WrittenOff.IsZero() {
		return InvoiceState{Status: StatusWrittenOff}
	}
	if inv.Paid >= inv.Amount {
		return InvoiceState{Status: StatusPaid}
	}
	days := today.DaysSince(inv.DueDate)
	switch {
	case days > 0 && inv.Paid > 0:
		return InvoiceState{Status: StatusPartOverdue, DaysOverdue: days}
	case days > 0:
		return InvoiceState{Status: StatusOverdue, DaysOverdue: days}
	case inv.Paid > 0:
		return InvoiceState{Status: StatusPartlyPaid}
	}
	return InvoiceState{Status: StatusOpen}
}

// OpenItem is something open a payment can go to: an invoice's principal, or (ChargeID set) a
// fee, interest or compensation charged on it.
type OpenItem struct {
	InvoiceID  int64
	Number     string
	DueDate    Date
	IssueDate  Date
	Open       int64
	ChargeID   int64
	ChargeKind ChargeKind
	ChargedOn  Date
	Amount     int64 // the invoice's amount (principal items): a discount is reckoned on it
	Terms      Terms // the invoice's payment terms (principal items)
}

// Label names the item for the owner: "INV-1" or "interest on INV-1".
func (o OpenItem) Label() string {
	if o.ChargeID == 0 {
		return o.Number
	}
	return string(o.ChargeKind) + " on " + o.Number
}

// PaymentOrder is how a payment is spread over what is open.
type PaymentOrder string

const (
	// OrderPrincipalFirst: the principal of invoices due by the day of payment, oldest first;
	// then the charges, oldest first; then invoices not yet due.
	OrderPrincipalFirst PaymentOrder = "principal-first"
	// OrderCostsFirst (BGB 367): costs (fees and compensation), then interest, then principal,
	// each oldest first.
	OrderCostsFirst PaymentOrder = "costs-first"
)

// ParsePaymentOrder reads a payment order ("" is the profile's).
func ParsePaymentOrder(s string) (PaymentOrder, error) {
	switch o := PaymentOrder(s); o {
	case "", OrderPrincipalFirst, OrderCostsFirst:
		return o, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a payment order; use principal-first or costs-first", s)
}

// Allocate spreads amount over open invoices, principal first, oldest due first: see AllocateBy.
func Allocate(amount int64, open []OpenItem, named []string) (allocs []Allocation, credit int64, err error) {
	return AllocateBy(amount, open, named, OrderPrincipalFirst, Date{})
}

// AllocateBy spreads amount over what is open: first over the invoices the owner named (their
// principal, in the order named), else by the payment order as of the day received. What is left
// over is returned as credit. It never allocates more than an item's open amount, and never
// leaves a charge open while money is turned into credit.
func AllocateBy(amount int64, open []OpenItem, named []string, order PaymentOrder, on Date) (allocs []Allocation, credit int64, err error) {
	if amount <= 0 {
		return nil, 0, Errorf(CodeInvalid, "a payment must be more than zero")
	}
	var seq []OpenItem
	if len(named) > 0 {
		byNumber := make(map[string]OpenItem, len(open))
		for _, o := range open {
			if o.ChargeID == 0 {
				byNumber[o.Number] = o
			}
		}
		seen := map[string]bool{}
		for _, n := range named {
			o, ok := byNumber[n]
			if !ok {
				return nil, 0, Errorf(CodeInvalid, "invoice %s is not an open invoice of this customer in this currency", n)
			}
			if !seen[n] {
				seq = append(seq, o)
				seen[n] = true
			}
		}
	} else {
		seq = paymentSequence(open, order, on)
	}
	left := amount
	for _, o := range seq {
		if left == 0 {
			break
		}
		if o.Open <= 0 {
			continue
		}
		take := min(left, o.Open)
		allocs = append(allocs, Allocation{InvoiceID: o.InvoiceID, ChargeID: o.ChargeID, Amount: take})
		left -= take
	}
	return allocs, left, nil
}

// paymentSequence orders what is open by the payment order.
func paymentSequence(open []OpenItem, order PaymentOrder, on Date) []OpenItem {
	rank := func(o OpenItem) int {
		switch {
		case order == OrderCostsFirst && o.ChargeID != 0 && o.ChargeKind != ChargeInterest:
			return 0
		case order == OrderCostsFirst && o.ChargeID != 0:
			return 1
		case order == OrderCostsFirst:
			return 2
		case o.ChargeID == 0 && (on.IsZero() || !o.DueDate.After(on)):
			return 0
		case o.ChargeID != 0:
			return 1
		}
		return 2
	}
	seq := append([]OpenItem(nil), open...)
	sort.SliceStable(seq, func(i, j int) bool {
		a, b := seq[i], seq[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.ChargeID != 0 && b.ChargeID != 0 && a.ChargedOn != b.ChargedOn {
			return a.ChargedOn.Before(b.ChargedOn)
		}
		if a.DueDate != b.DueDate {
			return a.DueDate.Before(b.DueDate)
		}
		if a.IssueDate != b.IssueDate {
			return a.IssueDate.Before(b.IssueDate)
		}
		if a.Number != b.Number {
			return a.Number < b.Number
		}
		return a.ChargeID < b.ChargeID
	})
	return seq
}

// Bucket is a range of days past due. The five buckets are fixed so reports add up the same way
// everywhere.
type Bucket struct {
	Name    string
	MinDays int // inclusive; days past due (<= 0 means not yet due)
	MaxDays int // inclusive; -1 means no upper bound
}

// AgingBuckets are the five buckets of the aging report.
var AgingBuckets = []Bucket{
	{Name: "not due", MinDays: -1 << 30, MaxDays: 0},
	{Name: "1-30", MinDays: 1, MaxDays: 30},
	{Name: "31-60", MinDays: 31, MaxDays: 60},
	{Name: "61-90", MinDays: 61, MaxDays: 90},
	{Name: "over 90", MinDays: 91, MaxDays: -1},
}

// BucketOf returns the index in AgingBuckets of an invoice overdue by days.
func BucketOf(days int) int {
	for i, b := range AgingBuckets {
		if days >= b.MinDays && (b.MaxDays < 0 || days <= b.MaxDays) {
			return i
		}
	}
	return 0
}

// BucketDueRange returns the due dates (inclusive) that fall into bucket i on asOf. A zero Date
// means unbounded. Stores use it to count buckets with index range scans.
func BucketDueRange(i int, asOf Date) (from, to Date) {
	b := AgingBuckets[i]
	if b.MaxDays >= 0 {
		from = asOf.AddDays(-b.MaxDays)
	}
	if b.MinDays > -1<<30 {
		to = asOf.AddDays(-b.MinDays)
	}
	return from, to
}

// BucketTotal is one bucket of an aging report.
type BucketTotal struct {
	Name   string
	Count  int64
	Amount int64
}

// Aging is the aging report of one currency.
type Aging struct {
	Currency string
	Total    int64
	Buckets  []BucketTotal // always len(AgingBuckets), in order
}

// NewAging returns an empty report for currency.
func NewAging(currency string) Aging {
	a := Aging{Currency: currency, Buckets: make([]BucketTotal, len(AgingBuckets))}
	for i, b := range AgingBuckets {
		a.Buckets[i].Name = b.Name
	}
	return a
}

// Add counts an open amount overdue by days.
func (a *Aging) Add(days int, open int64) error {
	i := BucketOf(days)
	var err error
	if a.Buckets[i].Amount, err = AddAmounts(a.Buckets[i].Amount, open); err != nil {
		return err
	}
	a.Buckets[i].Count++
	a.Total, err = AddAmounts(a.Total, open)
	return err
}

// DSO is days sales outstanding: what is owed now divided by what was invoiced over the last
// periodDays, times periodDays, rounded to whole days. With no sales it is 0.
func DSO(receivables, creditSales int64, periodDays int) int {
	if creditSales <= 0 || receivables <= 0 {
		return 0
	}
	d, err := MulDivRound(receivables, int64(periodDays), creditSales)
	if err != nil {
		return 0
	}
	return int(d)
}
