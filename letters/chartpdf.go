package letters

import (
	"math"

	"github.com/jung-kurt/gofpdf"

	"duebook/app"
	"duebook/app/chart"
)

// PlacedChart is a chart drawn into a box of a page, in mm; Lang picks the number format of its
// axis labels.
type PlacedChart struct {
	X, Y, W, H float64
	Chart      chart.Chart
	Lang       string
}

type rgb struct{ r, g, b int }

// roleColours are dark enough to print on a grey-scale laser and tell apart from each other.
var roleColours = map[chart.Role]rgb{
	chart.Good: {46, 125, 50}, chart.Bad: {198, 40, 40}, chart.Neutral: {96, 125, 139},
	chart.Accent: {21, 101, 192}, chart.Muted: {176, 190, 197},
}

var (
	gridColour = rgb{220, 220, 220}
	markColour = rgb{253, 226, 226} // the band behind a marked category
	inkColour  = rgb{0, 0, 0}
)

func colourOf(r chart.Role) rgb {
	if c, ok := roleColours[r]; ok {
		return c
	}
	return roleColours[chart.Neutral]
}

// seriesColours colour each series by its role, a darker shade for each further series of a
// role already used, so two series of one role stay apart; the overlay comes last.
func seriesColours(c chart.Chart) []rgb {
	all := c.Series
	if c.Overlay != nil {
		all = append(append([]chart.Series(nil), all...), *c.Overlay)
	}
	seen := map[chart.Role]int{}
	out := make([]rgb, len(all))
	for i, s := range all {
		k := seen[s.Role]
		seen[s.Role]++
		base := colourOf(s.Role)
		f := math.Pow(0.65, float64(k))
		out[i] = rgb{int(float64(base.r) * f), int(float64(base.g) * f), int(float64(base.b) * f)}
	}
	return out
}

// chartText are the words a chart prints, for the font check.
func chartText(c chart.Chart) []string {
	out := append([]string{c.Title, c.Unit, c.Note}, c.Categories...)
	for _, s := range c.Series {
		out = append(out, s.Name)
	}
	if c.Overlay != nil {
		out = append(out, c.Overlay.Name)
	}
	return out
}

// plot is the geometry of one chart's drawing area.
type plot struct {
	pdf        *gofpdf.Fpdf
	x, y, w, h float64 // the area the values are drawn in
	lo, hi     float64
	n          int
}

func (p plot) yOf(v float64) float64 { return p.y + p.h - (v-p.lo)/(p.hi-p.lo)*p.h }
func (p plot) slot() float64         { return p.w / float64(p.n) }
func (p plot) mid(i int) float64     { return p.x + (float64(i)+0.5)*p.slot() }

func (p plot) fill(c rgb)   { p.pdf.SetFillColor(c.r, c.g, c.b) }
func (p plot) stroke(c rgb) { p.pdf.SetDrawColor(c.r, c.g, c.b) }
func (p plot) ink(c rgb)    { p.pdf.SetTextColor(c.r, c.g, c.b) }

// text writes s with its line box's top at y; align is 'L', 'C' or 'R' around x.
func (p plot) text(x, y float64, s string, size float64, bold bool, align byte) {
	w := Width(s, size, bold)
	switch align {
	case 'C':
		x -= w / 2
	case 'R':
		x -= w
	}
	p.pdf.SetFont("NotoSans", "", size)
	if bold {
		p.pdf.SetTextRenderingMode(2)
		p.pdf.SetLineWidth(size * ptToMM * boldStroke)
	}
	p.pdf.Text(x, y+size*ptToMM*0.95, s)
	if bold {
		p.pdf.SetTextRenderingMode(0)
	}
}

// drawChart draws a chart into its box with vector shapes: what the window shows, on paper.
func drawChart(pdf *gofpdf.Fpdf, pc PlacedChart) {
	c := pc.Chart
	if c.Check() != nil || len(c.Categories) == 0 {
		return
	}
	lo, hi := c.Range()
	ticks := chart.Ticks(lo, hi, 5)
	labels := tickLabels(ticks, app.NumberFormatFor(pc.Lang))
	labelW := 0.0
	for _, l := range labels {
		labelW = math.Max(labelW, Width(l, 6.5, false))
	}
	p := plot{pdf: pdf, x: pc.X + labelW + 2, y: pc.Y + 10, lo: ticks[0], hi: ticks[len(ticks)-1], n: len(c.Categories)}
	p.w = pc.X + pc.W - p.x
	p.h = pc.H - 10 - 8 - 5 // title and unit, category labels, legend
	if c.Note != "" {
		p.h -= 4
	}
	p.ink(inkColour)
	p.text(pc.X, pc.Y, c.Title, 9, true, 'L')
	p.text(p.x-1.5, pc.Y+4.6, c.Unit, 6.5, false, 'R')
	for i, m := range c.Marked {
		if m {
			p.fill(markColour)
			pdf.Rect(p.x+float64(i)*p.slot(), p.y, p.slot(), p.h, "F")
		}
	}
	pdf.SetLineWidth(0.15)
	for i, t := range ticks {
		p.stroke(gridColour)
		pdf.Line(p.x, p.yOf(t), p.x+p.w, p.yOf(t))
		p.text(p.x-1.5, p.yOf(t)-1.4, labels[i], 6.5, false, 'R')
	}
	cols := seriesColours(c)
	switch c.Kind {
	case chart.Stacked:
		p.stacked(c.Series, cols)
	case chart.Lines:
		for i, s := range c.Series {
			p.line(s, cols[i], pc.Lang, true)
		}
	default:
		p.bars(c.Series, cols)
	}
	if c.Overlay != nil {
		p.line(*c.Overlay, cols[len(cols)-1], pc.Lang, false)
	}
	p.stroke(inkColour)
	pdf.SetLineWidth(0.25)
	pdf.Line(p.x, p.yOf(0), p.x+p.w, p.yOf(0))
	p.categories(c.Categories)
	p.legend(c, cols, pc.X, p.y+p.h+8.5)
	if c.Note != "" {
		p.ink(inkColour)
		p.text(pc.X, p.y+p.h+13, c.Note, 7, false, 'L')
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
}

// tickLabels writes the axis values in the reader's number format, with decimals only when
// the steps need them.
func tickLabels(ticks []float64, nf app.NumberFormat) []string {
	exp := 0
	for _, t := range ticks {
		if math.Abs(t-math.Round(t)) > 1e-9 {
			exp = 2
		}
	}
	out := make([]string, len(ticks))
	for i, t := range ticks {
		out[i] = app.FormatMinor(int64(math.Round(t*math.Pow10(exp))), app.Currency{Exponent: exp}, nf)
	}
	return out
}

func (p plot) bars(series []chart.Series, cols []rgb) {
	if len(series) == 0 {
		return
	}
	group := p.slot() * 0.72
	bw := group / float64(len(series))
	for i := 0; i < p.n; i++ {
		left := p.mid(i) - group/2
		for j, s := range series {
			v := s.Values[i]
			if math.IsNaN(v) || v == 0 {
				continue
			}
			p.fill(cols[j])
			top, bottom := p.yOf(math.Max(v, 0)), p.yOf(math.Min(v, 0))
			p.pdf.Rect(left+float64(j)*bw, top, bw, bottom-top, "F")
		}
	}
}

func (p plot) stacked(series []chart.Series, cols []rgb) {
	bw := p.slot() * 0.6
	for i := 0; i < p.n; i++ {
		var pos, neg float64
		for j, s := range series {
			v := s.Values[i]
			if math.IsNaN(v) || v == 0 {
				continue
			}
			base := &pos
			if v < 0 {
				base = &neg
			}
			a, b := p.yOf(*base), p.yOf(*base+v)
			*base += v
			p.fill(cols[j])
			p.pdf.Rect(p.mid(i)-bw/2, math.Min(a, b), bw, math.Abs(b-a), "F")
		}
	}
}

// line joins the values of s, broken where a value is missing; with labels each point's value
// is written above it.
func (p plot) line(s chart.Series, col rgb, lang string, labels bool) {
	p.stroke(col)
	p.fill(col)
	p.pdf.SetLineWidth(0.5)
	nf := app.NumberFormatFor(lang)
	prev := -1
	for i, v := range s.Values {
		if math.IsNaN(v) {
			prev = -1
			continue
		}
		if prev >= 0 {
			p.pdf.Line(p.mid(prev), p.yOf(s.Values[prev]), p.mid(i), p.yOf(v))
		}
		p.pdf.Circle(p.mid(i), p.yOf(v), 0.7, "F")
		if labels {
			p.ink(inkColour)
			p.text(p.mid(i), p.yOf(v)-4, tickLabels([]float64{v}, nf)[0], 6, false, 'C')
		}
		prev = i
	}
}

// categories writes the labels under the slots, on two lines when one is too narrow, and
// every k-th one when they would still collide.
func (p plot) categories(cats []string) {
	lines := make([][]string, len(cats))
	widest := 0.0
	for i, c := range cats {
		lines[i] = []string{c}
		if Width(c, 6.5, false) > p.slot()-1 {
			if ws := Wrap(c, p.slot()-1, 6.5, false); len(ws) == 2 {
				lines[i] = ws
			}
		}
		for _, l := range lines[i] {
			widest = math.Max(widest, Width(l, 6.5, false))
		}
	}
	step := int(math.Ceil((widest + 1.5) / p.slot()))
	p.ink(inkColour)
	for i := 0; i < len(cats); i += max(step, 1) {
		for j, l := range lines[i] {
			p.text(p.mid(i), p.y+p.h+0.8+float64(j)*3, l, 6.5, false, 'C')
		}
	}
}

// legend lays the series' swatches and names in one row.
func (p plot) legend(c chart.Chart, cols []rgb, x, y float64) {
	all := c.Series
	if c.Overlay != nil {
		all = append(append([]chart.Series(nil), all...), *c.Overlay)
	}
	for i, s := range all {
		p.fill(cols[i])
		p.pdf.Rect(x, y+0.8, 3, 2.2, "F")
		p.ink(inkColour)
		p.text(x+4, y, s.Name, 7, false, 'L')
		x += 4 + Width(s.Name, 7, false) + 5
	}
}
