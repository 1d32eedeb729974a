package app

// AgingReport is what was open on asOf, per currency, in the five buckets.
func (l *Ledger) AgingReport(asOf Date) ([]Aging, error) {
	if asOf.IsZero() {
		asOf = l.Today()
	}
	return l.Store.Aging(asOf)
}

// Dashboard is the owner's first look: what is owed, how old it is, and who owes most.
type Dashboard struct {
	AsOf       Date
	Aging      []Aging
	TopDebtors []Debtor
	DSO        map[string]int // days sales outstanding over the last 90 days, per currency
	Customers  int
}

// DSOPeriod is the window DSO is computed over.
const DSOPeriod = 90

// Overdue is what is past due in an aging report (every bucket but "not due").
func (a Aging) Overdue() int64 {
	var s int64
	for _, b := range a.Buckets[1:] {
		s += b.Amount
	}
	return s
}

// Dashboard gathers the dashboard figures.
func (l *Ledger) Dashboard(asOf Date) (Dashboard, error) {
	if asOf.IsZero() {
		asOf = l.Today()
	}
	d := Dashboard{AsOf: asOf, DSO: map[string]int{}}
	var err error
	if d.Aging, err = l.Store.Aging(asOf); err != nil {
		return d, err
	}
	if d.TopDebtors, err = l.Store.TopDebtors(asOf, 10); err != nil {
		return d, err
	}
	sales, err := l.Store.InvoicedBetween(asOf.AddDays(-DSOPeriod+1), asOf)
	if err != nil {
		return d, err
	}
	for _, a := range d.Aging {
		for _, s := range sales {
			if s.Currency == a.Currency {
				d.DSO[a.Currency] = DSO(a.Total, s.Amount, DSOPeriod)
			}
		}
	}
	d.Customers, err = l.Store.CountCustomers("")
	return d, err
}
