package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app/chart"
)

// ChartView draws a chart.Chart with Fyne's canvas: a value axis with round ticks, the
// categories along the bottom, a legend, marked categories shaded as warnings. Colours come
// from the theme by the series' role, so the chart reads in light and dark themes alike. A tap
// on a bar (or, on a line chart, on a category) calls OnTap with the category's key and the
// series' name, for a drill-down.
type ChartView struct {
	widget.BaseWidget
	Chart chart.Chart
	OnTap func(key, series string)

	hits []chartHit // where the bars were drawn, for taps
}

// chartHit is the area of one bar: its category and series.
type chartHit struct {
	pos, size fyne.Size
	cat       int
	series    string
}

// NewChartView makes a chart widget; onTap may be nil.
func NewChartView(c chart.Chart, onTap func(key, series string)) *ChartView {
	v := &ChartView{Chart: c, OnTap: onTap}
	v.ExtendBaseWidget(v)
	return v
}

// SetChart shows another chart.
func (v *ChartView) SetChart(c chart.Chart) {
	v.Chart = c
	v.Refresh()
}

// Tapped finds the bar (or category) under the pointer.
func (v *ChartView) Tapped(ev *fyne.PointEvent) {
	if v.OnTap == nil {
		return
	}
	if key, series, ok := v.At(ev.Position); ok {
		v.OnTap(key, series)
	}
}

// At is the key and series of the bar at p (the first series of the category under p for a
// line chart); ok is false where nothing is drawn or the chart has no keys.
func (v *ChartView) At(p fyne.Position) (key, series string, ok bool) {
	for _, h := range v.hits {
		if p.X >= h.pos.Width && p.X <= h.pos.Width+h.size.Width && p.Y >= h.pos.Height && p.Y <= h.pos.Height+h.size.Height {
			if h.cat < len(v.Chart.Keys) {
				return v.Chart.Keys[h.cat], h.series, true
			}
		}
	}
	return "", "", false
}

// BarCenter is where the bar of category cat and series named series was drawn (its middle),
// for tests and keyboard-free checks; ok is false when there is none.
func (v *ChartView) BarCenter(cat int, series string) (fyne.Position, bool) {
	for _, h := range v.hits {
		if h.cat == cat && h.series == series {
			return fyne.NewPos(h.pos.Width+h.size.Width/2, h.pos.Height+h.size.Height/2), true
		}
	}
	return fyne.Position{}, false
}

// MinSize leaves room for the legend, a readable plot and the labels.
func (v *ChartView) MinSize() fyne.Size { return fyne.NewSize(320, 240) }

func (v *ChartView) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{v: v}
	r.Refresh()
	return r
}

// roleColor is the theme's colour for a series role; the nth other series of the same role in
// one chart is drawn lighter, so two series never look alike.
func roleColor(role chart.Role, nth int) color.Color {
	var c color.Color
	switch role {
	case chart.Good:
		c = theme.Color(theme.ColorNameSuccess)
	case chart.Bad:
		c = theme.Color(theme.ColorNameError)
	case chart.Accent:
		c = theme.Color(theme.ColorNamePrimary)
	case chart.Muted:
		c = theme.Color(theme.ColorNamePlaceHolder)
	default:
		c = theme.Color(theme.ColorNameWarning)
	}
	if nth == 0 {
		return c
	}
	return mix(c, theme.Color(theme.ColorNameBackground), math.Min(0.6, 0.3*float64(nth)))
}

// mix blends a towards b by t (0..1).
func mix(a, b color.Color, t float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	f := func(x, y uint32) uint8 { return uint8((float64(x)*(1-t) + float64(y)*t) / 257) }
	return color.NRGBA{f(ar, br), f(ag, bg), f(ab, bb), 0xff}
}

// seriesColors gives each series (and the overlay, last) its colour.
func seriesColors(ch chart.Chart) []color.Color {
	seen := map[chart.Role]int{}
	var out []color.Color
	all := ch.Series
	if ch.Overlay != nil {
		all = append(append([]chart.Series(nil), all...), *ch.Overlay)
	}
	for _, s := range all {
		out = append(out, roleColor(s.Role, seen[s.Role]))
		seen[s.Role]++
	}
	return out
}

// compact writes an axis value short: 1.5k, 12k, 2.4M; percentages and days as they are.
func compact(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e6:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/1e6), ".0") + "M"
	case a >= 1e4:
		return fmt.Sprintf("%.0fk", v/1e3)
	case a >= 1e3:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/1e3), ".0") + "k"
	case a == math.Trunc(a):
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.1f", v)
	}
}
