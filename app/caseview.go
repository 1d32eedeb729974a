package app

// CustomerCase is the collection side of a customer, for the customer screen.
type CustomerCase struct {
	ToneChoice Tone // the owner's choice, "" when the rule decides
	Tone       Tone // the tone letters get
	ToneReason string
	HoldUntil  Date
	HoldReason string
	Flags      []string
	Policy     string
	Promises   []Promise
	Plans      []PlanView
	Disputes   []Dispute
	Charges    []Charge
}

// PlanView is a plan with how far it has been paid.
type PlanView struct {
	Plan
	Standing PlanStanding
}

// CaseOf gathers a customer's collection case.
func (c *Collections) CaseOf(customerID int64) (CustomerCase, error) {
	var cc CustomerCase
	cust, err := c.Store.Customer(customerID)
	if err != nil {
		return cc, err
	}
	cc.Flags = cust.Flags
	data, err := c.CS.CaseData([]int64{customerID}, nil, c.Today())
	if err != nil {
		return cc, err
	}
	policies, err := c.policies()
	if err != nil {
		return cc, err
	}
	cc.Policy = policies[1].Name
	if len(data) == 1 {
		d := data[0]
		cc.ToneChoice, cc.HoldUntil, cc.HoldReason = d.ToneChoice, d.HoldUntil, d.HoldReason
		if p, ok := policies[d.PolicyID]; ok {
			cc.Policy = p.Name
		}
	}
	stats, err := c.CS.ToneStats([]int64{customerID}, c.Today().AddDays(-365))
	if err != nil {
		return cc, err
	}
	cc.Tone, cc.ToneReason = ToneFor(cc.ToneChoice, stats[customerID], c.Today())
	if cc.Promises, err = c.CS.Promises(customerID); err != nil {
		return cc, err
	}
	plans, err := c.CS.Plans(customerID)
	if err != nil {
		return cc, err
	}
	for _, p := range plans {
		paid, err := c.CS.PlanPaid(p)
		if err != nil {
			return cc, err
		}
		cc.Plans = append(cc.Plans, PlanView{Plan: p, Standing: p.Standing(paid, c.Today())})
	}
	if cc.Disputes, err = c.CS.Disputes(customerID); err != nil {
		return cc, err
	}
	cc.Charges, err = c.CS.Charges(customerID)
	return cc, err
}
