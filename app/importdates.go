package app

import (
	"fmt"
	"strconv"
	"strings"
)

// Two-digit years ("22/11/26") are never guessed into 20xx: 1926 and 2026 are both possible in
// a ledger. They are read only by a hundred-year window the owner names (--century 1950 reads
// 50-99 as 1950-1999 and 00-49 as 2000-2049), and the dry run shows how.

// twoDigitYear tells a written date whose year has two digits.
func twoDigitYear(v string) bool {
	p, _, ok := splitDate(strings.TrimSpace(v))
	return ok && len(p[0]) != 4 && len(p[2]) == 2
}

// withCentury writes the year of a two-digit-year date in full, in the window starting at first.
func withCentury(v string, first int) string {
	v = strings.TrimSpace(v)
	p, sep, _ := splitDate(v)
	yy, _ := strconv.Atoi(p[2])
	return p[0] + string(sep) + p[1] + string(sep) + strconv.Itoa(centuryYear(yy, first))
}

func centuryYear(yy, first int) int {
	y := first - first%100 + yy
	if y < first {
		y += 100
	}
	return y
}

// ParseCentury reads the first year of the window two-digit years are read in ("" is none).
func ParseCentury(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, Errorf(CodeInvalid, "%q is not a year; name the first year two-digit years stand for, e.g. 2000 (00-99 are 2000-2099) or 1950 (50-99 are 1950-1999, 00-49 are 2000-2049)", s)
	}
	return checkCentury(y)
}

func checkCentury(y int) (int, error) {
	if y < 1900 || y > 2900 {
		return 0, Errorf(CodeInvalid, "%d cannot start the years two-digit years stand for; use a year from 1900 to 2900, e.g. 2000", y)
	}
	return y, nil
}

// CenturyWindow says in words how two-digit years are read from first.
func CenturyWindow(first int) string {
	return fmt.Sprintf("%d to %d", first, first+99)
}

// noteCentury tells how the file's two-digit years were read, with one of them as an example.
func (p *planner) noteCentury() {
	if p.twoDigit == "" || p.opts.Century == 0 {
		return
	}
	example := p.twoDigit
	if d, err := ParseDate(withCentury(example, p.opts.Century), p.order); err == nil {
		example = fmt.Sprintf("%q is %s", p.twoDigit, d)
	} else {
		example = fmt.Sprintf("%q", p.twoDigit)
	}
	p.note("two-digit years are read as the years %s, as you chose: for example %s", CenturyWindow(p.opts.Century), example)
}
