package app

import (
	"bytes"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"math/big"
	"strings"
)

// LetterInput is everything a letter shows.
type LetterInput struct {
	Key           TemplateKey
	Template      Template
	Shop          Shop
	Customer      Customer
	Date          Date
	Invoices      []Invoice
	Charges       []Charge
	PayBy         Date
	NoLegalThreat bool
	// LimitationYears is the period after which a debt may be time-barred (0: off); Text drops
	// legal threats for such debts whatever the caller set.
	LimitationYears int
	StageName       string
	Payment         *Payment  // receipts
	Payments        []Payment // statements: recent payments
	Profile         Profile
	// ConsumerDefault is the profile's default term for consumers, for invoices that leave it
	// to the profile (the notice printed on an invoice, DefaultNotice).
	ConsumerDefault DefaultTerm
	// Record is the timeline's record reference when the letter was made ("1234·3fa9c21b"),
	// printed in the footer so that a paper copy can later prove the timeline unchanged.
	Record string
	// Itemization, on a hand-off statement, shows the debt on the itemization date and what
	// changed since.
	Itemization *Itemization
	// Thanks, on a thank-you note, is what it thanks for; such a letter asks for nothing.
	Thanks *ThanksFor
}

// Itemization is a debt on its itemization date, then the interest, fees, payments and credits
// since, and the amount now (12 CFR 1006.34's layout, useful everywhere).
type Itemization struct {
	Date                              Date
	Currency                          string
	Then                              int64
	Interest, Fees, Payments, Credits int64
	Now                               int64
}

// Total is what the letter asks for: the open invoices plus the charges, per the letter's
// currency (the first invoice's).
func (in LetterInput) Total() Money {
	var m Money
	for _, inv := range in.Invoices {
		if m.Currency == "" {
			m.Currency = inv.Currency
		}
		if inv.Currency == m.Currency { // never summed across currencies
			m.Amount += inv.Open()
		}
	}
	for _, c := range in.Charges {
		if m.Currency == "" || c.Currency == m.Currency {
			m.Currency = c.Currency
			m.Amount += c.Open()
		}
	}
	return m
}

// ValidateIBAN checks an IBAN's form and its mod-97 checksum and returns it in groups of four.
func ValidateIBAN(s string) (string, error) {
	compact := strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "-", ""))
	if compact == "" {
		return "", nil
	}
	if len(compact) < 15 || len(compact) > 34 || compact[0] < 'A' || compact[0] > 'Z' || compact[1] < 'A' || compact[1] > 'Z' {
		return "", Errorf(CodeInvalid, "%q is not an IBAN", s)
	}
	var digits strings.Builder
	for _, r := range compact[4:] + compact[:4] {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			digits.WriteString(big.NewInt(int64(r - 'A' + 10)).String())
		default:
			return "", Errorf(CodeInvalid, "%q is not an IBAN: it holds %q", s, string(r))
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	if new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
		return "", Errorf(CodeInvalid, "the IBAN %s has a wrong check digit; please check it against your bank statement", s)
	}
	var groups []string
	for i := 0; i < len(compact); i += 4 {
		groups = append(groups, compact[i:min(i+4, len(compact))])
	}
	return strings.Join(groups, " "), nil
}

// MaxLogo is the largest logo the letterhead accepts.
const MaxLogo = 2 << 20

// ValidateLogo checks that a logo is a PNG or JPEG image of a sensible size.
func ValidateLogo(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if len(b) > MaxLogo {
		return Errorf(CodeInvalid, "the logo is %d MB; use an image of at most 2 MB", len(b)>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (format != "png" && format != "jpeg") {
		return Errorf(CodeInvalid, "the logo is not a PNG or JPEG image")
	}
	if cfg.Width > 4000 || cfg.Height > 4000 {
		return Errorf(CodeInvalid, "the logo is %d x %d pixels; use at most 4000 x 4000", cfg.Width, cfg.Height)
	}
	return nil
}
