package app

import (
	"fmt"
	"strings"
)

// PlanRequest is a payment plan as the owner enters it.
type PlanRequest struct {
	CustomerID   int64
	Invoices     []string // numbers; empty: all the customer's open invoices in the currency
	Currency     string
	DownPayment  string
	Installments int
	Frequency    Frequency
	FirstDue     Date
	Format       NumberFormat
}

// PreviewPlan checks a plan and returns it with its schedule, without saving it.
func (c *Collections) PreviewPlan(r PlanRequest) (Plan, error) {
	cust, err := c.Store.Customer(r.CustomerID)
	if err != nil {
		return Plan{}, err
	}
	code := r.Currency
	if code == "" {
		shop, _, err := c.Store.Shop()
		if err != nil {
			return Plan{}, err
		}
		code = shop.Currency
	}
	cur, err := LookupCurrency(code)
	if err != nil {
		return Plan{}, err
	}
	open, err := c.Store.OpenItems(cust.ID, cur.Code)
	if err != nil {
		return Plan{}, err
	}
	var p Plan
	p.CustomerID, p.Currency, p.Installments, p.Frequency, p.FirstDue = cust.ID, cur.Code, r.Installments, r.Frequency, r.FirstDue
	want := map[string]bool{}
	for _, n := range r.Invoices {
		want[strings.TrimSpace(n)] = true
	}
	for _, o := range open {
		if o.ChargeID != 0 {
			continue // a plan spreads the invoices; charges are claimed beside it
		}
		if len(want) == 0 || want[o.Number] {
			p.InvoiceIDs, p.Numbers = append(p.InvoiceIDs, o.InvoiceID), append(p.Numbers, o.Number)
			p.Total += o.Open
			delete(want, o.Number)
		}
	}
	for n := range want {
		return Plan{}, Errorf(CodeInvalid, "invoice %s is not an open invoice of %s in %s", n, cust.Name, cur.Code)
	}
	if len(p.InvoiceIDs) == 0 {
		return Plan{}, Errorf(CodeInvalid, "%s has no open invoices in %s to put in a plan", cust.Name, cur.Code)
	}
	if strings.TrimSpace(r.DownPayment) != "" {
		nf := r.Format
		if nf.Decimal == 0 {
			nf = FormatDot
		}
		if p.DownPayment, err = ParseAmount(r.DownPayment, cur, nf); err != nil {
			return Plan{}, err
		}
	}
	if !p.FirstDue.IsZero() && p.FirstDue.Before(c.Today()) {
		return Plan{}, Errorf(CodeInvalid, "the first payment of a plan cannot be in the past (%s)", p.FirstDue)
	}
	if p.FirstDue.After(c.Today().AddDays(365)) {
		return Plan{}, Errorf(CodeInvalid, "the first payment of a plan must fall within a year (not %s)", p.FirstDue)
	}
	settings, err := c.CS.CollectionSettings()
	if err != nil {
		return Plan{}, err
	}
	p.Grace = settings.PlanGrace
	if p.Schedule, err = p.PlanTerms.Schedule(); err != nil {
		return Plan{}, err
	}
	p.CreatedOn = c.Today()
	return p, nil
}

// CreatePlan saves a payment plan; its invoices leave the ladder while it runs.
func (c *Collections) CreatePlan(r PlanRequest) (Plan, error) {
	p, err := c.PreviewPlan(r)
	if err != nil {
		return p, err
	}
	cur := MustCurrency(p.Currency)
	summary := fmt.Sprintf("Payment plan agreed for %s: %s %s", strings.Join(p.Numbers, ", "), p.Currency, Decimal(p.Total, cur))
	if p.DownPayment > 0 {
		summary += fmt.Sprintf(", %s down", Decimal(p.DownPayment, cur))
	}
	summary += fmt.Sprintf(", %d %s installments from %s", p.Installments, p.Frequency, p.FirstDue)
	err = c.CS.CreatePlan(&p, c.event(p.CustomerID, "plan", summary, p))
	return p, err
}
