package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// choice is one entry of a picker: what is shown and what it stands for.
type choice struct{ label, value string }

// picker chooses one of many (a country, a currency) by typing part of its name: the matches show
// in a short list under the field, and Enter or a click takes one. Typed text that is not in the
// list is read by find (a code, a name in another language).
type picker struct {
	widget.BaseWidget
	win      fyne.Window
	entry    *textEntry
	more     *widget.Button
	list     *widget.List
	listBox  *fyne.Container
	all      []choice
	shown    []choice
	value    string
	find     func(text string) (string, error)
	OnChosen func(value string)
	onEnter  func()
	onEsc    func()
	writing  bool // the picker itself is setting the text
}

func newPicker(win fyne.Window, choices []choice, hint string, find func(string) (string, error)) *picker {
	p := &picker{win: win, all: choices, find: find, entry: newTextEntry()}
	p.entry.SetPlaceHolder(hint)
	p.entry.OnChanged = safeArg(win, p.search)
	p.entry.setKeys(p.enter, p.esc)
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				o.(*widget.Label).SetText(p.shown[i].label)
			}
		}))
	p.list.OnSelected = safeArg(win, func(i widget.ListItemID) {
		if i < len(p.shown) {
			p.choose(p.shown[i])
		}
	})
	height := canvas.NewRectangle(color.Transparent)
	height.SetMinSize(fyne.NewSize(0, 5*p.list.MinSize().Height))
	p.listBox = container.NewStack(height, p.list)
	p.listBox.Hide()
	p.more = iconButton(win, "", theme.MenuDropDownIcon(), p.showAll)
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer lays out the field, its button, and the list of matches under them.
func (p *picker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(container.NewBorder(nil, nil, nil, p.more, p.entry), p.listBox))
}

func (p *picker) textField() *textEntry     { return p.entry }
func (p *picker) setKeys(enter, esc func()) { p.onEnter, p.onEsc = enter, esc }

// search lists the choices whose label holds the typed text.
func (p *picker) search(text string) {
	if p.writing {
		return
	}
	p.value = ""
	t := fold(text)
	p.shown = p.shown[:0]
	for _, c := range p.all {
		if t == "" || strings.Contains(fold(c.label), t) {
			p.shown = append(p.shown, c)
		}
	}
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
	if t == "" || len(p.shown) == 0 {
		p.listBox.Hide()
	} else {
		p.listBox.Show()
	}
	p.Refresh()
}

// showAll opens the whole list, or closes it.
func (p *picker) showAll() {
	if p.listBox.Visible() {
		p.listBox.Hide()
		p.Refresh()
		return
	}
	p.shown = append(p.shown[:0], p.all...)
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
	p.listBox.Show()
	p.Refresh()
}

func (p *picker) choose(c choice) {
	p.writing = true
	p.entry.SetText(c.label)
	p.writing = false
	p.value = c.value
	p.listBox.Hide()
	p.list.UnselectAll()
	p.Refresh()
	if p.OnChosen != nil {
		p.OnChosen(c.value)
	}
}

// enter takes the first match while the list is open, else confirms the dialog.
func (p *picker) enter() {
	if p.listBox.Visible() && len(p.shown) > 0 {
		p.choose(p.shown[0])
		return
	}
	if p.onEnter != nil {
		p.onEnter()
	}
}

// esc closes the list first, the dialog after.
func (p *picker) esc() {
	if p.listBox.Visible() {
		p.listBox.Hide()
		p.Refresh()
		return
	}
	if p.onEsc != nil {
		p.onEsc()
	}
}

// Value is the choice made, or what the typed text stands for; empty text is "".
func (p *picker) Value() (string, error) {
	if strings.TrimSpace(p.entry.Text) == "" {
		return "", nil
	}
	if p.value != "" {
		return p.value, nil
	}
	v, err := p.find(p.entry.Text)
	if err != nil {
		return "", err
	}
	return v, nil
}

// SetValue shows the choice standing for v (or v itself when none does).
func (p *picker) SetValue(v string) {
	p.writing = true
	defer func() { p.writing = false }()
	for _, c := range p.all {
		if c.value == v {
			p.entry.SetText(c.label)
			p.value = v
			return
		}
	}
	p.entry.SetText(v)
	p.value = ""
}

// SetChoices replaces the list (another language), keeping what is chosen.
func (p *picker) SetChoices(all []choice) {
	v, err := p.Value()
	p.all = all
	if err == nil && v != "" {
		p.SetValue(v)
	}
}

// fold makes text comparable without case and the commonest accents.
func fold(s string) string {
	r := strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss", "é", "e", "è", "e", "á", "a", "å", "a", "ô", "o", "ç", "c", "í", "i", "ñ", "n")
	return r.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// countryChoices lists the countries with names in lang, for a picker.
func countryChoices(lang string) []choice {
	cs := app.Countries(lang)
	out := make([]choice, len(cs))
	for i, c := range cs {
		out[i] = choice{label: c.Label(), value: c.Code}
	}
	return out
}

// newCountryPicker picks a country, named in lang.
func newCountryPicker(win fyne.Window, lang, code string) *picker {
	p := newPicker(win, countryChoices(lang), "type the country's name", app.FindCountry)
	if code != "" {
		p.SetValue(code)
	}
	return p
}

// currencyChoices lists the currencies, the common ones first, named in lang, for a picker.
func currencyChoices(lang string) []choice {
	cs := app.Currencies(lang)
	out := make([]choice, len(cs))
	for i, c := range cs {
		out[i] = choice{label: c.Label(), value: c.Code}
	}
	return out
}

// newCurrencyPicker picks a currency, the common ones first, named in lang.
func newCurrencyPicker(win fyne.Window, lang, code string) *picker {
	p := newPicker(win, currencyChoices(lang), "type the currency's name or code", func(t string) (string, error) {
		c, err := app.FindCurrency(t)
		return c.Code, err
	})
	if code != "" {
		p.SetValue(code)
	}
	return p
}
