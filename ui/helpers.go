// Package ui is Duebook's window: one file per screen, each talking only to app services.
package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// inBackground runs long work off the UI goroutine; results come back through fyne.Do. A panic
// in the work is logged and told, never the end of the program (the screens' own work also turns
// it into an error with protect, so their progress bars and buttons come back). Tests replace it
// to run the work at once, so they can check the outcome without waiting.
var inBackground = func(fn func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				logPanic(r)
				if ws := fyne.CurrentApp().Driver().AllWindows(); len(ws) > 0 {
					do(ws[0], func() { tellPanic(ws[0]) })
				}
			}
		}()
		fn()
	}()
}

// Synchronous makes long work run at once on the caller's goroutine, as the tests have it: for a
// program that drives the window with Fyne's headless driver (the guide's pictures), whose
// fyne.Do runs on the calling goroutine and would otherwise race with the drawing.
func Synchronous() { inBackground = func(fn func()) { fn() } }

// money writes an amount in the shop's number format, e.g. "EUR 1,234.56".
func money(m app.Money, nf app.NumberFormat) string { return app.FormatMoney(m, nf) }

// moneyList writes amounts in several currencies, "EUR 10.00 + USD 5.00", or "nothing".
func moneyList(ms []app.Money, nf app.NumberFormat) string {
	if len(ms) == 0 {
		return "nothing"
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = money(m, nf)
	}
	return strings.Join(parts, " + ")
}

// parseAmount reads an amount typed in the shop's format, also accepting the other decimal
// separator when the text itself shows which one is meant ("12.50" in a German shop).
func parseAmount(text string, cur app.Currency, nf app.NumberFormat) (int64, error) {
	v, err := app.ParseAmount(text, cur, nf)
	if err == nil {
		return v, nil
	}
	if other, decided, _ := app.GuessNumberFormat([]string{text}); decided && other != nf {
		if v2, err2 := app.ParseAmount(text, cur, other); err2 == nil {
			return v2, nil
		}
	}
	return 0, err
}

// bold makes a bold label.
func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// wrapped is a label that wraps its words inside its column instead of widening the window.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// cut is a label that ends in an ellipsis where its column ends.
func cut(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// nameHeading is the heading of a customer's page: a name may be long, so it wraps.
func nameHeading(text string) *widget.Label {
	l := heading(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// card is a titled box whose note (what it is for) wraps inside it: a card's own subtitle never
// wraps, and a long one widens the window.
func card(title, note string, content fyne.CanvasObject) *widget.Card {
	if note == "" {
		return widget.NewCard(title, "", content)
	}
	n := wrapped(note)
	n.TextStyle.Italic = true
	return widget.NewCard(title, "", container.NewVBox(n, content))
}

// heading makes a screen title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return app.FormatMinor(int64(n), app.Currency{}, app.FormatDot) + " " + many // 100,000 customers
}

// pager serves a virtualized list from the store one page at a time, keeping a few pages.
type pager[T any] struct {
	fetch func(offset, limit int) ([]T, error)
	count func() (int, error)
	size  int
	n     int
	pages map[int][]T
	order []int
	err   error
}

const pageSize = 100

func newPager[T any](count func() (int, error), fetch func(offset, limit int) ([]T, error)) *pager[T] {
	return &pager[T]{fetch: fetch, count: count, size: pageSize, pages: map[int][]T{}}
}

// reset forgets the pages and counts again, after a search or a change.
func (p *pager[T]) reset() error {
	p.pages, p.order = map[int][]T{}, nil
	p.n, p.err = p.count()
	return p.err
}

func (p *pager[T]) len() int { return p.n }

// at returns row i, loading its page when needed.
func (p *pager[T]) at(i int) (T, bool) {
	var zero T
	if i < 0 || i >= p.n {
		return zero, false
	}
	k := i / p.size
	page, ok := p.pages[k]
	if !ok {
		rows, err := p.fetch(k*p.size, p.size)
		if err != nil {
			p.err = err
			return zero, false
		}
		page = rows
		p.pages[k] = page
		p.order = append(p.order, k)
		if len(p.order) > 20 {
			delete(p.pages, p.order[0])
			p.order = p.order[1:]
		}
	}
	if j := i - k*p.size; j < len(page) {
		return page[j], true
	}
	return zero, false
}

// columns lays out its objects side by side with widths in proportion to weights, so list rows
// and their header line up and long cells get the room they need.
type columns []float32

func (w columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h, wd float32
	for _, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		wd += m.Width
	}
	return fyne.NewSize(wd, h)
}

func (w columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objs {
		total += w[i%len(w)]
	}
	x := float32(0)
	for i, o := range objs {
		width := size.Width * w[i%len(w)] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(width, size.Height))
		x += width
	}
}

// invoiceColumns are the proportions of the invoice list: number, customer, due, amount, open, state.
var invoiceColumns = columns{1.1, 1.8, 1, 1.1, 1.1, 1.9}

// openFile opens a file in the program the system uses for it, or shows where it is.
func openFile(path string, win fyne.Window) { openOrShowPath(path, win) }

// maxWidth lays out one object centred and no wider than w (or its own minimum): a form stays
// readable in a wide window and still fits a narrow one.
type maxWidth struct{ w float32 }

func newMaxWidth(w float32, obj fyne.CanvasObject) *fyne.Container {
	return container.New(&maxWidth{w: w}, obj)
}

func (m *maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (m *maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, max(m.w, objs[0].MinSize().Width))
	objs[0].Move(fyne.NewPos((size.Width-w)/2, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
}
