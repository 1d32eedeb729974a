package app

import (
	"fmt"
	"strings"
)

// Terms are the payment terms agreed with a customer or printed on an invoice: the days to pay
// and an optional discount for paying early (2 % within 10 days is DiscountBP 200, DiscountDays
// 10). The zero value says nothing was agreed.
type Terms struct {
	NetDays      int   // days from the issue date to the due date; 0: not agreed
	DiscountBP   int64 // basis points of the invoice amount; 0: no discount
	DiscountDays int   // the discount holds for payments received up to the issue date + this
}

// IsZero tells whether no terms were agreed.
func (t Terms) IsZero() bool { return t == Terms{} }

// Check refuses terms that make no sense, with the field named.
func (t Terms) Check() error {
	switch {
	case t.NetDays < 0 || t.NetDays > 3650:
		return Errorf(CodeInvalid, "the days to pay must be from 0 to 3650")
	case t.DiscountBP < 0 || t.DiscountBP >= 10000:
		return Errorf(CodeInvalid, "an early-payment discount must be from 0 to under 100 %%")
	case t.DiscountDays < 0 || t.DiscountDays > 3650:
		return Errorf(CodeInvalid, "the days of the early-payment discount must be from 0 to 3650")
	case t.DiscountBP > 0 && t.DiscountDays == 0:
		return Errorf(CodeInvalid, "an early-payment discount needs the days it holds (for example 2 %% within 10 days)")
	case t.DiscountBP == 0 && t.DiscountDays > 0:
		return Errorf(CodeInvalid, "days of an early-payment discount need the discount itself (for example 2 %% within 10 days)")
	case t.NetDays > 0 && t.DiscountDays > t.NetDays:
		return Errorf(CodeInvalid, "the early-payment discount cannot hold longer (%d days) than the days to pay (%d)", t.DiscountDays, t.NetDays)
	}
	return nil
}

// DiscountUntil is the last day a payment earns the discount on an invoice issued on issue
// (zero when there is no discount).
func (t Terms) DiscountUntil(issue Date) Date {
	if t.DiscountBP == 0 {
		return Date{}
	}
	return issue.AddDays(t.DiscountDays)
}

// Discount is the discount on amount, rounded half-up to the minor unit.
func (t Terms) Discount(amount int64) int64 {
	if t.DiscountBP == 0 {
		return 0
	}
	d, err := MulDivRound(amount, t.DiscountBP, 10000)
	if err != nil {
		return 0
	}
	return d
}

// String words the terms in English for the timeline: "net 30 days, 2 % within 10 days".
func (t Terms) String() string {
	s := ""
	if t.NetDays > 0 {
		s = fmt.Sprintf("net %d days", t.NetDays)
	}
	if t.DiscountBP > 0 {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("%s within %d days", pct(t.DiscountBP), t.DiscountDays)
	}
	return s
}

// DiscountOffer is what an invoice's discount is worth if paid by Until: pay Pay instead of the
// full amount.
type DiscountOffer struct {
	Until    Date
	Discount int64
	Pay      int64
}

// DiscountOn tells what an invoice may still be settled for on day: only an invoice nothing has
// been paid on, inside its window. ok is false otherwise.
func DiscountOn(inv Invoice, day Date) (DiscountOffer, bool) {
	t := inv.Terms
	if t.DiscountBP == 0 || inv.Paid != 0 || inv.Amount <= 0 || inv.IssueDate.IsZero() {
		return DiscountOffer{}, false
	}
	until := t.DiscountUntil(inv.IssueDate)
	if day.After(until) {
		return DiscountOffer{}, false
	}
	d := t.Discount(inv.Amount)
	if d <= 0 {
		return DiscountOffer{}, false
	}
	return DiscountOffer{Until: until, Discount: d, Pay: inv.Amount - d}, true
}

// discountOf is an open item's discount on day, or 0.
func discountOf(o OpenItem, day Date) int64 {
	if o.ChargeID != 0 || o.Open != o.Amount {
		return 0
	}
	off, ok := DiscountOn(Invoice{Amount: o.Amount, IssueDate: o.IssueDate, Terms: o.Terms}, day)
	if !ok {
		return 0
	}
	return off.Discount
}

// AllocateWithDiscount allocates a payment like AllocateBy, except that a payment received inside
// an invoice's discount window that is exactly the discounted amount settles that invoice, with
// the discount recorded on the allocation (not an underpayment). The rule, in order:
//   - invoices named: every named invoice earns its discount and the payment is the sum of their
//     discounted amounts;
//   - none named: the oldest invoice whose discounted amount is the payment; otherwise every open
//     item earns its discount and the payment is the sum of their discounted amounts.
//
// Anything else (a cent short, a day late, a part payment) is allocated by AllocateBy.
func AllocateWithDiscount(amount int64, open []OpenItem, named []string, order PaymentOrder, on Date) ([]Allocation, int64, error) {
	if amount > 0 {
		if allocs := discountMatch(amount, open, named, order, on); allocs != nil {
			return allocs, 0, nil
		}
	}
	return AllocateBy(amount, open, named, order, on)
}

func discountMatch(amount int64, open []OpenItem, named []string, order PaymentOrder, on Date) []Allocation {
	settle := func(items []OpenItem) []Allocation {
		var sum int64
		out := make([]Allocation, 0, len(items))
		for _, o := range items {
			d := discountOf(o, on)
			if d == 0 {
				return nil
			}
			sum += o.Open - d
			out = append(out, Allocation{InvoiceID: o.InvoiceID, Amount: o.Open - d, Discount: d})
		}
		if sum != amount || len(out) == 0 {
			return nil
		}
		return out
	}
	if len(named) > 0 {
		var items []OpenItem
		seen := map[string]bool{}
		for _, n := range named {
			for _, o := range open {
				if o.ChargeID == 0 && o.Number == n && !seen[n] {
					items, seen[n] = append(items, o), true
				}
			}
		}
		uniq := map[string]bool{}
		for _, n := range named {
			uniq[n] = true
		}
		if len(items) != len(uniq) {
			return nil
		}
		return settle(items)
	}
	seq := paymentSequence(open, order, on)
	for _, o := range seq {
		if d := discountOf(o, on); d > 0 && o.Open-d == amount {
			return []Allocation{{InvoiceID: o.InvoiceID, Amount: amount, Discount: d}}
		}
	}
	return settle(seq)
}

// ParsePercent reads a percentage as typed ("2", "2.5 %", "2,5") into basis points.
func ParsePercent(s string, nf NumberFormat) (int64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if t == "" {
		return 0, nil
	}
	if nf.Decimal == 0 {
		nf = FormatDot
	}
	bp, err := ParseAmount(t, Currency{Code: "PCT", Exponent: 2}, nf)
	if err != nil || bp < 0 || bp >= 10000 {
		return 0, Errorf(CodeInvalid, "%q is not a percentage from 0 to under 100", s)
	}
	return bp, nil
}
