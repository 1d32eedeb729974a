package app

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Exports write amounts as the owner sees them on screen: "£1,234.56", "1.234,56 €",
// "EUR 12.00", "(1,234.56)". The sign or code says the currency: it is read from there when the
// file has no currency column, and checked against the column when it has one.

// currencySigns are signs only one currency uses.
var currencySigns = map[string]string{
	"£": "GBP", "€": "EUR", "₹": "INR", "₩": "KRW", "₺": "TRY", "₽": "RUB", "₪": "ILS", "₫": "VND",
	"฿": "THB", "₴": "UAH", "zł": "PLN", "kč": "CZK", "ft": "HUF", "fr": "CHF", "us$": "USD", "a$": "AUD",
	"au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "mx$": "MXN",
}

// sharedSigns are signs several currencies use: the shop's currency settles which is meant.
var sharedSigns = map[string][]string{
	"$":  {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "TWD", "BSD", "BBD", "BZD", "JMD", "TTD", "XCD", "FJD"},
	"¥":  {"JPY", "CNY"},
	"kr": {"SEK", "NOK", "DKK", "ISK"},
}

// currencyText is the part of an amount cell that is not the number: its sign or code.
func currencyText(v string) string {
	var b strings.Builder
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.Is(unicode.Sc, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// amountCurrency reads the currency an amount cell is written in. code is the one currency it
// names; sign is set instead for a sign several currencies share ("$"); both are empty when the
// cell names none. A cell naming something else is an error.
func amountCurrency(v string) (code, sign string, err error) {
	t := currencyText(v)
	if t == "" {
		return "", "", nil
	}
	if c, ok := currencies[strings.ToUpper(t)]; ok {
		return c.Code, "", nil
	}
	k := strings.ToLower(t)
	if c, ok := currencySigns[k]; ok {
		return c, "", nil
	}
	if _, ok := sharedSigns[k]; ok {
		return "", k, nil
	}
	return "", "", Errorf(CodeInvalid, "%q is not an amount", v)
}

// plainAmount is the cell without its currency sign or code, for reading the number.
func plainAmount(v string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.Is(unicode.Sc, r) {
			return -1
		}
		return r
	}, v))
}

// signUsedBy tells whether a currency is among those a shared sign stands for.
func signUsedBy(sign, code string) bool {
	for _, c := range sharedSigns[sign] {
		if c == code {
			return true
		}
	}
	return false
}

// amountFields are the columns that hold money.
var amountFields = []Field{FieldAmount, FieldBalance, FieldPaid, FieldLineAmount, FieldUnitPrice}

// rowCurrency reads the currency a row's amounts are written in: "" when they name none, or an
// error when they disagree.
func (p *planner) rowCurrency(r *rowReader) (code, sign string, field Field, err error) {
	for _, f := range amountFields {
		v := r.get(f)
		if v == "" {
			continue
		}
		c, s, e := amountCurrency(v)
		switch {
		case e != nil:
			return "", "", f, e
		case c == "" && s == "":
		case code == "" && sign == "":
			code, sign, field = c, s, f
		case c != code || s != sign:
			return "", "", f, Errorf(CodeInvalid, "the amounts of this row are written in different currencies (%q and %q)", r.get(field), v)
		}
	}
	return code, sign, field, nil
}

// signCurrency settles a shared sign by the shop's currency (or the one the owner named).
func (p *planner) signCurrency(sign string) (string, error) {
	if signUsedBy(sign, p.defCur) {
		return p.defCur, nil
	}
	return "", Errorf(CodeInvalid, "the amounts are written with %q, which several currencies use (%s), and the file has no currency column; the shop's currency is %s, so Duebook cannot tell which is meant: add a currency column to the file, or choose the file's currency (\"Currency if not said\" on the import screen)",
		sign, strings.Join(sharedSigns[sign][:min(4, len(sharedSigns[sign]))], ", "), p.defCur)
}

// currency reads a row's currency: its currency column, else the sign or code of its amounts,
// else the shop's (or the owner's) currency.
func (p *planner) currency(r *rowReader) (Currency, bool) {
	code, sign, field, err := p.rowCurrency(r)
	if err != nil {
		r.fail(field, err)
		return Currency{}, false
	}
	if col := r.get(FieldCurrency); col != "" {
		c, err := LookupCurrency(col)
		if err != nil {
			r.fail(FieldCurrency, err)
			return Currency{}, false
		}
		if code != "" && code != c.Code || sign != "" && !signUsedBy(sign, c.Code) {
			r.fail(field, Errorf(CodeInvalid, "%q is not written in %s, the currency the row names", r.get(field), c.Code))
			return Currency{}, false
		}
		return c, true
	}
	switch {
	case code != "":
		p.signRead(currencyText(r.get(field)), code)
	case sign != "":
		if code, err = p.signCurrency(sign); err != nil {
			r.fail(field, err)
			return Currency{}, false
		}
		p.signRead(sign, code)
	default:
		code = p.defCur
	}
	c, err := LookupCurrency(code)
	if err != nil {
		r.fail(FieldCurrency, err)
		return Currency{}, false
	}
	return c, true
}

// signRead remembers how a sign was read, for one note at the end.
func (p *planner) signRead(sign, code string) {
	if p.signs == nil {
		p.signs = map[string]string{}
	}
	if _, ok := p.signs[sign]; !ok && len(p.signs) < 20 {
		p.signs[sign] = code
	}
}

// noteSigns tells how the currency was read from the amounts.
func (p *planner) noteSigns() {
	if len(p.signs) == 0 {
		return
	}
	var parts []string
	for s, c := range p.signs {
		if strings.EqualFold(s, c) {
			parts = append(parts, c)
		} else {
			parts = append(parts, fmt.Sprintf("%s is %s", s, c))
		}
	}
	sort.Strings(parts)
	p.note("the file has no currency column: each amount's currency is read from how it is written (%s)", strings.Join(parts, ", "))
}

func (p *planner) amount(r *rowReader, f Field, cur Currency) (int64, bool) {
	v := r.get(f)
	if v == "" {
		return 0, true
	}
	a, err := ParseAmount(plainAmount(v), cur, p.nf)
	if err != nil {
		r.fail(f, Errorf(CodeInvalid, "%s", strings.Replace(Sentence(err), fmt.Sprintf("%q", plainAmount(v)), fmt.Sprintf("%q", v), 1)))
		return 0, false
	}
	return a, true
}
