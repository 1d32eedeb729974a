package app

import (
	"math"
	"strings"
	"unicode"
)

// MaxAmount bounds a single amount in minor units. It keeps sums of a million such amounts far from
// int64 overflow while allowing any sum a small shop will see (10^13 cents is 100 billion).
const MaxAmount int64 = 10_000_000_000_000

// Money is an amount in minor units of a currency. No float ever holds money.
type Money struct {
	Amount   int64
	Currency string
}

// AddAmounts adds minor-unit amounts and reports overflow instead of wrapping.
func AddAmounts(a, b int64) (int64, error) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, Errorf(CodeInvalid, "the sum is too large to keep")
	}
	return s, nil
}

// MulAmount multiplies an amount by a whole number, reporting overflow.
func MulAmount(a, n int64) (int64, error) {
	if a == 0 || n == 0 {
		return 0, nil
	}
	p := a * n
	if p/n != a || (a == -1 && n == math.MinInt64) || (n == -1 && a == math.MinInt64) {
		return 0, Errorf(CodeInvalid, "the amount is too large to keep")
	}
	return p, nil
}

// NumberFormat says how numbers are written: "1,234.56" has Decimal '.' and Group ','.
type NumberFormat struct {
	Decimal rune
	Group   rune
}

var (
	FormatDot   = NumberFormat{Decimal: '.', Group: ','} // 1,234.56 (English)
	FormatComma = NumberFormat{Decimal: ',', Group: '.'} // 1.234,56 (German and most of Europe)
)

// NumberFormatFor returns the usual number format of a language ("en", "de", ...).
func NumberFormatFor(lang string) NumberFormat {
	switch strings.ToLower(lang) {
	case "de", "fr", "es", "it", "nl", "pt", "da", "nb", "sv", "fi", "pl", "cs", "ru", "tr", "el":
		return FormatComma
	}
	return FormatDot
}

// FormatMinor writes an amount with the currency's minor digits, e.g. 123456 EUR -> "1,234.56".
func FormatMinor(amount int64, cur Currency, nf NumberFormat) string {
	neg := amount < 0
	u := uint64(amount)
	if neg {
		u = uint64(-amount) // MinInt64 stays correct through uint64
	}
	digits := []byte(uintToString(u))
	for len(digits) <= cur.Exponent {
		digits = append([]byte{'0'}, digits...)
	}
	intPart := digits[:len(digits)-cur.Exponent]
	frac := digits[len(digits)-cur.Exponent:]
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && nf.Group != 0 {
			b.WriteRune(nf.Group)
		}
		b.WriteByte(d)
	}
	if cur.Exponent > 0 {
		b.WriteRune(nf.Decimal)
		b.Write(frac)
	}
	return b.String()
}

// Decimal writes an amount as an exact machine-readable decimal ("1234.56"), for CSV and JSON.
func Decimal(amount int64, cur Currency) string {
	return FormatMinor(amount, cur, NumberFormat{Decimal: '.'})
}

// FormatMoney writes "EUR 1,234.56".
func FormatMoney(m Money, nf NumberFormat) string {
	cur, err := LookupCurrency(m.Currency)
	if err != nil {
		cur = Currency{Code: m.Currency, Exponent: 2}
	}
	return cur.Code + " " + FormatMinor(m.Amount, cur, nf)
}

func uintToString(u uint64) string {
	if u == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for u > 0 {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
	}
	return string(buf[i:])
}

// ParseAmount reads an amount the owner typed or a file holds, in the given number format, and
// returns minor units of cur. It accepts a leading sign, surrounding currency symbols or the
// currency code, grouping separators in their proper places, and at most as many decimals as the
// currency has. Anything else is refused with a sentence.
func ParseAmount(text string, cur Currency, nf NumberFormat) (int64, error) {
	orig := text
	s := strings.TrimSpace(text)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.ToUpper(s), cur.Code), cur.Code))
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.Is(unicode.Sc, r) || unicode.IsSpace(r) })
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") { // accounting notation
		neg, s = true, s[1:len(s)-1]
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		neg, s = !neg, strings.TrimLeft(strings.TrimPrefix(s, "-"), "−")
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.Is(unicode.Sc, r) || unicode.IsSpace(r) })
	if s == "" {
		return 0, Errorf(CodeInvalid, "%q is not an amount", orig)
	}
	intPart, frac := s, ""
	if i := strings.LastIndexFunc(s, func(r rune) bool { return r == nf.Decimal }); i >= 0 {
		intPart, frac = s[:i], s[i+len(string(nf.Decimal)):]
	}
	// Grouping: allowed only between groups of exactly three digits (also a space or apostrophe).
	groups := strings.FieldsFunc(intPart, func(r rune) bool {
		return r == nf.Group || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\''
	})
	if len(groups) == 0 {
		groups = []string{"0"}
	}
	if len(groups) > 1 {
		if strings.Join(groups, "") == "" || len(groups[0]) > 3 {
			return 0, Errorf(CodeInvalid, "%q is not an amount: the digit groups are not in thousands", orig)
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, Errorf(CodeInvalid, "%q is not an amount: the digit groups are not in thousands", orig)
			}
		}
	}
	digits := strings.Join(groups, "")
	if !allDigits(digits) || !allDigits(frac) || (digits == "" && frac == "") {
		return 0, Errorf(CodeInvalid, "%q is not an amount", orig)
	}
	if len(frac) > cur.Exponent {
		if cur.Exponent == 0 {
			return 0, Errorf(CodeInvalid, "%q has decimals, but %s has no minor unit", orig, cur.Code)
		}
		return 0, Errorf(CodeInvalid, "%q has more than %d decimals, which %s does not have", orig, cur.Exponent, cur.Code)
	}
	frac += strings.Repeat("0", cur.Exponent-len(frac))
	all := strings.TrimLeft(digits+frac, "0")
	if len(all) > 18 {
		return 0, Errorf(CodeInvalid, "%q is too large an amount", orig)
	}
	var v int64
	for _, c := range all {
		v = v*10 + int64(c-'0')
	}
	if v > MaxAmount {
		return 0, Errorf(CodeInvalid, "%q is too large an amount (at most %s)", orig, FormatMinor(MaxAmount, cur, nf))
	}
	if neg {
		v = -v
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// GuessNumberFormat decides the decimal separator of a column of amounts from its unambiguous
// values ("1.234,56", "12,5", "1,234.56", "12.50"). decided is false when no value tells;
// contradictory is true when some values say one thing and others the other.
func GuessNumberFormat(values []string) (nf NumberFormat, decided bool, contradictory bool) {
	dot, comma := 0, 0
	for _, v := range values {
		v = strings.TrimSpace(v)
		li, lc := strings.LastIndexByte(v, '.'), strings.LastIndexByte(v, ',')
		switch {
		case li >= 0 && lc >= 0:
			if li > lc {
				dot++
			} else {
				comma++
			}
		case li >= 0 && (len(v)-li-1 != 3 || strings.Count(v, ".") == 1 && li == 0):
			dot++ // "12.5" or "12.50": a dot that is not a thousands separator
		case lc >= 0 && len(v)-lc-1 != 3:
			comma++
		case li >= 0 && strings.Count(v, ".") > 1:
			comma++ // "1.234.567" groups with dots
		case lc >= 0 && strings.Count(v, ",") > 1:
			dot++
		}
	}
	switch {
	case dot > 0 && comma > 0:
		return FormatDot, false, true
	case comma > 0:
		return FormatComma, true, false
	case dot > 0:
		return FormatDot, true, false
	}
	return FormatDot, false, false
}
