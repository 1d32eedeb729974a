package app

import (
	"fmt"
	"sort"
)

// DefaultTerm says when a consumer's debt falls into default under German law (BGB 286).
type DefaultTerm string

const (
	TermProfile  DefaultTerm = ""         // the profile's setting decides
	TermCalendar DefaultTerm = "calendar" // a calendar due date was agreed: default the day after it (286(2) no. 1)
	TermNotice30 DefaultTerm = "notice30" // the invoice said default follows 30 days after it (286(3))
	TermReminder DefaultTerm = "reminder" // default only from the first reminder (286(1))
)

// ParseDefaultTerm reads a default term.
func ParseDefaultTerm(s string) (DefaultTerm, error) {
	switch t := DefaultTerm(s); t {
	case TermProfile, TermCalendar, TermNotice30, TermReminder:
		return t, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a default term; use calendar, notice30 or reminder", s)
}

// DatedAmount is money received on a day.
type DatedAmount struct {
	On     Date
	Amount int64
}

// BalanceSteps turns an invoice's amount and the principal payments on it into the principal
// open from each day on: a payment lowers the base from the day after it was received.
func BalanceSteps(amount int64, payments []DatedAmount) []BalanceStep {
	ps := append([]DatedAmount(nil), payments...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].On.Before(ps[j].On) })
	steps := []BalanceStep{{Principal: amount}}
	open := amount
	for _, p := range ps {
		open -= p.Amount
		from := p.On.AddDays(1)
		if last := &steps[len(steps)-1]; last.From == from {
			last.Principal = open
			continue
		}
		steps = append(steps, BalanceStep{From: from, Principal: open})
	}
	return steps
}

// ChargeInvoice is what charging needs to know of one invoice.
type ChargeInvoice struct {
	ID            int64
	Number        string
	Issue, Due    Date
	Amount, Open  int64
	Term          DefaultTerm
	FirstReminder Date          // the first reminder approved for it; zero: none yet
	Payments      []DatedAmount // principal payments (for interest on the balance of each day)
	Charges       []Charge      // charges already recorded on it
}

// ChargeRequest is one approval's question: what does this stage charge?
type ChargeRequest struct {
	Profile      Profile
	Customer     Customer
	ShopCountry  string
	ContractRate int64
	Consumer     DefaultTerm // the profile's setting for consumers
	Stage        Stage
	StageIndex   int // 1-based
	AsOf         Date
	Currency     string
	Invoices     []ChargeInvoice
	Rates        RateTable
}

// DefaultStart is the first day of default, from which interest runs; ok is false while the
// invoice is not in default. A business, and everyone outside the German profile, is in default
// from the day after the due date. A German consumer is in default the day after an agreed
// calendar due date, 30 days after an invoice that said so, or else only from the first
// reminder: the day after it.
func DefaultStart(p Profile, kind CustomerKind, term DefaultTerm, inv ChargeInvoice) (Date, bool) {
	if p != ProfileDE || kind == Business {
		return inv.Due.AddDays(1), true
	}
	if term == TermProfile {
		term = TermReminder
	}
	switch term {
	case TermCalendar:
		return inv.Due.AddDays(1), true
	case TermNotice30:
		d := inv.Issue.AddDays(30)
		if inv.Due.After(d) {
			d = inv.Due
		}
		return d.AddDays(1), true
	}
	if inv.FirstReminder.IsZero() {
		return Date{}, false
	}
	d := inv.FirstReminder
	if inv.Due.After(d) {
		d = inv.Due
	}
	return d.AddDays(1), true
}

func (r ChargeRequest) term(inv ChargeInvoice) DefaultTerm {
	if inv.Term != TermProfile {
		return inv.Term
	}
	return r.Consumer
}

// ChargesDue itemizes what approving a stage charges under the profile, on top of what the
// invoices already carry: fixed compensation once per late invoice of a business; the stage's
// reminder fee where the profile allows one (not for the reminder that puts a German consumer in
// default; to a German business only beyond the EUR 40 flat sum, BGB 288(5)); and, at the final
// demand and hand-off, interest on the balance of each day since the last interest charged.
func ChargesDue(r ChargeRequest) (out []Charge, notes []string) {
	if r.StageIndex <= 0 {
		return nil, nil
	}
	st := r.Stage
	comp := map[int64]int64{}
	for _, inv := range r.Invoices {
		for _, ch := range inv.Charges {
			if ch.Kind == ChargeCompensation {
				comp[inv.ID] += ch.Amount
			}
		}
		if !r.AsOf.After(inv.Due) || comp[inv.ID] > 0 {
			continue
		}
		if m, ok := FixedCompensation(r.Profile, r.Customer.Kind, r.Currency, inv.Amount); ok {
			comp[inv.ID] = m.Amount
			out = append(out, Charge{InvoiceID: inv.ID, Number: inv.Number, Kind: ChargeCompensation, Amount: m.Amount, Currency: m.Currency,
				CreatedOn: r.AsOf, Rule: compensationRule(r.Profile), Basis: chargeBasisText(Charge{Kind: ChargeCompensation, Rule: compensationRule(r.Profile)}, "en")})
		}
	}
	if fee, fnotes := r.fee(comp); fee != nil {
		out = append(out, *fee)
		notes = append(notes, fnotes...)
	} else {
		notes = append(notes, fnotes...)
	}
	if !st.Final() && st.Channel != ChannelHandoff {
		return out, notes
	}
	for _, inv := range r.Invoices {
		parts, warn := r.interest(inv)
		out = append(out, parts...)
		if warn != "" {
			notes = append(notes, "interest on "+inv.Number+": "+warn)
		}
	}
	return out, notes
}

func compensationRule(p Profile) string {
	switch p {
	case ProfileDE:
		return "DE"
	case ProfileUK:
		return "UK"
	}
	return "EU"
}

// fee is the stage's reminder fee, charged on the oldest invoice already in default.
func (r ChargeRequest) fee(comp map[int64]int64) (*Charge, []string) {
	st := r.Stage
	if st.Fee == "" {
		return nil, nil
	}
	cur, err := LookupCurrency(r.Currency)
	if err != nil {
		return nil, nil
	}
	fee, err := ParseAmount(st.Fee, cur, FormatDot)
	if err != nil || fee <= 0 {
		return nil, nil
	}
	if !FeesAllowed(r.Profile, r.Customer) {
		return nil, []string{"no reminder fee: the " + string(r.Profile) + " profile allows none for this customer"}
	}
	var target *ChargeInvoice
	for i := range r.Invoices {
		inv := &r.Invoices[i]
		if start, ok := DefaultStart(r.Profile, r.Customer.Kind, r.term(*inv), *inv); ok && !start.After(r.AsOf) {
			target = inv
			break
		}
	}
	if target == nil {
		return nil, []string{"no reminder fee: this reminder puts the customer in default (BGB section 286(1)), so it costs nothing"}
	}
	ch := Charge{InvoiceID: target.ID, Number: target.Number, Kind: ChargeFee, Amount: fee, Currency: r.Currency, CreatedOn: r.AsOf,
		Rule: "fee", Stage: st.Name}
	var notes []string
	if flat := comp[target.ID]; flat > 0 && r.Profile == ProfileDE {
		var costs int64
		for _, c := range target.Charges {
			if c.Kind == ChargeFee {
				costs += c.Amount + c.SetOff
			}
		}
		left := max(0, flat-costs)
		ch.SetOff = min(fee, left)
		ch.Amount = fee - ch.SetOff
		if ch.SetOff > 0 {
			notes = append(notes, fmt.Sprintf("reminder fee %s %s on %s set off against the flat sum (BGB section 288(5)): %s %s claimed",
				r.Currency, Decimal(fee, cur), target.Number, r.Currency, Decimal(ch.Amount, cur)))
		}
	}
	ch.Basis = chargeBasisText(ch, "en")
	return &ch, notes
}

// interest charges one invoice from the day after the last interest charged (or the start of
// default) to the day of the action, on the balance of each day.
func (r ChargeRequest) interest(inv ChargeInvoice) ([]Charge, string) {
	rule, ok := InterestRuleFor(r.Profile, r.Customer.Kind, r.ShopCountry, r.ContractRate)
	if !ok {
		return nil, ""
	}
	start, ok := DefaultStart(r.Profile, r.Customer.Kind, r.term(inv), inv)
	if !ok {
		return nil, "not in default before this reminder: interest runs from the day after it"
	}
	from := start
	for _, c := range inv.Charges {
		if c.Kind == ChargeInterest && !c.To.Before(from) {
			from = c.To.AddDays(1)
		}
	}
	if from.After(r.AsOf) {
		return nil, ""
	}
	res := ComputeInterest(InterestRequest{Rule: rule, ContractRate: r.ContractRate, Start: start, From: from, To: r.AsOf,
		Balance: BalanceSteps(inv.Amount, inv.Payments), Rates: r.Rates})
	var out []Charge
	for _, p := range res.Parts {
		if p.Amount <= 0 {
			continue
		}
		out = append(out, Charge{InvoiceID: inv.ID, Number: inv.Number, Kind: ChargeInterest, From: p.From, To: p.To, Start: p.Start, Rate: p.Rate,
			RefRate: p.RefRate, Margin: rule.Margin, RateID: p.RateID, Rule: rule.Code, Basis: p.Basis, Principal: p.Principal,
			Amount: p.Amount, Currency: r.Currency, CreatedOn: r.AsOf})
	}
	return out, res.Warning
}
