package app

import (
	"fmt"
	"math/big"
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
// invoice. What it rests on is kept as data (rule, rates, stage), so a letter words it in its
// own language.
type Charge struct {
	ID        int64
	InvoiceID int64
	Number    string
	Kind      ChargeKind
	From, To  Date
	Start     Date  // interest: the first day of default (the UK reference rate follows it)
	Rate      int64 // interest: basis points a year, margin included
	RefRate   int64 // interest: the reference rate without the margin
	Margin    int64 // interest: the points added
	RateID    int64 // interest: the rate table entry used
	Rule      string
	Stage     string // fees: the ladder stage that charged it
	Basis     string // English, for the timeline
	Principal int64
	Amount    int64 // what is claimed
	SetOff    int64 // fees: the part set off against the flat sum and not claimed
	Paid      int64
	Currency  string
	CreatedOn Date
}

// Open is what is still owed on the charge.
func (c Charge) Open() int64 { return c.Amount - c.Paid }

// ChargeBasis says, in the letter's language, what a charge rests on: the rate and its legal
// basis for interest, the stage for a fee, the rule for compensation. Charges stored before the
// rule was kept as data keep their stored words.
func ChargeBasis(ch Charge, lang string) string {
	if ch.Rule == "" {
		return ch.Basis
	}
	return chargeBasisText(ch, lang)
}

var chargeWords = map[string]map[string]string{
	"en": {
		"DE-B2B":  "German base rate %s + 9 points (BGB section 288(2))",
		"DE-B2C":  "German base rate %s + 5 points (BGB section 288(1))",
		"EU-B2B":  "ECB reference rate %s + 8 points (Directive 2011/7/EU)",
		"FR-B2B":  "ECB reference rate %s + 10 points (Code de commerce L441-10)",
		"UK-B2B":  "Bank of England reference rate %s (in force on %s) + 8 points, fixed for this debt (Late Payment of Commercial Debts (Interest) Act 1998)",
		"agreed":  "the agreed rate of %s",
		"fee":     "reminder fee of the %s",
		"setoff":  "%s of it set off against the flat sum (BGB section 288(5))",
		"comp-DE": "flat sum for late payment (BGB section 288(5))",
		"comp-EU": "fixed compensation for recovery costs (Directive 2011/7/EU)",
		"comp-UK": "fixed sum for late payment (Late Payment of Commercial Debts (Interest) Act 1998)",
	},
	"de": {
		"DE-B2B":  "Basiszinssatz %s + 9 Prozentpunkte (§ 288 Abs. 2 BGB)",
		"DE-B2C":  "Basiszinssatz %s + 5 Prozentpunkte (§ 288 Abs. 1 BGB)",
		"EU-B2B":  "EZB-Referenzzinssatz %s + 8 Prozentpunkte (Richtlinie 2011/7/EU)",
		"FR-B2B":  "EZB-Referenzzinssatz %s + 10 Prozentpunkte (Code de commerce L441-10)",
		"UK-B2B":  "Referenzzinssatz der Bank of England %s (gültig am %s) + 8 Prozentpunkte, fest für diese Forderung (Late Payment of Commercial Debts (Interest) Act 1998)",
		"agreed":  "vereinbarter Zinssatz von %s",
		"fee":     "Mahngebühr (%s)",
		"setoff":  "davon %s mit der Pauschale verrechnet (§ 288 Abs. 5 BGB)",
		"comp-DE": "Verzugspauschale (§ 288 Abs. 5 BGB)",
		"comp-EU": "Pauschale für Beitreibungskosten (Richtlinie 2011/7/EU)",
		"comp-UK": "Pauschale nach dem Late Payment of Commercial Debts (Interest) Act 1998",
	},
}

// stageWordsDE are the German names of the default ladder's stages.
var stageWordsDE = map[string]string{
	"courtesy note": "Zahlungserinnerung", "reminder 1": "1. Mahnung", "reminder 2": "2. Mahnung",
	"final demand": "letzte Mahnung", "hand-off proposal": "Übergabe an Inkasso", ThanksStageName: "Dankesschreiben",
}

// StageName is a ladder stage's name in the letter's language (the owner's own names stay).
func StageName(name, lang string) string {
	if lang == "de" {
		if w, ok := stageWordsDE[strings.ToLower(name)]; ok {
			return w
		}
	}
	return name
}

func chargeBasisText(ch Charge, lang string) string {
	w, ok := chargeWords[lang]
	if !ok {
		w = chargeWords["en"]
	}
	nf := NumberFormatFor(lang)
	rate := func(bp int64) string { return FormatMinor(bp, Currency{Exponent: 2}, nf) + " %" }
	switch ch.Kind {
	case ChargeInterest:
		switch ch.Rule {
		case "agreed":
			return fmt.Sprintf(w["agreed"], rate(ch.Rate))
		case "UK-B2B":
			start := ch.Start
			if start.IsZero() {
				start = ch.From
			}
			ref := UKReferenceDay(start)
			day := ref.String()
			if lang == "de" {
				day = ref.Time().Format("02.01.2006")
			}
			return fmt.Sprintf(w["UK-B2B"], rate(ch.RefRate), day)
		}
		if f, ok := w[ch.Rule]; ok {
			return fmt.Sprintf(f, rate(ch.RefRate))
		}
	case ChargeFee:
		out := fmt.Sprintf(w["fee"], StageName(ch.Stage, lang))
		if ch.SetOff > 0 {
			cur, err := LookupCurrency(ch.Currency)
			if err == nil {
				out += "; " + fmt.Sprintf(w["setoff"], ch.Currency+" "+FormatMinor(ch.SetOff, cur, nf))
			}
		}
		return out
	case ChargeCompensation:
		if f, ok := w["comp-"+ch.Rule]; ok {
			return f
		}
	}
	return ch.Basis
}
