package app

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// Profile is the jurisdiction whose rules decide charges, guards and wording.
type Profile string

const (
	ProfileUS Profile = "US"
	ProfileUK Profile = "UK"
	ProfileEU Profile = "EU"
	ProfileDE Profile = "DE"
)

// ParseProfile reads US, UK, EU or DE.
func ParseProfile(s string) (Profile, error) {
	switch p := Profile(strings.ToUpper(strings.TrimSpace(s))); p {
	case ProfileUS, ProfileUK, ProfileEU, ProfileDE:
		return p, nil
	case "GB":
		return ProfileUK, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a jurisdiction profile; use US, UK, EU or DE", s)
}

// ProfileForCountry is the profile a shop in country starts with.
func ProfileForCountry(country string) Profile {
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case "US":
		return ProfileUS
	case "GB", "UK":
		return ProfileUK
	case "DE":
		return ProfileDE
	}
	return ProfileEU
}

// Rate series in the rate table.
const (
	SeriesDEBase = "DE-base"  // Bundesbank base rate (BGB 247)
	SeriesECB    = "ECB-ref"  // ECB main refinancing rate on 1 January / 1 July (Directive 2011/7/EU)
	SeriesBoE    = "BoE-bank" // Bank of England Bank Rate
)

// RatePeriod is one entry of the rate table: a reference rate in basis points for a period.
type RatePeriod struct {
	Series string
	From   Date
	To     Date // inclusive; zero: until changed
	Rate   int64
}

// RateTable is the editable table of reference rates.
type RateTable []RatePeriod

// DefaultRates are the reference rates of LEGAL.md.
func DefaultRates() RateTable {
	d := MustDate
	return RateTable{
		{SeriesDEBase, d("2024-01-01"), d("2024-06-30"), 362},
		{SeriesDEBase, d("2024-07-01"), d("2024-12-31"), 337},
		{SeriesDEBase, d("2025-01-01"), d("2025-06-30"), 227},
		{SeriesDEBase, d("2025-07-01"), d("2025-12-31"), 127},
		{SeriesDEBase, d("2026-01-01"), d("2026-06-30"), 127},
		{SeriesECB, d("2025-07-01"), d("2025-12-31"), 215},
		{SeriesECB, d("2026-01-01"), d("2026-06-30"), 215},
		{SeriesBoE, d("2023-08-03"), d("2024-07-31"), 525},
		{SeriesBoE, d("2024-08-01"), d("2024-11-06"), 500},
		{SeriesBoE, d("2024-11-07"), d("2025-02-05"), 475},
		{SeriesBoE, d("2025-02-06"), d("2025-05-07"), 450},
		{SeriesBoE, d("2025-05-08"), d("2025-08-06"), 425},
		{SeriesBoE, d("2025-08-07"), Date{}, 400},
	}
}

// Validate refuses negative rates, periods that end before they start, and periods of one series
// that overlap.
func (t RateTable) Validate() error {
	bySeries := map[string][]RatePeriod{}
	for _, r := range t {
		if r.Series != SeriesDEBase && r.Series != SeriesECB && r.Series != SeriesBoE {
			return Errorf(CodeInvalid, "%q is not a rate series; use %s, %s or %s", r.Series, SeriesDEBase, SeriesECB, SeriesBoE)
		}
		if r.Rate < 0 {
			return Errorf(CodeInvalid, "the %s rate from %s is negative; Duebook does not charge with negative rates", r.Series, r.From)
		}
		if r.Rate > 10000 {
			return Errorf(CodeInvalid, "the %s rate from %s is over 100 %%", r.Series, r.From)
		}
		if r.From.IsZero() || (!r.To.IsZero() && r.To.Before(r.From)) {
			return Errorf(CodeInvalid, "the %s rate from %s ends before it starts", r.Series, r.From)
		}
		bySeries[r.Series] = append(bySeries[r.Series], r)
	}
	for series, rs := range bySeries {
		sort.Slice(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
		for i := 1; i < len(rs); i++ {
			prev := rs[i-1]
			if prev.To.IsZero() || !prev.To.Before(rs[i].From) {
				return Errorf(CodeInvalid, "the %s rates from %s and from %s overlap", series, prev.From, rs[i].From)
			}
		}
	}
	return nil
}

// at returns the entry of series in force on d.
func (t RateTable) at(series string, d Date) (RatePeriod, bool) {
	for _, r := range t {
		if r.Series == series && !d.Before(r.From) && (r.To.IsZero() || !d.After(r.To)) {
			return r, true
		}
	}
	return RatePeriod{}, false
}

// Covers tells whether each series has a rate for d; the app warns when it does not.
func (t RateTable) Missing(d Date) []string {
	var out []string
	for _, s := range []string{SeriesDEBase, SeriesECB, SeriesBoE} {
		if _, ok := t.at(s, d); !ok {
			out = append(out, s)
		}
	}
	return out
}

// InterestPart is one piece of an interest calculation: a period at one rate.
type InterestPart struct {
	From, To  Date // inclusive
	Days      int
	Rate      int64 // basis points a year, margin included
	Principal int64
	Amount    int64
	Basis     string // "Bundesbank base rate 1.27 % + 9 points", "agreed rate", ...
}

// InterestResult is the interest owed on a principal over a period, in parts.
type InterestResult struct {
	Parts   []InterestPart
	Total   int64
	Warning string // set when some days had no rate: those days are charged nothing
}

// interestRule says how a profile charges interest to a kind of customer.
type interestRule struct {
	series string // "" for the agreed (contractual) rate
	margin int64
	fixed  bool // UK: one reference rate for the whole debt
	label  string
}

func ruleFor(p Profile, kind CustomerKind, contractRate int64) (interestRule, bool) {
	switch {
	case p == ProfileDE && kind == Business:
		return interestRule{series: SeriesDEBase, margin: 900, label: "base rate %s + 9 points (BGB 288)"}, true
	case p == ProfileDE && kind == Consumer:
		return interestRule{series: SeriesDEBase, margin: 500, label: "base rate %s + 5 points (BGB 288)"}, true
	case p == ProfileEU && kind == Business:
		return interestRule{series: SeriesECB, margin: 800, label: "ECB reference rate %s + 8 points (Directive 2011/7/EU)"}, true
	case p == ProfileUK && kind == Business:
		return interestRule{series: SeriesBoE, margin: 800, fixed: true, label: "Bank of England reference rate %s + 8 % (Late Payment Act 1998)"}, true
	case contractRate > 0:
		return interestRule{label: "the agreed rate"}, true
	}
	return interestRule{}, false
}

// Interest computes simple interest on principal for the days from..to (inclusive) under the
// profile: principal x rate x days / 365 for each period of one rate, split where the rate
// changes, summed exactly and rounded half-up once; the parts are rounded for showing and the
// last absorbs the difference, so they add up to the total. No rate, no charge: days without a
// rate in the table are charged nothing and named in the warning. ok is false where the profile
// allows no interest (a consumer without an agreed rate).
func Interest(p Profile, kind CustomerKind, contractRate int64, principal int64, from, to Date, rates RateTable) (InterestResult, bool) {
	var res InterestResult
	rule, ok := ruleFor(p, kind, contractRate)
	if !ok || principal <= 0 || to.Before(from) {
		return res, ok
	}
	type span struct {
		from, to Date
		rate     int64
		basis    string
	}
	var spans []span
	switch {
	case rule.series == "":
		spans = append(spans, span{from, to, contractRate, fmt.Sprintf("agreed rate %s", pct(contractRate))})
	case rule.fixed:
		// UK: the reference rate in force on 31 December (debts due January to June) or
		// 30 June (July to December) before the debt became due, for the whole debt.
		due := from.AddDays(-1)
		ref, _ := NewDate(due.Year()-1, 12, 31)
		if due.Month() >= 7 {
			ref, _ = NewDate(due.Year(), 6, 30)
		}
		r, found := rates.at(rule.series, ref)
		if !found {
			res.Warning = fmt.Sprintf("no %s rate for %s is in the rate table: no interest is charged", rule.series, ref)
			return res, true
		}
		spans = append(spans, span{from, to, r.Rate + rule.margin, fmt.Sprintf(rule.label, pct(r.Rate))})
	default:
		var missing []string
		for d := from; !d.After(to); {
			r, found := rates.at(rule.series, d)
			if !found {
				// Skip to the next day a rate starts, or the end.
				next := to.AddDays(1)
				for _, x := range rates {
					if x.Series == rule.series && x.From.After(d) && x.From.Before(next) {
						next = x.From
					}
				}
				missing = append(missing, fmt.Sprintf("%s to %s", d, next.AddDays(-1)))
				d = next
				continue
			}
			end := to
			if !r.To.IsZero() && r.To.Before(end) {
				end = r.To
			}
			spans = append(spans, span{d, end, r.Rate + rule.margin, fmt.Sprintf(rule.label, pct(r.Rate))})
			d = end.AddDays(1)
		}
		if len(missing) > 0 {
			res.Warning = fmt.Sprintf("the rate table has no %s rate for %s: those days are charged nothing", rule.series, strings.Join(missing, ", "))
		}
	}
	exact := new(big.Rat)
	for _, s := range spans {
		days := s.to.DaysSince(s.from) + 1
		part := new(big.Rat).SetFrac(new(big.Int).Mul(new(big.Int).Mul(big.NewInt(principal), big.NewInt(s.rate)), big.NewInt(int64(days))), big.NewInt(365*10000))
		exact.Add(exact, part)
		res.Parts = append(res.Parts, InterestPart{From: s.from, To: s.to, Days: days, Rate: s.rate, Principal: principal, Amount: roundRat(part), Basis: s.basis})
	}
	res.Total = roundRat(exact)
	if n := len(res.Parts); n > 0 {
		var shown int64
		for _, pt := range res.Parts[:n-1] {
			shown += pt.Amount
		}
		res.Parts[n-1].Amount = res.Total - shown
	}
	return res, true
}

// roundRat rounds a non-negative rational half-up to a whole number.
func roundRat(r *big.Rat) int64 {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Lsh(m, 1).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}

func pct(bp int64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%d.%02d", bp/100, bp%100), "0"), ".") + " %"
}

// FixedCompensation is the flat sum a business debtor owes per late invoice: EUR 40 in the EU
// and Germany; GBP 40, 70 or 100 by the size of the debt in the UK. ok is false where none is due
// (consumers, the US, or an invoice in another currency).
func FixedCompensation(p Profile, kind CustomerKind, currency string, debt int64) (Money, bool) {
	if kind != Business {
		return Money{}, false
	}
	switch {
	case (p == ProfileEU || p == ProfileDE) && currency == "EUR":
		return Money{Amount: 4000, Currency: "EUR"}, true
	case p == ProfileUK && currency == "GBP":
		switch {
		case debt < 100000:
			return Money{Amount: 4000, Currency: "GBP"}, true
		case debt < 1000000:
			return Money{Amount: 7000, Currency: "GBP"}, true
		}
		return Money{Amount: 10000, Currency: "GBP"}, true
	}
	return Money{}, false
}

// FeesAllowed tells whether a reminder fee may be charged: to businesses everywhere, to
// consumers in Germany (default damages), and to other consumers only where the contract says so.
func FeesAllowed(p Profile, c Customer) bool {
	return c.Kind == Business || p == ProfileDE || c.HasFlag(FlagContractFees)
}

// ChargeKind is what a charge is for.
type ChargeKind string

const (
	ChargeFee          ChargeKind = "fee"
	ChargeInterest     ChargeKind = "interest"
	ChargeCompensation ChargeKind = "compensation"
)

// Charge is an itemized fee, interest or compensation on an invoice. It never rewrites the
// invoice.
type Charge struct {
	ID        int64
	InvoiceID int64
	Number    string
	Kind      ChargeKind
	From, To  Date
	Rate      int64
	Basis     string
	Principal int64
	Amount    int64
	Currency  string
	CreatedOn Date
}

// ChargeBasis says, in the letter's language, what a charge rests on: the rate and its legal
// basis for interest, the stage for a fee, the rule for compensation.
func ChargeBasis(ch Charge, lang string) string {
	return ch.Basis
}
