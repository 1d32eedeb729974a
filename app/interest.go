package app

import (
	"fmt"
	"math/big"
	"strings"
)

// InterestRule says how a profile charges late-payment interest to a kind of customer: a
// reference rate series plus a margin, or the agreed (contractual) rate.
type InterestRule struct {
	Code   string // "DE-B2B", "DE-B2C", "EU-B2B", "FR-B2B", "UK-B2B", "agreed"
	Series string // "" for the agreed rate
	Margin int64  // basis points added to the reference rate
	Fixed  bool   // UK: one reference rate for the life of the debt
}

// InterestRuleFor is the rule of a profile for a customer: German law for businesses (base
// rate + 9 points) and consumers (+ 5), the EU directive for businesses (ECB rate + 8 points;
// + 10 in France), the UK Late Payment Act for businesses (Bank Rate + 8, fixed per debt), and
// otherwise only an agreed rate. ok is false where no interest may be charged.
func InterestRuleFor(p Profile, kind CustomerKind, shopCountry string, contractRate int64) (InterestRule, bool) {
	switch {
	case p == ProfileDE && kind == Business:
		return InterestRule{Code: "DE-B2B", Series: SeriesDEBase, Margin: 900}, true
	case p == ProfileDE && kind == Consumer:
		return InterestRule{Code: "DE-B2C", Series: SeriesDEBase, Margin: 500}, true
	case p == ProfileEU && kind == Business && strings.EqualFold(strings.TrimSpace(shopCountry), "FR"):
		return InterestRule{Code: "FR-B2B", Series: SeriesECB, Margin: 1000}, true
	case p == ProfileEU && kind == Business:
		return InterestRule{Code: "EU-B2B", Series: SeriesECB, Margin: 800}, true
	case p == ProfileUK && kind == Business:
		return InterestRule{Code: "UK-B2B", Series: SeriesBoE, Margin: 800, Fixed: true}, true
	case contractRate > 0:
		return InterestRule{Code: "agreed"}, true
	}
	return InterestRule{}, false
}

// BalanceStep is the principal open on an invoice from a day on.
type BalanceStep struct {
	From      Date
	Principal int64
}

// InterestRequest is one interest calculation on one invoice.
type InterestRequest struct {
	Rule         InterestRule
	ContractRate int64 // basis points a year, for the agreed rate
	Start        Date  // the first day interest runs on the debt; the UK reference rate follows it
	From, To     Date  // the days to charge now, inclusive
	Balance      []BalanceStep
	Rates        RateTable
}

// InterestPart is one line of an interest calculation: one base at one rate for a period.
type InterestPart struct {
	From, To  Date // inclusive
	Days      int
	Rate      int64 // basis points a year, margin included
	RefRate   int64 // the reference rate, without the margin
	RateID    int64 // the rate table entry used (0 for an agreed rate)
	Principal int64
	Amount    int64
	Start     Date // the first day interest ran on the debt
	Rule      string
	Basis     string // in English; ChargeBasis words it in the letter's language
}

// InterestResult is the interest owed over a period, in lines that add up to the total.
type InterestResult struct {
	Parts   []InterestPart
	Total   int64
	Warning string // set when some days had no confirmed rate: those days are charged nothing
}

// principalOn is the principal open on day d.
func principalOn(steps []BalanceStep, d Date) int64 {
	var p int64
	for i, s := range steps {
		if i == 0 || !s.From.After(d) {
			p = s.Principal
		}
		if s.From.After(d) {
			break
		}
	}
	return p
}

// nextChange is the first day after d on which the principal changes, or zero.
func nextChange(steps []BalanceStep, d Date) Date {
	for _, s := range steps {
		if s.From.After(d) {
			return s.From
		}
	}
	return Date{}
}

// UKReferenceDay is the day whose Bank Rate fixes UK statutory interest for a debt whose
// interest starts to run on start: 31 December for a start from 1 January to 30 June, 30 June
// for a start from 1 July to 31 December.
func UKReferenceDay(start Date) Date {
	if start.Month() <= 6 {
		d, _ := NewDate(start.Year()-1, 12, 31)
		return d
	}
	d, _ := NewDate(start.Year(), 6, 30)
	return d
}

// ComputeInterest is simple interest on the balance open each day: principal x rate x days /
// 365 for each stretch of one base at one rate, each line rounded half-up once from exact
// arithmetic, the total being the sum of the lines. A partial payment lowers the base from the
// day after it was received (the balance steps say so); a rate change splits a line, except
// under the UK rule, where the reference rate is fixed by the day interest starts. Days without
// a confirmed rate are charged nothing and named in the warning.
func ComputeInterest(r InterestRequest) InterestResult {
	var res InterestResult
	if r.To.Before(r.From) {
		return res
	}
	type rateAt struct {
		rate, ref, id int64
		end           Date // last day of this rate (zero: open)
		ok            bool
	}
	var fixed rateAt
	switch {
	case r.Rule.Series == "":
		fixed = rateAt{rate: r.ContractRate, ok: true}
	case r.Rule.Fixed:
		ref := UKReferenceDay(r.Start)
		e, ok := r.Rates.Lookup(r.Rule.Series, ref)
		if !ok {
			res.Warning = fmt.Sprintf("no %s rate is confirmed for %s, the day that fixes the rate for this debt: no interest is charged until the rate is added", r.Rule.Series, ref)
			return res
		}
		fixed = rateAt{rate: e.Rate + r.Rule.Margin, ref: e.Rate, id: e.ID, ok: true}
	}
	lookup := func(d Date) rateAt {
		if r.Rule.Series == "" || r.Rule.Fixed {
			return fixed
		}
		e, ok := r.Rates.Lookup(r.Rule.Series, d)
		if !ok {
			return rateAt{}
		}
		end := e.To
		if end.IsZero() {
			end = r.Rates.ConfirmedThrough(r.Rule.Series)
		}
		return rateAt{rate: e.Rate + r.Rule.Margin, ref: e.Rate, id: e.ID, end: end, ok: true}
	}
	var missing []string
	for d := r.From; !d.After(r.To); {
		ra := lookup(d)
		if !ra.ok {
			end := d
			for end.Before(r.To) && !lookup(end.AddDays(1)).ok {
				end = end.AddDays(1)
			}
			missing = append(missing, fmt.Sprintf("%s to %s", d, end))
			d = end.AddDays(1)
			continue
		}
		end := r.To
		if !ra.end.IsZero() && ra.end.Before(end) {
			end = ra.end
		}
		if nc := nextChange(r.Balance, d); !nc.IsZero() && !nc.After(end) {
			end = nc.AddDays(-1)
		}
		if base := principalOn(r.Balance, d); base > 0 {
			days := end.DaysSince(d) + 1
			exact := new(big.Rat).SetFrac(new(big.Int).Mul(new(big.Int).Mul(big.NewInt(base), big.NewInt(ra.rate)), big.NewInt(int64(days))), big.NewInt(365*10000))
			amount := roundRatSigned(exact)
			res.Parts = append(res.Parts, InterestPart{From: d, To: end, Days: days, Rate: ra.rate, RefRate: ra.ref, RateID: ra.id, Principal: base,
				Amount: amount, Start: r.Start, Rule: r.Rule.Code, Basis: interestBasisEN(r.Rule, ra.ref, r.Start)})
			res.Total += amount
		}
		d = end.AddDays(1)
	}
	if len(missing) > 0 {
		res.Warning = fmt.Sprintf("no %s rate is confirmed for %s: those days are charged nothing until the rate is added", r.Rule.Series, strings.Join(missing, ", "))
	}
	return res
}

// roundRatSigned rounds half away from zero (a negative statutory rate gives no negative charge:
// the caller drops lines below one cent).
func roundRatSigned(r *big.Rat) int64 {
	if r.Sign() >= 0 {
		return roundRat(r)
	}
	return -roundRat(new(big.Rat).Neg(r))
}

// interestBasisEN is the English basis of an interest line; ChargeBasis has every language.
func interestBasisEN(rule InterestRule, ref int64, start Date) string {
	return chargeBasisText(Charge{Kind: ChargeInterest, Rule: rule.Code, RefRate: ref, Margin: rule.Margin, Start: start, Rate: ref + rule.Margin}, "en")
}

// Interest computes interest on a constant principal for the days from..to under the profile,
// interest having started to run on from. ok is false where the profile allows no interest.
func Interest(p Profile, kind CustomerKind, contractRate int64, principal int64, from, to Date, rates RateTable) (InterestResult, bool) {
	rule, ok := InterestRuleFor(p, kind, "", contractRate)
	if !ok || principal <= 0 {
		return InterestResult{}, ok
	}
	return ComputeInterest(InterestRequest{Rule: rule, ContractRate: contractRate, Start: from, From: from, To: to,
		Balance: []BalanceStep{{From: from, Principal: principal}}, Rates: rates}), true
}
