// Package chart describes a chart as data: what is drawn, not how. The window draws a Chart with
// Fyne's canvas (bars answer a tap with the customers behind them) and the monthly report draws
// the same Chart into its PDF, so the two always show the same figures.
package chart

import (
	"fmt"
	"math"
)

// Kind is the shape of a chart.
type Kind int

const (
	Bars    Kind = iota // one bar per series side by side in each category
	Stacked             // the series stacked in one bar per category
	Lines               // one line per series across the categories
)

// Role says what a series means, so each drawing picks colours that read in light and dark
// themes and in print alike.
type Role string

const (
	Good    Role = "good"    // money in, paid, kept
	Bad     Role = "bad"     // overdue, broken, short
	Neutral Role = "neutral" // counts, the shop's own figures
	Accent  Role = "accent"  // the figure the chart is about
	Muted   Role = "muted"   // a comparison, such as the control group
)

// Series is one named row of values, one per category. A NaN value is "no data" and is not drawn.
type Series struct {
	Name   string
	Role   Role
	Values []float64
}

// Chart is one chart: categories along the bottom, series drawn over them.
type Chart struct {
	Title      string
	Kind       Kind
	Unit       string   // what the values are: "%", "days", or a currency code
	Categories []string // labels along the bottom
	// Keys identify each category for a drill-down (a stage, a week's start, an aging bucket);
	// empty when the chart has none.
	Keys   []string
	Series []Series
	// Overlay is a line drawn over bars (a running balance over receipts and bills); nil: none.
	Overlay *Series
	// Marked categories are drawn as warnings (a week where cash runs short).
	Marked []bool
	// Note is a sentence under the chart saying how to read it.
	Note string
}

// Check refuses a chart whose rows do not fit its categories: a drawing never guesses.
func (c Chart) Check() error {
	n := len(c.Categories)
	if len(c.Keys) != 0 && len(c.Keys) != n {
		return fmt.Errorf("chart %q: %d keys for %d categories", c.Title, len(c.Keys), n)
	}
	if len(c.Marked) != 0 && len(c.Marked) != n {
		return fmt.Errorf("chart %q: %d marks for %d categories", c.Title, len(c.Marked), n)
	}
	all := c.Series
	if c.Overlay != nil {
		all = append(append([]Series(nil), all...), *c.Overlay)
	}
	for _, s := range all {
		if len(s.Values) != n {
			return fmt.Errorf("chart %q: series %q has %d values for %d categories", c.Title, s.Name, len(s.Values), n)
		}
		for _, v := range s.Values {
			if math.IsInf(v, 0) {
				return fmt.Errorf("chart %q: series %q holds an infinite value", c.Title, s.Name)
			}
		}
	}
	return nil
}

// Range is the span of values the value axis must show: from at most 0 to at least the
// highest bar, stack or point (and down to the lowest, for a balance that goes negative).
func (c Chart) Range() (lo, hi float64) {
	seen := func(v float64) {
		if math.IsNaN(v) {
			return
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	for i := range c.Categories {
		if c.Kind == Stacked {
			var pos, neg float64
			for _, s := range c.Series {
				if v := s.Values[i]; !math.IsNaN(v) && v >= 0 {
					pos += v
				} else if !math.IsNaN(v) {
					neg += v
				}
			}
			seen(pos)
			seen(neg)
		} else {
			for _, s := range c.Series {
				seen(s.Values[i])
			}
		}
		if c.Overlay != nil {
			seen(c.Overlay.Values[i])
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	return lo, hi
}

// Ticks are round values for the value axis between lo and hi, about n of them.
func Ticks(lo, hi float64, n int) []float64 {
	if n < 2 || hi <= lo {
		return []float64{lo, hi}
	}
	raw := (hi - lo) / float64(n-1)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	end := math.Ceil(hi/step) * step // the axis reaches past the highest value
	for v := math.Floor(lo/step) * step; v <= end+step/1000; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}
