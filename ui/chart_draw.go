package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"duebook/app/chart"
)

// chartRenderer rebuilds the drawing at each layout: a chart holds a few dozen shapes, and
// every position depends on the size.
type chartRenderer struct {
	v    *ChartView
	objs []fyne.CanvasObject
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) MinSize() fyne.Size           { return r.v.MinSize() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *chartRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

// plot is the geometry of one drawing.
type plot struct {
	x0, y0, w, h float32
	lo, hi       float64
	slot         float32
}

func (p plot) y(v float64) float32 {
	return p.y0 + p.h*float32((p.hi-v)/(p.hi-p.lo))
}

func (p plot) center(i int) float32 { return p.x0 + p.slot*(float32(i)+0.5) }

func (r *chartRenderer) Layout(size fyne.Size) {
	c := r.v.Chart
	r.objs, r.v.hits = nil, nil
	if size.Width < 10 || size.Height < 10 || c.Check() != nil || len(c.Categories) == 0 {
		if len(c.Categories) == 0 && size.Width >= 10 {
			r.text("Nothing to show yet.", fyne.NewPos(8, 8), theme.Color(theme.ColorNameForeground), false)
		}
		return
	}
	ts := theme.CaptionTextSize()
	fg := theme.Color(theme.ColorNameForeground)
	colors := seriesColors(c)
	legendH := r.legend(c, colors, size.Width, ts)
	lo, hi := c.Range()
	ticks := chart.Ticks(lo, hi, 5)
	var labelW float32
	for _, t := range ticks {
		labelW = max(labelW, fyne.MeasureText(compact(t), ts, fyne.TextStyle{}).Width)
	}
	p := plot{x0: labelW + 8, y0: legendH + ts/2, lo: ticks[0], hi: ticks[len(ticks)-1]}
	p.w = size.Width - p.x0 - 4
	p.h = size.Height - p.y0 - ts*2
	p.slot = p.w / float32(len(c.Categories))
	if p.h < 20 || p.w < 20 {
		return
	}
	for i, m := range c.Marked {
		if m {
			warn := withAlpha(theme.Color(theme.ColorNameError), 0x38)
			r.rect(warn, fyne.NewPos(p.x0+p.slot*float32(i), p.y0), fyne.NewSize(p.slot, p.h))
		}
	}
	for _, t := range ticks {
		y := p.y(t)
		r.line(theme.Color(theme.ColorNameSeparator), p.x0, y, p.x0+p.w, y, 1)
		lw := fyne.MeasureText(compact(t), ts, fyne.TextStyle{}).Width
		r.text(compact(t), fyne.NewPos(p.x0-6-lw, y-ts*0.7), fg, false)
	}
	switch c.Kind {
	case chart.Lines:
		for si, s := range c.Series {
			r.polyline(p, s.Values, colors[si], 2.5)
		}
		for i := range c.Categories {
			r.v.hits = append(r.v.hits, chartHit{pos: fyne.NewSize(p.x0+p.slot*float32(i), p.y0), size: fyne.NewSize(p.slot, p.h), cat: i, series: c.Series[0].Name})
		}
	case chart.Stacked:
		r.stacks(p, c, colors)
	default:
		r.bars(p, c, colors)
	}
	r.line(fg, p.x0, p.y(0), p.x0+p.w, p.y(0), 1)
	if c.Overlay != nil {
		r.polyline(p, c.Overlay.Values, colors[len(colors)-1], 3)
	}
	r.categories(p, c, ts, fg)
}

// bars draws the series side by side in each category.
func (r *chartRenderer) bars(p plot, c chart.Chart, colors []color.Color) {
	group := p.slot * 0.75
	bw := group / float32(len(c.Series))
	for i := range c.Categories {
		left := p.center(i) - group/2
		for si, s := range c.Series {
			if v := s.Values[i]; !math.IsNaN(v) {
				r.bar(p, i, s.Name, colors[si], left+bw*float32(si)+1, bw-2, 0, v)
			}
		}
	}
}

// stacks draws the series on top of each other, positive values up from zero, negative down.
func (r *chartRenderer) stacks(p plot, c chart.Chart, colors []color.Color) {
	bw := p.slot * 0.6
	for i := range c.Categories {
		var pos, neg float64
		for si, s := range c.Series {
			v := s.Values[i]
			if math.IsNaN(v) || v == 0 {
				continue
			}
			if v > 0 {
				r.bar(p, i, s.Name, colors[si], p.center(i)-bw/2, bw, pos, pos+v)
				pos += v
			} else {
				r.bar(p, i, s.Name, colors[si], p.center(i)-bw/2, bw, neg, neg+v)
				neg += v
			}
		}
	}
}

// bar draws one bar from value a to value b and remembers it for taps.
func (r *chartRenderer) bar(p plot, cat int, series string, col color.Color, x, w float32, a, b float64) {
	top, bottom := p.y(math.Max(a, b)), p.y(math.Min(a, b))
	h := max(bottom-top, 1)
	r.rect(col, fyne.NewPos(x, top), fyne.NewSize(max(w, 1), h))
	r.v.hits = append(r.v.hits, chartHit{pos: fyne.NewSize(x, top), size: fyne.NewSize(max(w, 1), h), cat: cat, series: series})
}

// polyline joins the values with lines, a dot on each; a NaN breaks the line.
func (r *chartRenderer) polyline(p plot, vals []float64, col color.Color, width float32) {
	var last *fyne.Position
	for i, v := range vals {
		if math.IsNaN(v) {
			last = nil
			continue
		}
		pt := fyne.NewPos(p.center(i), p.y(v))
		if last != nil {
			r.line(col, last.X, last.Y, pt.X, pt.Y, width)
		}
		dot := canvas.NewCircle(col)
		dot.Resize(fyne.NewSize(width*2.4, width*2.4))
		dot.Move(fyne.NewPos(pt.X-width*1.2, pt.Y-width*1.2))
		r.objs = append(r.objs, dot)
		last = &pt
	}
}

// categories writes the labels under the plot, leaving some out when they would overlap.
func (r *chartRenderer) categories(p plot, c chart.Chart, ts float32, fg color.Color) {
	var widest float32
	for _, l := range c.Categories {
		widest = max(widest, fyne.MeasureText(l, ts, fyne.TextStyle{}).Width)
	}
	step := 1
	for float32(step)*p.slot < widest+6 && step < len(c.Categories) {
		step++
	}
	for i := 0; i < len(c.Categories); i += step {
		w := fyne.MeasureText(c.Categories[i], ts, fyne.TextStyle{}).Width
		r.text(c.Categories[i], fyne.NewPos(p.center(i)-w/2, p.y0+p.h+2), fg, c.Marked != nil && c.Marked[i])
	}
}

// legend writes a swatch and name per series (and the overlay) on one line, then the unit; it
// returns the height it took.
func (r *chartRenderer) legend(c chart.Chart, colors []color.Color, width, ts float32) float32 {
	fg := theme.Color(theme.ColorNameForeground)
	x := float32(0)
	names := make([]string, 0, len(colors))
	for _, s := range c.Series {
		names = append(names, s.Name)
	}
	if c.Overlay != nil {
		names = append(names, c.Overlay.Name)
	}
	for i, n := range names {
		w := fyne.MeasureText(n, ts, fyne.TextStyle{}).Width
		if x+14+w > width {
			break
		}
		r.rect(colors[i], fyne.NewPos(x, ts*0.25), fyne.NewSize(10, 10))
		r.text(n, fyne.NewPos(x+14, 0), fg, false)
		x += 14 + w + 14
	}
	if c.Unit != "" {
		unit := "(" + c.Unit + ")"
		if w := fyne.MeasureText(unit, ts, fyne.TextStyle{}).Width; x+w <= width {
			r.text(unit, fyne.NewPos(width-w, 0), theme.Color(theme.ColorNamePlaceHolder), false)
		}
	}
	return ts * 1.8
}

func (r *chartRenderer) rect(col color.Color, pos fyne.Position, size fyne.Size) {
	rc := canvas.NewRectangle(col)
	rc.Move(pos)
	rc.Resize(size)
	r.objs = append(r.objs, rc)
}

func (r *chartRenderer) line(col color.Color, x1, y1, x2, y2, width float32) {
	l := canvas.NewLine(col)
	l.StrokeWidth = width
	l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	r.objs = append(r.objs, l)
}

func (r *chartRenderer) text(s string, pos fyne.Position, col color.Color, bold bool) {
	t := canvas.NewText(s, col)
	t.TextSize = theme.CaptionTextSize()
	t.TextStyle.Bold = bold
	t.Move(pos)
	t.Resize(t.MinSize())
	r.objs = append(r.objs, t)
}

// withAlpha is col made see-through, for a shaded warning behind bars.
func withAlpha(col color.Color, a uint8) color.Color {
	c := color.NRGBAModel.Convert(col).(color.NRGBA)
	c.A = a
	return c
}
