package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// box is a rectangle on the canvas.
type box struct{ x0, y0, x1, y1 float32 }

func (a box) cut(b box) box {
	return box{max(a.x0, b.x0), max(a.y0, b.y0), min(a.x1, b.x1), min(a.y1, b.y1)}
}
func (a box) empty() bool { return a.x1-a.x0 < 1 || a.y1-a.y0 < 1 }

// shownText is a piece of text as drawn: where its letters are, within what the scroll
// containers around it let show.
type drawnText struct {
	text string
	at   box
}

// drawnTexts walks what is drawn from o down, keeping the texts that show.
func drawnTexts(o fyne.CanvasObject, origin fyne.Position, clip box, out *[]drawnText) {
	if o == nil || !o.Visible() {
		return
	}
	pos := origin.Add(o.Position())
	size := o.Size()
	here := box{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
	switch x := o.(type) {
	case *canvas.Text:
		if x.Text == "" {
			return
		}
		m := fyne.MeasureText(x.Text, x.TextSize, x.TextStyle)
		left := pos.X
		switch x.Alignment {
		case fyne.TextAlignCenter:
			left += (size.Width - m.Width) / 2
		case fyne.TextAlignTrailing:
			left += size.Width - m.Width
		}
		at := box{left, pos.Y, left + m.Width, pos.Y + min(m.Height, max(size.Height, m.Height))}.cut(clip)
		if !at.empty() {
			*out = append(*out, drawnText{x.Text, at})
		}
		return
	case *container.Scroll:
		clip = clip.cut(here)
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		drawnTexts(k, pos, clip, out)
	}
}

// settle lays everything out again from the top, as the window does on its next frame when a
// size changed (the test canvas does not): a wrapped label knows its height only once it knows
// its width.
func settle(w fyne.Window) {
	var lay func(o fyne.CanvasObject)
	lay = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			if x.Layout != nil {
				x.Layout.Layout(x.Objects, x.Size())
			}
			for _, k := range x.Objects {
				lay(k)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			r.Layout(x.Size())
			for _, k := range r.Objects() {
				lay(k)
			}
		}
	}
	for range 3 {
		lay(w.Content())
		for _, o := range w.Canvas().Overlays().List() {
			lay(o)
		}
	}
}

// checkFits fails when the window's content needs more than its size, when any text is drawn over
// another, or when a text runs out of the window.
func checkFits(t *testing.T, w fyne.Window, where string) {
	t.Helper()
	size := fyne.NewSize(1024, 700) // a small laptop's screen; the canvas grows to what it is given
	w.Resize(size)
	settle(w)
	if m := w.Content().MinSize(); m.Width > size.Width+0.5 || m.Height > size.Height+0.5 {
		t.Errorf("%s: the content needs %.0fx%.0f in a %.0fx%.0f window", where, m.Width, m.Height, size.Width, size.Height)
	}
	all := box{0, 0, size.Width, size.Height}
	layers := []fyne.CanvasObject{w.Content()}
	layers = append(layers, w.Canvas().Overlays().List()...)
	for i, layer := range layers {
		if i > 0 {
			p, s := layer.Position(), layer.Size()
			if p.X < -0.5 || p.Y < -0.5 || p.X+s.Width > size.Width+0.5 || p.Y+s.Height > size.Height+0.5 {
				t.Errorf("%s: a dialog at %v of %v is not on the screen", where, p, s)
			}
		}
		if pu, ok := layer.(*widget.PopUp); ok {
			dm := pu.Content.MinSize()
			if dm.Width > size.Width+0.5 || dm.Height > size.Height+0.5 {
				t.Errorf("%s: a dialog needs %.0fx%.0f", where, dm.Width, dm.Height)
			}
		}
		var texts []drawnText
		drawnTexts(layer, fyne.Position{}, all, &texts)
		for a := range texts {
			ta := texts[a]
			if ta.at.x1 > size.Width+1 {
				t.Errorf("%s: %q runs out of the window", where, shortText(ta.text, 40))
			}
			for b := a + 1; b < len(texts); b++ {
				if o := ta.at.cut(texts[b].at); !o.empty() && o.x1-o.x0 > 2 && o.y1-o.y0 > 2 {
					t.Errorf("%s: %q is drawn over %q", where, shortText(ta.text, 40), shortText(texts[b].text, 40))
				}
			}
		}
	}
}

// longName is 200 characters of a real company's kind of name.
var longName = func() string {
	n := "Gebrüder Schmidt-Hoffmann Werkzeug- und Maschinenbau Gesellschaft mit beschränkter Haftung & Compagnie Kommanditgesellschaft, Niederlassung Süddeutschland, Abteilung Forderungsmanagement und Buchhaltung"
	for len([]rune(n)) < 200 {
		n += " Nord"
	}
	return string([]rune(n)[:200])
}()

// At 1024x700, with a customer whose name is 200 characters long, every screen of the sample
// shop fits the window, no text is drawn over another, and dialogs open on the screen and fit it.
func TestEveryScreenFitsASmallWindow(t *testing.T) {
	s, ledger := sampleShell(t)
	w := s.win
	c, err := ledger.AddCustomer(app.Customer{Name: longName, Address1: strings.Repeat("Lange Straße ", 12), City: "Neustadt an der Weinstraße", Country: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	for i, days := range []int{-60, -40, -25} {
		if _, err := ledger.SaveInvoice(app.Invoice{Number: fmt.Sprintf("LONG-%d", i), CustomerID: c.ID, IssueDate: testToday.AddDays(days - 14), DueDate: testToday.AddDays(days),
			Currency: "EUR", Amount: 98765432, Description: strings.Repeat("a long description ", 8)}); err != nil {
			t.Fatal(err)
		}
	}
	w.Resize(fyne.NewSize(1024, 700))
	check := func(where string) { t.Helper(); checkFits(t, w, where) }

	s.Show("Today")
	for _, g := range s.Today.Group.Options {
		s.Today.Group.SetSelected(g)
		for i, a := range s.Today.shown {
			if a.CustomerID == c.ID || i == 0 {
				s.Today.List.Select(i)
				check("Today, " + g + ", " + shortText(a.Customer, 20))
			}
		}
	}
	s.Show("Dashboard")
	check("Dashboard")
	s.Show("Customers")
	s.Customers.Search.SetText("Schmidt-Hoffmann")
	s.Customers.Open(c.ID)
	for i := range s.Customers.tabs.Items {
		s.Customers.tabs.SelectIndex(i)
		check("Customers, " + s.Customers.tabs.Items[i].Text)
	}
	s.Show("Invoices")
	check("Invoices")
	s.Invoices.Search.SetText("LONG-")
	check("Invoices, the long name")
	s.Show("Take a payment")
	s.Payment.Find.SetText("Schmidt-Hoffmann")
	s.Payment.SelectCustomer(c)
	s.Payment.Amount.SetText("12")
	check("Take a payment")
	s.Show("Import")
	check("Import")
	s.Show("Settings")
	check("Settings")

	// Setting up a shop, and the first screen.
	form := NewSetup(w, ledger, func() {})
	w.SetContent(form.Content())
	form.Name.SetText(longName)
	test.Type(form.Country.entry, "United")
	test.Tap(form.Save)
	check("Set up my shop")
	w.SetContent(NewWelcome(w, Config{}, func(string, bool) {}).Content())
	check("Welcome")
	w.SetContent(s.Content())

	// The dialogs.
	s.Show("Customers")
	s.Customers.Open(c.ID)
	for name, open := range map[string]func(){
		"customer form": func() { s.Customers.edit(c) },
		"hold":          s.Customers.Case.holdDialog,
		"promise":       s.Customers.Case.promiseDialog,
		"plan":          s.Customers.Case.planDialog,
		"invoice form":  func() { s.Invoices.edit(0) },
		"print":         func() { s.Today.confirmPrint(nil) },
		"message":       func() { inform(w, "A long note about "+longName, longName+" "+longName) },
	} {
		open()
		check("the " + name + " dialog")
		for w.Canvas().Overlays().Top() != nil {
			w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
		}
		openDialogs = map[fyne.Window][]*formDialog{}
	}
}

// A pane whose content changes starts at the top: the next action on Today, another customer.
func TestPanesGoBackToTheTopWhenTheirContentChanges(t *testing.T) {
	s, ledger := sampleShell(t)
	s.win.Resize(fyne.NewSize(1024, 700))
	td := s.Today
	selectGroup(t, td, "Letters")
	td.List.Select(0)
	td.DetailScroll.ScrollToBottom()
	if td.DetailScroll.Offset.Y == 0 {
		t.Fatal("the detail does not scroll at all")
	}
	td.List.Select(1)
	if td.DetailScroll.Offset.Y != 0 {
		t.Fatalf("the next action is shown scrolled by %.0f", td.DetailScroll.Offset.Y)
	}
	s.Show("Customers")
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 50)
	for rows[1].CustomerID == rows[0].CustomerID {
		rows = rows[1:]
	}
	s.Customers.Open(rows[0].CustomerID)
	s.Customers.tabs.SelectIndex(4) // the timeline, the longest
	s.Customers.DetailScroll.ScrollToBottom()
	if s.Customers.DetailScroll.Offset.Y == 0 {
		t.Fatal("the customer does not scroll at all")
	}
	s.Customers.Open(rows[1].CustomerID)
	if s.Customers.DetailScroll.Offset.Y != 0 {
		t.Fatalf("another customer is shown scrolled by %.0f", s.Customers.DetailScroll.Offset.Y)
	}
}
