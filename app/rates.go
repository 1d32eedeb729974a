package app

import (
	"fmt"
	"sort"
	"strings"
)

// Rate series in the rate table.
const (
	SeriesDEBase = "DE-base"  // Bundesbank base rate (BGB 247), set for each half-year
	SeriesECB    = "ECB-ref"  // ECB main refinancing rate on 1 January / 1 July (Directive 2011/7/EU)
	SeriesBoE    = "BoE-bank" // Bank of England Bank Rate, changed on any day
)

// RateSeries lists the series in the order they are shown.
var RateSeries = []string{SeriesDEBase, SeriesECB, SeriesBoE}

// ParseSeries reads a series name, forgiving case and the short names DE, ECB and BoE.
func ParseSeries(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "de-base", "de", "base", "basiszins", "bundesbank":
		return SeriesDEBase, nil
	case "ecb-ref", "ecb", "eu", "ezb":
		return SeriesECB, nil
	case "boe-bank", "boe", "uk", "bank rate", "bankrate":
		return SeriesBoE, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a rate table; use %s, %s or %s", s, SeriesDEBase, SeriesECB, SeriesBoE)
}

// halfYearly tells a series whose rate is fixed for each half-year (from 1 January and 1 July).
func halfYearly(series string) bool { return series == SeriesDEBase || series == SeriesECB }

// Rate sources.
const (
	RateShipped = "shipped" // came with Duebook, from published figures
	RateOwner   = "owner"   // entered by the owner
)

// RatePeriod is one entry of the rate table: a reference rate in basis points for a period. An
// entry is never edited in place: a change stores a new version, and a charge names the entry
// (ID) it was computed with.
type RatePeriod struct {
	ID      int64
	Series  string
	From    Date
	To      Date // inclusive; zero: until changed
	Rate    int64
	Version int
	Source  string
}

// RateTable is the editable table of reference rates, and how far each series is known to be
// complete: past the day a series is confirmed through, no rate is assumed.
type RateTable struct {
	Periods   []RatePeriod
	Confirmed map[string]Date
}

// DefaultRates are the reference rates of the legal notes Duebook ships with, and the days they
// are confirmed through.
func DefaultRates() RateTable {
	d := MustDate
	e := func(series, from, to string, rate int64) RatePeriod {
		r := RatePeriod{Series: series, From: d(from), Rate: rate, Version: 1, Source: RateShipped}
		if to != "" {
			r.To = d(to)
		}
		return r
	}
	return RateTable{
		Periods: []RatePeriod{
			e(SeriesDEBase, "2016-07-01", "2022-12-31", -88),
			e(SeriesDEBase, "2023-01-01", "2023-06-30", 162),
			e(SeriesDEBase, "2023-07-01", "2023-12-31", 312),
			e(SeriesDEBase, "2024-01-01", "2024-06-30", 362),
			e(SeriesDEBase, "2024-07-01", "2024-12-31", 337),
			e(SeriesDEBase, "2025-01-01", "2025-06-30", 227),
			e(SeriesDEBase, "2025-07-01", "2025-12-31", 127),
			e(SeriesDEBase, "2026-01-01", "2026-06-30", 127),
			e(SeriesECB, "2023-07-01", "2023-12-31", 400),
			e(SeriesECB, "2024-01-01", "2024-06-30", 450),
			e(SeriesECB, "2024-07-01", "2024-12-31", 425),
			e(SeriesECB, "2025-01-01", "2025-06-30", 315),
			e(SeriesECB, "2025-07-01", "2025-12-31", 215),
			e(SeriesECB, "2026-01-01", "2026-06-30", 215),
			e(SeriesBoE, "2023-08-03", "2024-07-31", 525),
			e(SeriesBoE, "2024-08-01", "2024-11-06", 500),
			e(SeriesBoE, "2024-11-07", "2025-02-05", 475),
			e(SeriesBoE, "2025-02-06", "2025-05-07", 450),
			e(SeriesBoE, "2025-05-08", "2025-08-06", 425),
			e(SeriesBoE, "2025-08-07", "2025-12-17", 400),
			e(SeriesBoE, "2025-12-18", "", 375),
		},
		Confirmed: map[string]Date{SeriesDEBase: d("2026-06-30"), SeriesECB: d("2026-06-30"), SeriesBoE: d("2026-02-05")},
	}
}

// Validate refuses unknown series, absurd rates, periods that end before they start, periods of
// one series that overlap, and half-year rates that do not start on 1 January or 1 July.
// Reference rates can be negative (the German base rate was below zero from 2013 to 2022).
func (t RateTable) Validate() error {
	bySeries := map[string][]RatePeriod{}
	for _, r := range t.Periods {
		if _, err := ParseSeries(r.Series); err != nil || r.Series != strings.TrimSpace(r.Series) {
			return Errorf(CodeInvalid, "%q is not a rate table; use %s, %s or %s", r.Series, SeriesDEBase, SeriesECB, SeriesBoE)
		}
		if r.Rate < -1000 || r.Rate > 10000 {
			return Errorf(CodeInvalid, "the %s rate from %s is %s: a reference rate lies between -10 %% and 100 %%", r.Series, r.From, pct(r.Rate))
		}
		if r.From.IsZero() || (!r.To.IsZero() && r.To.Before(r.From)) {
			return Errorf(CodeInvalid, "the %s rate from %s ends before it starts", r.Series, r.From)
		}
		if halfYearly(r.Series) && !halfYearStart(r.From) {
			return Errorf(CodeInvalid, "the %s rate is set for each half-year: an entry starts on 1 January or 1 July, not %s", r.Series, r.From)
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

func halfYearStart(d Date) bool { return d.Day() == 1 && (d.Month() == 1 || d.Month() == 7) }

// halfYearEnd is the last day of the half-year d falls in.
func halfYearEnd(d Date) Date {
	if d.Month() <= 6 {
		e, _ := NewDate(d.Year(), 6, 30)
		return e
	}
	e, _ := NewDate(d.Year(), 12, 31)
	return e
}

// ConfirmedThrough is the last day the table knows the series' rate for: the day the owner or
// the shipped table confirmed, or the end of a closed entry, or the first day of an open one.
func (t RateTable) ConfirmedThrough(series string) Date {
	c := t.Confirmed[series]
	for _, r := range t.Periods {
		if r.Series != series {
			continue
		}
		end := r.To
		if end.IsZero() {
			end = r.From
		}
		if end.After(c) {
			c = end
		}
	}
	return c
}

// Lookup returns the entry of series in force on d, if the table is confirmed that far.
func (t RateTable) Lookup(series string, d Date) (RatePeriod, bool) {
	if d.After(t.ConfirmedThrough(series)) {
		return RatePeriod{}, false
	}
	for _, r := range t.Periods {
		if r.Series == series && !d.Before(r.From) && (r.To.IsZero() || !d.After(r.To)) {
			return r, true
		}
	}
	return RatePeriod{}, false
}

// Missing lists the series that have no confirmed rate for d; the app warns where the owner acts.
func (t RateTable) Missing(d Date) []string {
	var out []string
	for _, s := range RateSeries {
		if _, ok := t.Lookup(s, d); !ok {
			out = append(out, s)
		}
	}
	return out
}

// WithRate returns the table with a rate for series from a day: a half-year series gets the
// rate for that half-year; a series that changes on any day gets it until the next entry, the
// entry before it ending the day before. The table becomes confirmed through the new entry.
func (t RateTable) WithRate(series string, from Date, rate int64) (RateTable, error) {
	t = RateTable{Periods: append([]RatePeriod(nil), t.Periods...), Confirmed: t.Confirmed}
	t.sort()
	out := RateTable{Confirmed: map[string]Date{}}
	for k, v := range t.Confirmed {
		out.Confirmed[k] = v
	}
	n := RatePeriod{Series: series, From: from, Rate: rate, Source: RateOwner}
	if halfYearly(series) {
		if !halfYearStart(from) {
			return t, Errorf(CodeInvalid, "the %s rate is set for each half-year: give 1 January or 1 July, not %s", series, from)
		}
		n.To = halfYearEnd(from)
	}
	for _, r := range t.Periods {
		if r.Series != series {
			out.Periods = append(out.Periods, r)
			continue
		}
		switch {
		case r.From == from:
			n.Version = r.Version + 1
			if n.To.IsZero() {
				n.To = r.To
			}
			continue // replaced by the new version
		case r.From.Before(from) && (r.To.IsZero() || !r.To.Before(from)):
			r.To, r.ID, r.Version, r.Source = from.AddDays(-1), 0, r.Version+1, RateOwner // ends the day before
		case r.From.After(from) && n.To.IsZero():
			n.To = r.From.AddDays(-1)
		}
		out.Periods = append(out.Periods, r)
	}
	if n.Version == 0 {
		n.Version = 1
	}
	out.Periods = append(out.Periods, n)
	through := n.To
	if through.IsZero() {
		through = from
	}
	if through.After(out.Confirmed[series]) {
		out.Confirmed[series] = through
	}
	out.sort()
	return out, out.Validate()
}

// Confirm records that the series' rate is known through a day (the rate was held, not changed).
func (t RateTable) Confirm(series string, through Date) RateTable {
	out := RateTable{Periods: append([]RatePeriod(nil), t.Periods...), Confirmed: map[string]Date{}}
	for k, v := range t.Confirmed {
		out.Confirmed[k] = v
	}
	out.Confirmed[series] = through
	return out
}

// Held records that the series' rate stayed as it was through a day. A rate set per half-year
// is carried into each new half-year as an entry of its own, so every day up to through has one.
func (t RateTable) Held(series string, through Date) (RateTable, error) {
	if !halfYearly(series) {
		return t.Confirm(series, through), nil
	}
	for {
		var last RatePeriod
		for _, r := range t.Periods {
			if r.Series == series && (last.From.IsZero() || r.From.After(last.From)) {
				last = r
			}
		}
		if last.From.IsZero() || last.To.IsZero() || !last.To.Before(through) {
			break
		}
		var err error
		if t, err = t.WithRate(series, last.To.AddDays(1), last.Rate); err != nil {
			return t, err
		}
	}
	return t.Confirm(series, through), nil
}

func (t *RateTable) sort() {
	sort.SliceStable(t.Periods, func(i, j int) bool {
		a, b := t.Periods[i], t.Periods[j]
		if a.Series != b.Series {
			return a.Series < b.Series
		}
		return a.From.Before(b.From)
	})
}

// Gaps lists the days of [from, to] for which series has no confirmed rate, as ranges.
func (t RateTable) Gaps(series string, from, to Date) [][2]Date {
	var out [][2]Date
	for d := from; !d.After(to); {
		r, ok := t.Lookup(series, d)
		if ok {
			if r.To.IsZero() {
				d = minDate(to, t.ConfirmedThrough(series)).AddDays(1)
			} else {
				d = minDate(to, r.To).AddDays(1)
			}
			continue
		}
		end := d
		for end.Before(to) {
			if _, ok := t.Lookup(series, end.AddDays(1)); ok {
				break
			}
			end = end.AddDays(1)
		}
		out = append(out, [2]Date{d, end})
		d = end.AddDays(1)
	}
	return out
}

func minDate(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

// RateLabel is how a rate table is named to the owner.
func RateLabel(series string) string {
	switch series {
	case SeriesDEBase:
		return "German base rate (Bundesbank)"
	case SeriesECB:
		return "ECB main refinancing rate"
	case SeriesBoE:
		return "Bank of England Bank Rate"
	}
	return series
}

// Describe is one line per series: its entries' span and the day it is confirmed through.
func (t RateTable) Describe() []string {
	var out []string
	for _, s := range RateSeries {
		n := 0
		for _, r := range t.Periods {
			if r.Series == s {
				n++
			}
		}
		out = append(out, fmt.Sprintf("%s (%s): %d rates, confirmed through %s", s, RateLabel(s), n, t.ConfirmedThrough(s)))
	}
	return out
}
