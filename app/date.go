package app

import (
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time of day and no time zone, so that "due on the 22nd" never
// shifts at midnight. The zero Date means "no date".
type Date struct{ t time.Time }

// NewDate returns the date, refusing impossible ones such as 2026-02-30.
func NewDate(y int, m time.Month, d int) (Date, error) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != m || t.Day() != d || y < 1900 || y > 2999 {
		return Date{}, Errorf(CodeInvalid, "%04d-%02d-%02d is not a date on the calendar", y, int(m), d)
	}
	return Date{t}, nil
}

// MustDate is NewDate for dates written in the program and its tests.
func MustDate(s string) Date {
	d, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of an instant as seen in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	t = t.In(loc)
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// ParseISODate reads YYYY-MM-DD.
func ParseISODate(s string) (Date, error) {
	// Fast path for the stored form, read millions of times by the queue.
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= 28 && y >= 1900 && y <= 2999 {
			return Date{time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)}, nil
		}
	}
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return Date{}, Errorf(CodeInvalid, "%q is not a date in the form YYYY-MM-DD", s)
	}
	return dateFromParts(s, parts[0], parts[1], parts[2])
}

func dateFromParts(orig, ys, ms, ds string) (Date, error) {
	y, e1 := strconv.Atoi(ys)
	m, e2 := strconv.Atoi(ms)
	d, e3 := strconv.Atoi(ds)
	if e1 != nil || e2 != nil || e3 != nil || !allDigits(ys+ms+ds) {
		return Date{}, Errorf(CodeInvalid, "%q is not a date", orig)
	}
	if m < 1 || m > 12 || d < 1 {
		return Date{}, Errorf(CodeInvalid, "%q is not a date on the calendar", orig)
	}
	return NewDate(y, time.Month(m), d)
}

func (d Date) IsZero() bool { return d.t.IsZero() }

// String writes YYYY-MM-DD, the form stored in the database; the zero date writes "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

func (d Date) Year() int            { return d.t.Year() }
func (d Date) Month() time.Month    { return d.t.Month() }
func (d Date) Day() int             { return d.t.Day() }
func (d Date) AddDays(n int) Date   { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) Before(o Date) bool   { return d.t.Before(o.t) }
func (d Date) After(o Date) bool    { return d.t.After(o.t) }
func (d Date) Time() time.Time      { return d.t }
func (d Date) DaysSince(o Date) int { return int(d.t.Sub(o.t).Hours() / 24) }

// DateOrder is the order of day, month and year in a written date.
type DateOrder string

const (
	OrderUnknown DateOrder = ""
	OrderDMY     DateOrder = "dmy"
	OrderMDY     DateOrder = "mdy"
	OrderYMD     DateOrder = "ymd"
)

// ParseDateOrder reads "dmy", "mdy" or "ymd".
func ParseDateOrder(s string) (DateOrder, error) {
	switch o := DateOrder(strings.ToLower(strings.TrimSpace(s))); o {
	case OrderDMY, OrderMDY, OrderYMD:
		return o, nil
	}
	return OrderUnknown, Errorf(CodeInvalid, "%q is not a date order; use dmy, mdy or ymd", s)
}

// splitDate breaks a written date into three numeric parts and its separator.
func splitDate(s string) (parts []string, sep byte, ok bool) {
	for _, c := range []byte{'-', '/', '.'} {
		if strings.Count(s, string(c)) == 2 {
			p := strings.Split(strings.TrimSuffix(s, "."), string(c))
			if len(p) == 3 && allDigits(p[0]+p[1]+p[2]) && p[0] != "" && p[1] != "" && p[2] != "" {
				return p, c, true
			}
		}
	}
	return nil, 0, false
}

// DateOrderEvidence says what one written date tells about the order of a column: the orders it
// could be written in. An ISO date or a dotted date (always day first) is unambiguous; "03/04/2026"
// could be either.
func DateOrderEvidence(s string) []DateOrder {
	p, sep, ok := splitDate(strings.TrimSpace(s))
	if !ok {
		return nil
	}
	if len(p[0]) == 4 {
		return []DateOrder{OrderYMD}
	}
	if sep == '.' {
		return []DateOrder{OrderDMY}
	}
	a, _ := strconv.Atoi(p[0])
	b, _ := strconv.Atoi(p[1])
	switch {
	case a > 12 && b <= 12:
		return []DateOrder{OrderDMY}
	case b > 12 && a <= 12:
		return []DateOrder{OrderMDY}
	case a <= 12 && b <= 12:
		return []DateOrder{OrderDMY, OrderMDY}
	}
	return nil
}

// ParseDate reads a date in ISO form or in the given order with '/', '.' or '-' separators.
// Two-digit years are read as 20yy.
func ParseDate(s string, order DateOrder) (Date, error) {
	s = strings.TrimSpace(s)
	p, _, ok := splitDate(s)
	if !ok {
		return Date{}, Errorf(CodeInvalid, "%q is not a date", s)
	}
	if len(p[0]) == 4 {
		return dateFromParts(s, p[0], p[1], p[2])
	}
	if len(p[2]) == 2 {
		p[2] = "20" + p[2]
	}
	if len(p[2]) != 4 {
		return Date{}, Errorf(CodeInvalid, "%q is not a date: the year needs four digits", s)
	}
	switch order {
	case OrderDMY:
		return dateFromParts(s, p[2], p[1], p[0])
	case OrderMDY:
		return dateFromParts(s, p[2], p[0], p[1])
	}
	return Date{}, Errorf(CodeInvalid, "%q could be day/month or month/day; name the date order", s)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
