package app

import (
	"fmt"
	"strings"
)

// DateStyle is how the owner types and reads dates in the window: the way of the shop's country.
// An ISO date (2026-11-22) is understood in every style.
type DateStyle string

const (
	DateISO  DateStyle = ""      // 2026-11-22: no country, or one that writes ISO dates
	DateDots DateStyle = "d.m.y" // 22.11.2026: Germany, Austria, Switzerland and their neighbours
	DateDMY  DateStyle = "d/m/y" // 22/11/2026: the United Kingdom and most of Europe and the world
	DateMDY  DateStyle = "m/d/y" // 11/22/2026: the United States
)

// The countries that do not write day/month/year with slashes.
const (
	dotCountries = " DE AT CH LI CZ SK PL DK NO FI IS EE LV RU UA BY TR RS HR SI BA ME MK BG RO AZ GE KZ KG "
	mdyCountries = " US PR GU VI AS MP UM FM MH PW "
	isoCountries = " SE LT HU CN JP KR TW MN "
)

// DateStyleFor is the style of a shop in country (its two-letter code).
func DateStyleFor(country string) DateStyle {
	c := " " + strings.ToUpper(strings.TrimSpace(country)) + " "
	switch {
	case strings.TrimSpace(c) == "":
		return DateISO
	case strings.Contains(dotCountries, c):
		return DateDots
	case strings.Contains(mdyCountries, c):
		return DateMDY
	case strings.Contains(isoCountries, c):
		return DateISO
	}
	return DateDMY
}

// Format writes a date in the style; the zero date writes "".
func (s DateStyle) Format(d Date) string {
	if d.IsZero() {
		return ""
	}
	switch s {
	case DateDots:
		return fmt.Sprintf("%02d.%02d.%04d", d.Day(), int(d.Month()), d.Year())
	case DateDMY:
		return fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year())
	case DateMDY:
		return fmt.Sprintf("%02d/%02d/%04d", int(d.Month()), d.Day(), d.Year())
	}
	return d.String()
}

// Hint is the style written out for a field's placeholder, e.g. "DD.MM.YYYY".
func (s DateStyle) Hint() string {
	switch s {
	case DateDots:
		return "DD.MM.YYYY"
	case DateDMY:
		return "DD/MM/YYYY"
	case DateMDY:
		return "MM/DD/YYYY"
	}
	return "YYYY-MM-DD"
}

// example is 22 November 2026 in the style, for sentences that show how to write a date.
func (s DateStyle) example() string { return s.Format(MustDate("2026-11-22")) }

// Parse reads a date typed in the style: ISO always; dots always day first; slashes (or dashes)
// in the order of the style. A date that only makes sense in the other order, a year of two
// digits and, in the ISO style, a slashed date that could be read both ways are refused with a
// sentence that says how to write it. Empty text is the zero date.
func (s DateStyle) Parse(text string) (Date, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Date{}, nil
	}
	p, sep, ok := splitDate(text)
	if !ok {
		return Date{}, Errorf(CodeInvalid, "%q is not a date; write it as %s", text, s.example())
	}
	if len(p[0]) == 4 {
		return dateFromParts(text, p[0], p[1], p[2])
	}
	if len(p[2]) != 4 {
		return Date{}, Errorf(CodeInvalid, "%q: write the year with four digits, e.g. %s", text, s.example())
	}
	order := OrderDMY
	switch {
	case sep == '.':
	case s == DateMDY:
		order = OrderMDY
	case s == DateISO:
		if ev := DateOrderEvidence(text); len(ev) != 1 {
			return Date{}, Errorf(CodeInvalid, "%q could be day/month or month/day; write it as %s", text, s.example())
		} else {
			order = ev[0]
		}
	}
	d, err := ParseDate(text, order)
	if err == nil {
		return d, nil
	}
	if other := swapOrder(order); len(DateOrderEvidence(text)) == 1 {
		if alt, aerr := ParseDate(text, other); aerr == nil {
			return Date{}, Errorf(CodeInvalid, "%q is not a date written %s; for %s write %s", text, orderWords(order), alt.Long(), s.Format(alt))
		}
	}
	return Date{}, Errorf(CodeInvalid, "%q is not a date on the calendar; write it as %s", text, s.example())
}

func swapOrder(o DateOrder) DateOrder {
	if o == OrderMDY {
		return OrderDMY
	}
	return OrderMDY
}

func orderWords(o DateOrder) string {
	if o == OrderMDY {
		return "month/day/year"
	}
	return "day/month/year"
}

// Long writes a date with the month's English name, "22 November 2026", where the order of
// numbers could mislead.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year())
}
