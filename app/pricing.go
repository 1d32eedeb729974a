package app

// pricing is what pricing actions needs, loaded once for the actions of a queue or one approval:
// the profile and rates, the customers' case files, every charge of those customers and, for
// invoices that accrue interest, the principal payments that set the balance of each day.
type pricing struct {
	settings CollectionSettings
	shop     Shop
	policies map[int64]Policy
	rates    RateTable
	cases    map[int64]*CaseData
	invoices map[int64]CaseInvoice
	charges  map[int64][]Charge // by customer
	payments map[int64][]DatedAmount
}

func (c *Collections) loadPricing(cases []CaseData, actions []Action) (*pricing, error) {
	p := &pricing{cases: map[int64]*CaseData{}, invoices: map[int64]CaseInvoice{}}
	var err error
	if p.settings, err = c.CS.CollectionSettings(); err != nil {
		return nil, err
	}
	if p.shop, _, err = c.Store.Shop(); err != nil {
		return nil, err
	}
	if p.policies, err = c.policies(); err != nil {
		return nil, err
	}
	if p.rates, err = c.CS.Rates(); err != nil {
		return nil, err
	}
	for i := range cases {
		p.cases[cases[i].Customer.ID] = &cases[i]
		for _, inv := range cases[i].Invoices {
			p.invoices[inv.ID] = inv
		}
	}
	var customers, interestInvoices []int64
	seen := map[int64]bool{}
	for _, a := range actions {
		if !seen[a.CustomerID] {
			seen[a.CustomerID] = true
			customers = append(customers, a.CustomerID)
		}
		if st, ok := p.stage(a); ok && (st.Final() || st.Channel == ChannelHandoff) {
			for _, inv := range a.Invoices {
				interestInvoices = append(interestInvoices, inv.ID)
			}
		}
	}
	if p.charges, err = c.CS.ChargesOf(customers); err != nil {
		return nil, err
	}
	if p.payments, err = c.CS.PrincipalPayments(interestInvoices); err != nil {
		return nil, err
	}
	return p, nil
}

// stage is the ladder stage an action is at.
func (p *pricing) stage(a Action) (Stage, bool) {
	pol := p.policies[1]
	if cd, ok := p.cases[a.CustomerID]; ok {
		if x, ok := p.policies[cd.PolicyID]; ok {
			pol = x
		}
	}
	if a.Stage <= 0 || a.Stage > len(pol.Stages) {
		return Stage{}, false
	}
	return pol.Stages[a.Stage-1], true
}

// collectible tells a charge the letters of an action claim: open, in the action's currency,
// and not on an invoice that is disputed, in a running plan or handed off. A held entry claims
// only the charges of the invoices it holds.
func (p *pricing) collectible(a Action, ch Charge) bool {
	if ch.Open() <= 0 || ch.Currency != a.Currency {
		return false
	}
	if a.Stage == 0 {
		for _, inv := range a.Invoices {
			if inv.ID == ch.InvoiceID {
				return true
			}
		}
		return false
	}
	if inv, ok := p.invoices[ch.InvoiceID]; ok && (inv.Disputed || inv.InPlan || inv.HandedOff) {
		return false
	}
	return true
}

// price fills what an action claims: the charges already owed, the charges its approval adds,
// and the total, which is exactly what its letter demands.
func (p *pricing) price(a *Action, asOf Date) {
	a.OpenCharges, a.Charges, a.Notes = nil, nil, nil
	a.Principal = 0
	if a.Thanks != nil {
		a.Amount = 0 // a thank-you note claims nothing and adds nothing
		return
	}
	for _, inv := range a.Invoices {
		a.Principal += inv.Open
	}
	var cust Customer
	if cd, ok := p.cases[a.CustomerID]; ok {
		cust = cd.Customer
	}
	byInvoice := map[int64][]Charge{}
	for _, ch := range p.charges[a.CustomerID] {
		byInvoice[ch.InvoiceID] = append(byInvoice[ch.InvoiceID], ch)
		if p.collectible(*a, ch) {
			a.OpenCharges = append(a.OpenCharges, ch)
		}
	}
	if st, ok := p.stage(*a); ok && !a.Blocked() {
		req := ChargeRequest{Profile: p.settings.Profile, Customer: cust, ShopCountry: p.shop.Country, Consumer: p.settings.ConsumerDefault,
			Stage: st, StageIndex: a.Stage, AsOf: asOf, Currency: a.Currency, Rates: p.rates}
		if cd, ok := p.cases[a.CustomerID]; ok {
			req.ContractRate = cd.ContractRate
		}
		for _, ai := range a.Invoices {
			inv, ok := p.invoices[ai.ID]
			if !ok {
				continue
			}
			req.Invoices = append(req.Invoices, ChargeInvoice{ID: inv.ID, Number: inv.Number, Issue: inv.Issue, Due: inv.Due, Amount: inv.Amount,
				Open: inv.Open, Term: inv.Term, FirstReminder: inv.FirstReminder, Payments: p.payments[inv.ID], Charges: byInvoice[inv.ID]})
		}
		a.Charges, a.Notes = ChargesDue(req)
	}
	a.Amount = a.Principal
	for _, ch := range a.OpenCharges {
		a.Amount += ch.Open()
	}
	for _, ch := range a.Charges {
		a.Amount += ch.Amount
	}
}

// LetterCharges are the charges an action's letter lists: those owed and those it adds.
func (a Action) LetterCharges() []Charge {
	out := append([]Charge(nil), a.OpenCharges...)
	for _, ch := range a.Charges {
		if ch.Amount > 0 {
			out = append(out, ch)
		}
	}
	return out
}

// priceAction prices one action as it stands in the book now (for approving, printing and
// previewing it): the customer's case is read again, so a stale queue never charges twice.
func (c *Collections) priceAction(asOf Date, a Action) (Action, error) {
	cases, err := c.CS.CaseData([]int64{a.CustomerID}, nil, asOf)
	if err != nil {
		return a, err
	}
	p, err := c.loadPricing(cases, []Action{a})
	if err != nil {
		return a, err
	}
	p.price(&a, asOf)
	return a, nil
}
