package app

import (
	"fmt"
	"strings"
)

// Payable is one of the shop's own bills: what the shop owes a supplier and when. The cash-flow
// forecast sets them against what customers are expected to pay.
type Payable struct {
	ID       int64
	Supplier string
	Amount   int64 // minor units, > 0
	Currency string
	Due      Date
	PaidOn   Date // zero: not paid yet
	Note     string
}

// Paid tells whether the bill has been paid.
func (p Payable) Paid() bool { return !p.PaidOn.IsZero() }

// Normalize checks a bill before it is stored.
func (p *Payable) Normalize() error {
	var err error
	if p.Supplier, err = cleanText("supplier", p.Supplier, 200); err != nil {
		return err
	}
	if p.Supplier == "" || strings.ContainsAny(p.Supplier, "\n\t") {
		return Errorf(CodeInvalid, "a bill needs the supplier's name on one line")
	}
	if p.Note, err = cleanText("note", p.Note, maxText); err != nil {
		return err
	}
	cur, err := LookupCurrency(p.Currency)
	if err != nil {
		return err
	}
	p.Currency = cur.Code
	if p.Amount <= 0 || p.Amount > MaxAmount {
		return Errorf(CodeInvalid, "a bill must be for more than zero")
	}
	if p.Due.IsZero() {
		return Errorf(CodeInvalid, "a bill needs the day it is due")
	}
	return nil
}

// WriteOffResult is what a write-off took off the books.
type WriteOffResult struct {
	InvoiceID int64
	Number    string
	Currency  string
	Principal int64 // the invoice's open amount written off
	Charges   int64 // its open fees, interest and compensation written off
}

// Total is everything written off.
func (r WriteOffResult) Total() int64 { return r.Principal + r.Charges }

// BooksStore keeps write-offs, the shop's bills and the opening cash of the forecast. Each write
// is one transaction with its timeline event.
type BooksStore interface {
	// WriteOff settles what is open on the invoice and its charges as written off on day; ev
	// words the event once the amounts are known.
	WriteOff(invoiceID int64, day Date, reason string, ev func(WriteOffResult) Event) (WriteOffResult, error)
	InvoiceByNumber(number string) (Invoice, error)
	SavePayable(p *Payable, ev Event) error
	Payable(id int64) (Payable, error)
	// Payables lists bills, unpaid first by due date, then paid ones newest first.
	Payables(offset, limit int) ([]Payable, error)
	CountPayables() (int, error)
	CashOpening(currency string) (int64, error)
	SetCashOpening(m Money, ev Event) error
}

func (l *Ledger) books() (BooksStore, error) {
	b, ok := l.Store.(BooksStore)
	if !ok {
		return nil, Errorf(CodeInternal, "this book cannot keep write-offs or bills")
	}
	return b, nil
}

// WriteOff writes off what is left of an invoice (its principal and its open charges) with the
// owner's reason, in one transaction: the invoice stays in the book marked written off, leaves
// the balance and the ladder, and the timeline says why.
func (l *Ledger) WriteOff(number, reason string) (WriteOffResult, error) {
	b, err := l.books()
	if err != nil {
		return WriteOffResult{}, err
	}
	if reason, err = cleanText("reason", reason, 500); err != nil {
		return WriteOffResult{}, err
	}
	if reason == "" {
		return WriteOffResult{}, Errorf(CodeInvalid, "say why the invoice is written off (for example: the customer is insolvent)")
	}
	inv, err := b.InvoiceByNumber(strings.TrimSpace(number))
	if err != nil {
		return WriteOffResult{}, err
	}
	cur := MustCurrency(inv.Currency)
	day := l.Today()
	return b.WriteOff(inv.ID, day, reason, func(r WriteOffResult) Event {
		s := fmt.Sprintf("Invoice %s written off: %s %s", r.Number, r.Currency, Decimal(r.Total(), cur))
		if r.Charges > 0 {
			s += fmt.Sprintf(" (%s of it charges)", Decimal(r.Charges, cur))
		}
		return l.event(inv.CustomerID, "writeoff", s+". Reason: "+reason, map[string]any{"result": r, "reason": reason, "day": day.String()})
	})
}

// SavePayable adds a bill (ID 0) or changes one.
func (l *Ledger) SavePayable(p Payable) (Payable, error) {
	b, err := l.books()
	if err != nil {
		return p, err
	}
	if err := p.Normalize(); err != nil {
		return p, err
	}
	if !p.PaidOn.IsZero() && p.PaidOn.After(l.Today()) {
		return p, Errorf(CodeInvalid, "a bill cannot be paid in the future (%s)", p.PaidOn)
	}
	cur := MustCurrency(p.Currency)
	verb := "added"
	if p.ID != 0 {
		if _, err := b.Payable(p.ID); err != nil {
			return p, err
		}
		verb = "changed"
	}
	s := fmt.Sprintf("Bill from %s %s: %s %s due %s", p.Supplier, verb, p.Currency, Decimal(p.Amount, cur), p.Due)
	if p.Paid() {
		s += ", paid " + p.PaidOn.String()
	}
	return p, b.SavePayable(&p, l.event(0, "payable", s, p))
}

// MarkPayablePaid records that a bill was paid on day (zero: today).
func (l *Ledger) MarkPayablePaid(id int64, day Date) (Payable, error) {
	b, err := l.books()
	if err != nil {
		return Payable{}, err
	}
	p, err := b.Payable(id)
	if err != nil {
		return p, err
	}
	if p.Paid() {
		return p, Errorf(CodeConflict, "the bill from %s was already paid on %s", p.Supplier, p.PaidOn)
	}
	if day.IsZero() {
		day = l.Today()
	}
	p.PaidOn = day
	return l.SavePayable(p)
}

// Payables lists the shop's bills a page at a time.
func (l *Ledger) Payables(offset, limit int) ([]Payable, error) {
	b, err := l.books()
	if err != nil {
		return nil, err
	}
	return b.Payables(offset, limit)
}

// CountPayables is how many bills the shop keeps.
func (l *Ledger) CountPayables() (int, error) {
	b, err := l.books()
	if err != nil {
		return 0, err
	}
	return b.CountPayables()
}

// SetCashOpening keeps the cash the shop has today, where the forecast starts.
func (l *Ledger) SetCashOpening(m Money) error {
	b, err := l.books()
	if err != nil {
		return err
	}
	cur, err := LookupCurrency(m.Currency)
	if err != nil {
		return err
	}
	m.Currency = cur.Code
	if m.Amount > MaxAmount || m.Amount < -MaxAmount {
		return Errorf(CodeInvalid, "the opening cash is more than Duebook can keep")
	}
	return b.SetCashOpening(m, l.event(0, "cash", fmt.Sprintf("Cash at hand set to %s %s", m.Currency, Decimal(m.Amount, cur)), m))
}

// CashOpening is the cash at hand the owner gave in currency (0 until given).
func (l *Ledger) CashOpening(currency string) (int64, error) {
	b, err := l.books()
	if err != nil {
		return 0, err
	}
	return b.CashOpening(currency)
}

// Payable returns one of the shop's bills.
func (l *Ledger) Payable(id int64) (Payable, error) {
	b, err := l.books()
	if err != nil {
		return Payable{}, err
	}
	return b.Payable(id)
}
