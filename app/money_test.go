package app

import (
	"math"
	"testing"
)

func TestParseAmount(t *testing.T) {
	eur, jpy, kwd := MustCurrency("EUR"), MustCurrency("JPY"), MustCurrency("KWD")
	cases := []struct {
		in   string
		cur  Currency
		nf   NumberFormat
		want int64
		ok   bool
	}{
		{"1,234.56", eur, FormatDot, 123456, true},
		{"1.234,56", eur, FormatComma, 123456, true},
		{"1234.5", eur, FormatDot, 123450, true},
		{"  EUR 12.00 ", eur, FormatDot, 1200, true},
		{"€12,5", eur, FormatComma, 1250, true},
		{"-7.01", eur, FormatDot, -701, true},
		{"(7.01)", eur, FormatDot, -701, true},
		{".5", eur, FormatDot, 50, true},
		{"1 234,56", eur, FormatComma, 123456, true},
		{"1234", jpy, FormatDot, 1234, true},
		{"1.5", jpy, FormatDot, 0, false},
		{"1.234", kwd, FormatDot, 1234, true},
		{"1.2345", kwd, FormatDot, 0, false},
		{"1.234", eur, FormatDot, 0, false},
		{"12,34", eur, FormatDot, 0, false},
		{"1,2,3", eur, FormatDot, 0, false},
		{"", eur, FormatDot, 0, false},
		{"abc", eur, FormatDot, 0, false},
		{"=1+2", eur, FormatDot, 0, false},
		{"1e5", eur, FormatDot, 0, false},
		{"99999999999999999999", eur, FormatDot, 0, false},
		{"100000000000.01", eur, FormatDot, 0, false},
		{"100000000000.00", eur, FormatDot, MaxAmount, true},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in, c.cur, c.nf)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseAmount(%q, %s) = %d, %v; want %d ok=%v", c.in, c.cur.Code, got, err, c.want, c.ok)
		}
		if err != nil && CodeOf(err) != CodeInvalid {
			t.Errorf("ParseAmount(%q) error code %s", c.in, CodeOf(err))
		}
	}
}

func TestFormatMinor(t *testing.T) {
	cases := []struct {
		v    int64
		cur  string
		nf   NumberFormat
		want string
	}{
		{123456, "EUR", FormatDot, "1,234.56"},
		{123456, "EUR", FormatComma, "1.234,56"},
		{5, "EUR", FormatDot, "0.05"},
		{-5, "EUR", FormatDot, "-0.05"},
		{1234567, "JPY", FormatDot, "1,234,567"},
		{1234, "KWD", FormatDot, "1.234"},
		{0, "USD", FormatDot, "0.00"},
		{math.MinInt64, "USD", FormatDot, "-92,233,720,368,547,758.08"},
	}
	for _, c := range cases {
		if got := FormatMinor(c.v, MustCurrency(c.cur), c.nf); got != c.want {
			t.Errorf("FormatMinor(%d %s) = %q, want %q", c.v, c.cur, got, c.want)
		}
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	for _, code := range []string{"EUR", "JPY", "KWD", "CLF"} {
		cur := MustCurrency(code)
		for _, nf := range []NumberFormat{FormatDot, FormatComma} {
			for _, v := range []int64{0, 1, 99, 100, 123456789, MaxAmount, -42} {
				back, err := ParseAmount(FormatMinor(v, cur, nf), cur, nf)
				if err != nil || back != v {
					t.Errorf("%s %v: %d -> %q -> %d, %v", code, nf, v, FormatMinor(v, cur, nf), back, err)
				}
			}
		}
	}
}

func TestAddAmountsOverflow(t *testing.T) {
	if _, err := AddAmounts(math.MaxInt64, 1); err == nil {
		t.Fatal("overflow not reported")
	}
	if _, err := AddAmounts(math.MinInt64, -1); err == nil {
		t.Fatal("underflow not reported")
	}
	if s, err := AddAmounts(2, 3); err != nil || s != 5 {
		t.Fatal(s, err)
	}
	if _, err := MulAmount(math.MaxInt64/2+1, 2); err == nil {
		t.Fatal("product overflow not reported")
	}
}

func TestLookupCurrency(t *testing.T) {
	if c, err := LookupCurrency(" eur "); err != nil || c.Exponent != 2 {
		t.Fatal(c, err)
	}
	if c := MustCurrency("JPY"); c.Exponent != 0 {
		t.Fatal(c)
	}
	if c := MustCurrency("KWD"); c.Exponent != 3 {
		t.Fatal(c)
	}
	if _, err := LookupCurrency("XYZ"); err == nil || CodeOf(err) != CodeInvalid {
		t.Fatal("unknown code accepted")
	}
}

func TestGuessNumberFormat(t *testing.T) {
	cases := []struct {
		in               []string
		want             NumberFormat
		decided, contrad bool
	}{
		{[]string{"1,234.56", "12"}, FormatDot, true, false},
		{[]string{"1.234,56"}, FormatComma, true, false},
		{[]string{"12,5"}, FormatComma, true, false},
		{[]string{"12.50"}, FormatDot, true, false},
		{[]string{"1.234.567"}, FormatComma, true, false},
		{[]string{"100", "200"}, FormatDot, false, false},
		{[]string{"12.50", "12,50"}, FormatDot, false, true},
	}
	for _, c := range cases {
		nf, d, x := GuessNumberFormat(c.in)
		if nf != c.want || d != c.decided || x != c.contrad {
			t.Errorf("GuessNumberFormat(%v) = %v %v %v", c.in, nf, d, x)
		}
	}
}

func TestMulDivRound(t *testing.T) {
	cases := []struct{ a, b, d, want int64 }{
		{1, 1, 2, 1},   // 0.5 -> 1
		{1, 1, 3, 0},   // 0.33 -> 0
		{-1, 1, 2, -1}, // half away from zero
		{1500, 199, 1000, 299},
		{10000, 1900, 10000, 1900},
	}
	for _, c := range cases {
		if got, err := MulDivRound(c.a, c.b, c.d); err != nil || got != c.want {
			t.Errorf("MulDivRound(%d,%d,%d) = %d, %v; want %d", c.a, c.b, c.d, got, err, c.want)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1,234.56", "1.234,56", "-0.01", "(3)", "€ 5", "1e9", "", "٣"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, dot bool) {
		nf := FormatComma
		if dot {
			nf = FormatDot
		}
		cur := MustCurrency("EUR")
		v, err := ParseAmount(s, cur, nf)
		if err != nil {
			if CodeOf(err) != CodeInvalid {
				t.Fatalf("%q: error without code: %v", s, err)
			}
			return
		}
		if v > MaxAmount || v < -MaxAmount {
			t.Fatalf("%q parsed to %d, beyond MaxAmount", s, v)
		}
		back, err := ParseAmount(FormatMinor(v, cur, nf), cur, nf)
		if err != nil || back != v {
			t.Fatalf("%q -> %d does not round-trip: %v", s, v, err)
		}
	})
}
