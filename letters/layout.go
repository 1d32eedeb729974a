// Package letters lays out the shop's documents (letters, agreements, statements) in one page
// model, measured with the embedded font, and draws that model to PDF. What the owner previews
// is what prints, because every back end draws the same positioned text.
package letters

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"duebook/app/chart"
	"duebook/assets"
)

// Paper is a page size in millimetres.
type Paper struct {
	Name string
	W, H float64
}

var (
	A4     = Paper{"A4", 210, 297}
	Letter = Paper{"Letter", 215.9, 279.4}
)

// Text is one line of text placed on a page: X and Y are the top left of the line box, in mm.
type Text struct {
	X, Y  float64
	W     float64 // the box width, for right alignment
	Size  float64 // points
	Bold  bool
	Right bool
	S     string
}

// Rule is a straight line, in mm.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
}

// Image is a picture (PNG or JPEG bytes) placed in a box, in mm.
type Image struct {
	X, Y, W, H float64
	Data       []byte
}

// Page is what one page holds.
type Page struct {
	Texts  []Text
	Rules  []Rule
	Images []Image
	Charts []PlacedChart
	Footer string // "1 / 2": the page of its own letter, also inside a combined print run
}

// Doc is a laid-out document.
type Doc struct {
	Paper Paper
	Title string
	Pages []*Page
}

const ptToMM = 25.4 / 72

type metrics struct {
	font *sfnt.Font
	buf  sfnt.Buffer
	mu   sync.Mutex
}

var fontMetrics = sync.OnceValue(func() *metrics {
	f, err := sfnt.Parse(assets.NotoSansRegular)
	if err != nil {
		panic("the embedded font is damaged: " + err.Error())
	}
	return &metrics{font: f}
})

// Width measures s at size points in mm, as the PDF will draw it.
func Width(s string, size float64, bold bool) float64 {
	m := fontMetrics()
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.font // bold is drawn from the regular face (see PDF), so it measures the same
	upem := float64(f.UnitsPerEm())
	var w fixed.Int26_6
	for _, r := range s {
		g, err := f.GlyphIndex(&m.buf, r)
		if err != nil || g == 0 {
			g, _ = f.GlyphIndex(&m.buf, '?')
		}
		adv, err := f.GlyphAdvance(&m.buf, g, fixed.Int26_6(f.UnitsPerEm())<<6, font.HintingNone)
		if err == nil {
			w += adv
		}
	}
	return float64(w) / 64 / upem * size * ptToMM
}

// Missing lists the characters of s the font cannot draw, so the owner is warned before
// printing instead of finding empty boxes on paper.
func Missing(s string) []rune {
	m := fontMetrics()
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || seen[r] {
			continue
		}
		if g, err := m.font.GlyphIndex(&m.buf, r); err != nil || g == 0 {
			out = append(out, r)
			seen[r] = true
		}
	}
	return out
}

// Wrap breaks s into lines no wider than w mm, at spaces; a word longer than a line is cut.
func Wrap(s string, w, size float64, bold bool) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line := ""
		for _, word := range words {
			for Width(word, size, bold) > w { // cut words that cannot fit on any line
				cut := len([]rune(word))
				for cut > 1 && Width(string([]rune(word)[:cut]), size, bold) > w {
					cut--
				}
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				lines = append(lines, string([]rune(word)[:cut]))
				word = string([]rune(word)[cut:])
			}
			try := word
			if line != "" {
				try = line + " " + word
			}
			if Width(try, size, bold) <= w {
				line = try
				continue
			}
			lines = append(lines, line)
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}

// Builder flows text down pages between margins, starting new pages as they fill.
type Builder struct {
	Doc                      *Doc
	Left, Right, Top, Bottom float64 // margins in mm
	Y                        float64
	PageLabel                string // the footer, with the page and the page count: "Page %d / %d"
	Record                   string // printed before the page label: "Record 1234·3fa9c21b"
	page                     *Page
}

// NewBuilder starts a document on paper.
func NewBuilder(paper Paper, title string) *Builder {
	b := &Builder{Doc: &Doc{Paper: paper, Title: title}, Left: 25, Right: 20, Top: 20, Bottom: 25}
	b.NewPage()
	return b
}

// NewPage starts a page.
func (b *Builder) NewPage() {
	b.page = &Page{}
	b.Doc.Pages = append(b.Doc.Pages, b.page)
	b.Y = b.Top
}

// Width is the text width between the margins.
func (b *Builder) Width() float64 { return b.Doc.Paper.W - b.Left - b.Right }

// lineHeight is the distance between lines of a size.
func lineHeight(size float64) float64 { return size * ptToMM * 1.35 }

// Finish numbers the pages of the document.
func (b *Builder) Finish() *Doc {
	label := b.PageLabel
	if label == "" {
		label = "%d / %d"
	}
	for i, p := range b.Doc.Pages {
		p.Footer = fmt.Sprintf(label, i+1, len(b.Doc.Pages))
		if b.Record != "" {
			p.Footer = b.Record + "     " + p.Footer
		}
	}
	return b.Doc
}

// Room makes sure h mm fit on the page, starting a new one when they do not.
func (b *Builder) Room(h float64) {
	if b.Y+h > b.Doc.Paper.H-b.Bottom {
		b.NewPage()
	}
}

// Put places one line at an absolute position on the current page.
func (b *Builder) Put(t Text) { b.page.Texts = append(b.page.Texts, t) }

// Line draws a rule on the current page.
func (b *Builder) Line(x1, y1, x2, y2 float64) {
	b.page.Rules = append(b.page.Rules, Rule{x1, y1, x2, y2, 0.2})
}

// Chart places a chart h mm high across the text width, on a new page when it does not fit.
func (b *Builder) Chart(c chart.Chart, h float64, lang string) {
	b.Room(h)
	b.page.Charts = append(b.page.Charts, PlacedChart{X: b.Left, Y: b.Y, W: b.Width(), H: h, Chart: c, Lang: lang})
	b.Y += h + 3
}

// Para flows a paragraph, wrapped to the text width, followed by space.
func (b *Builder) Para(s string, size float64, bold bool) {
	for _, line := range Wrap(s, b.Width(), size, bold) {
		b.Room(lineHeight(size))
		b.Put(Text{X: b.Left, Y: b.Y, W: b.Width(), Size: size, Bold: bold, S: line})
		b.Y += lineHeight(size)
	}
	b.Y += lineHeight(size) * 0.5
}

// Column is one column of a table: its share of the width and whether it is right-aligned.
type Column struct {
	Title string
	Share float64
	Right bool
}

// Table flows a table with a header row repeated on every page it continues onto.
func (b *Builder) Table(cols []Column, rows [][]string, size float64) {
	var total float64
	for _, c := range cols {
		total += c.Share
	}
	h := lineHeight(size) + 1
	header := func() {
		b.Room(2 * h)
		x := b.Left
		for _, c := range cols {
			w := b.Width() * c.Share / total
			b.Put(Text{X: x, Y: b.Y, W: w - 2, Size: size, Bold: true, Right: c.Right, S: fit(c.Title, w-2, size)})
			x += w
		}
		b.Y += h
		b.Line(b.Left, b.Y-0.8, b.Left+b.Width(), b.Y-0.8)
	}
	header()
	for _, r := range rows {
		if b.Y+h > b.Doc.Paper.H-b.Bottom {
			b.NewPage()
			header()
		}
		x := b.Left
		for i, c := range cols {
			w := b.Width() * c.Share / total
			cell := ""
			if i < len(r) {
				cell = fit(r[i], w-2, size)
			}
			b.Put(Text{X: x, Y: b.Y, W: w - 2, Size: size, Right: c.Right, S: cell})
			x += w
		}
		b.Y += h
	}
	b.Y += h * 0.5
}

// fit shortens s visibly (with an ellipsis) so it fits w mm.
func fit(s string, w, size float64) string {
	if Width(s, size, false) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && Width(string(r)+"…", size, false) > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
