package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// dateField is the one place a date is typed: in the owner's way (22.11.2026, 22/11/2026 or
// 11/22/2026 by the shop's country, ISO always), shown the same way, with a calendar beside it.
type dateField struct {
	widget.BaseWidget
	win   fyne.Window
	style app.DateStyle
	today func() app.Date // the month the calendar opens on while the field is empty

	entry    *textEntry
	pick     *widget.Button
	popup    *widget.PopUp
	Calendar *widget.Calendar // while the calendar is open
}

// newDateField makes a date field holding d (the zero date leaves it empty).
func newDateField(win fyne.Window, style app.DateStyle, d app.Date, today func() app.Date) *dateField {
	f := &dateField{win: win, style: style, today: today, entry: newTextEntry()}
	f.entry.SetPlaceHolder(style.Hint())
	f.entry.SetText(style.Format(d))
	f.entry.Validator = f.check
	f.pick = iconButton(win, "", theme.CalendarIcon(), f.openCalendar)
	f.ExtendBaseWidget(f)
	return f
}

func (f *dateField) check(text string) error {
	if _, err := f.style.Parse(text); err != nil {
		return errors.New(app.Sentence(err))
	}
	return nil
}

// CreateRenderer lays out the entry with the calendar button at its end.
func (f *dateField) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, f.pick, f.entry))
}

// Date reads the field; empty is the zero date.
func (f *dateField) Date() (app.Date, error) { return f.style.Parse(f.entry.Text) }

// SetDate shows d in the owner's way.
func (f *dateField) SetDate(d app.Date) { f.entry.SetText(f.style.Format(d)) }

// Text is what is typed.
func (f *dateField) Text() string { return f.entry.Text }

// SetText puts text in the field as if typed.
func (f *dateField) SetText(s string) { f.entry.SetText(s) }

// SetStyle changes the way dates are written, keeping the date shown.
func (f *dateField) SetStyle(s app.DateStyle) {
	d, err := f.Date()
	f.style = s
	f.entry.SetPlaceHolder(s.Hint())
	if err == nil {
		f.SetDate(d)
	}
}

// onEdit hears every change of the text.
func (f *dateField) onEdit(fn func(string)) { f.entry.OnChanged = safeArg(f.win, fn) }

func (f *dateField) textField() *textEntry     { return f.entry }
func (f *dateField) setKeys(enter, esc func()) { f.entry.setKeys(enter, esc) }

// Disable and Enable follow the entry.
func (f *dateField) Disable() { f.entry.Disable(); f.pick.Disable() }
func (f *dateField) Enable()  { f.entry.Enable(); f.pick.Enable() }

// openCalendar shows a month to pick the day from, below the field (above it where the window
// ends), on the date typed or else today.
func (f *dateField) openCalendar() {
	start, err := f.Date()
	if (err != nil || start.IsZero()) && f.today != nil {
		start = f.today()
	}
	at := start.Time()
	if start.IsZero() {
		at = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(f)
	if c == nil {
		c = f.win.Canvas()
	}
	f.Calendar = widget.NewCalendar(at, safeArg(f.win, func(t time.Time) {
		f.SetDate(app.DateOf(t, time.UTC))
		if f.popup != nil {
			f.popup.Hide()
		}
		f.Calendar = nil
	}))
	f.popup = widget.NewPopUp(f.Calendar, c)
	size := f.Calendar.MinSize()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f)
	y := pos.Y + f.Size().Height
	if y+size.Height > c.Size().Height {
		y = max(0, pos.Y-size.Height)
	}
	x := min(pos.X, max(0, c.Size().Width-size.Width))
	f.popup.ShowAtPosition(fyne.NewPos(x, y))
	f.popup.Resize(size)
}
