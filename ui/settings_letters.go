package ui

import (
	"image"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// letterSettingsService is what the business profile and the template editor need.
type letterSettingsService interface {
	ShopProfile() (app.Shop, bool, error)
	SetUpShop(s app.Shop) (app.Shop, error)
	TemplateText(key app.TemplateKey) (string, error)
	SaveTemplate(key app.TemplateKey, text string) (int, error)
	PreviewTemplate(key app.TemplateKey, text string, widthPx int) (image.Image, error)
}

// Letterhead edits the business profile the letters are printed with.
type Letterhead struct {
	win                                       fyne.Window
	svc                                       letterSettingsService
	shop                                      app.Shop
	Name, Address, Postal, City, Email, Phone *widget.Entry
	Country                                   *picker
	IBAN, BIC, Bank, Link                     *widget.Entry
	fs                                        *fieldSet
	Kind                                      *widget.RadioGroup // my customers are mostly businesses / consumers
	Logo                                      *widget.Label
	Message                                   *widget.Label
	Preview                                   *canvas.Image
	content                                   fyne.CanvasObject
}

// NewLetterhead builds the business profile card.
func NewLetterhead(win fyne.Window, svc letterSettingsService) *Letterhead {
	l := &Letterhead{win: win, svc: svc, fs: newFieldSet()}
	e := func() *widget.Entry { return widget.NewEntry() }
	l.Name, l.Address, l.Postal, l.City, l.Email, l.Phone = e(), e(), e(), e(), e(), e()
	l.Country = newCountryPicker(win, "en", "")
	l.IBAN, l.BIC, l.Bank, l.Link = e(), e(), e(), e()
	l.Link.SetPlaceHolder("https://… (printed, and as a QR code)")
	l.Kind = newMostlyChoice()
	l.Kind.Required = true
	l.Logo = widget.NewLabel("")
	l.Message = widget.NewLabel("")
	l.Message.Wrapping = fyne.TextWrapWord
	choose := button(win, "Choose a logo…", func() {
		d := dialog.NewFileOpen(safe2(win, func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			defer r.Close()
			l.loadLogo(r.URI().Path())
		}), win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
		d.Show()
	})
	remove := button(win, "No logo", func() { l.shop.Logo = nil; l.showLogo() })
	save := button(win, "Save the business profile", l.save)
	save.Importance = widget.HighImportance
	fs := l.fs
	form := fs.form(
		fs.item("Business name", l.Name), fs.item("Address", l.Address),
		fs.item("Postal code", l.Postal), fs.item("City", l.City), fs.item("Country", l.Country),
		fs.item("Email", l.Email), fs.item("Phone", l.Phone),
		fs.item("My customers are mostly", l.Kind),
		fs.item("Bank", l.Bank), fs.item("IBAN", l.IBAN), fs.item("BIC", l.BIC),
		fs.item("Payment link", l.Link), fs.item("Logo", container.NewHBox(l.Logo, choose, remove)),
	)
	l.Preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	l.Preview.FillMode = canvas.ImageFillContain
	l.Preview.SetMinSize(fyne.NewSize(380, 537))
	l.content = card("Business profile", "The letterhead, bank details and payment link on every letter; the letter below shows them as they print.",
		container.NewVBox(form, container.NewHBox(save), l.Message, container.NewCenter(l.Preview)))
	return l
}

// Content is the card.
func (l *Letterhead) Content() fyne.CanvasObject { return l.content }

// Refresh loads the stored profile.
func (l *Letterhead) Refresh() {
	shop, _, err := l.svc.ShopProfile()
	if err != nil {
		l.Message.SetText(app.Sentence(err))
		return
	}
	l.shop = shop
	for _, f := range []struct {
		e *widget.Entry
		v string
	}{{l.Name, shop.Name}, {l.Address, shop.Address1}, {l.Postal, shop.PostalCode}, {l.City, shop.City},
		{l.Email, shop.Email}, {l.Phone, shop.Phone}, {l.IBAN, shop.IBAN}, {l.BIC, shop.BIC}, {l.Bank, shop.Bank}, {l.Link, shop.PaymentLink}} {
		f.e.SetText(f.v)
	}
	l.Country.SetChoices(countryChoices(shop.Language))
	l.Country.SetValue(shop.Country)
	l.Kind.SetSelected(shop.KindForNewCustomers().Plural())
	l.showLogo()
	l.preview()
}

// preview shows the profile on a reminder, as it prints.
func (l *Letterhead) preview() {
	key := app.TemplateKey{Kind: app.KindReminder1, Tone: app.ToneStandard, Lang: "en"}
	if l.shop.Language == "de" {
		key.Lang = "de"
	}
	text, err := l.svc.TemplateText(key)
	if err != nil {
		return
	}
	if img, err := l.svc.PreviewTemplate(key, text, 540); err == nil {
		l.Preview.Image = img
		l.Preview.Refresh()
	}
}

func (l *Letterhead) showLogo() {
	if len(l.shop.Logo) == 0 {
		l.Logo.SetText("none")
		return
	}
	l.Logo.SetText("set")
}

// loadLogo reads a logo file, refusing what is not a small PNG or JPEG.
func (l *Letterhead) loadLogo(path string) {
	st, err := os.Stat(path)
	if err == nil && st.Size() > app.MaxLogo {
		l.Message.SetText(app.Sentence(app.Errorf(app.CodeInvalid, "the logo is %d MB; use an image of at most 2 MB", st.Size()>>20)))
		return
	}
	b, err := os.ReadFile(path)
	if err == nil {
		err = app.ValidateLogo(b)
	}
	if err != nil {
		l.Message.SetText(app.Sentence(err))
		return
	}
	l.shop.Logo = b
	l.showLogo()
	l.Message.SetText("Logo chosen; save the profile to use it.")
}

func (l *Letterhead) save() {
	s := l.shop
	s.Name, s.Address1, s.PostalCode, s.City = l.Name.Text, l.Address.Text, l.Postal.Text, l.City.Text
	s.Email, s.Phone, s.IBAN, s.BIC, s.Bank, s.PaymentLink = l.Email.Text, l.Phone.Text, l.IBAN.Text, l.BIC.Text, l.Bank.Text, strings.TrimSpace(l.Link.Text)
	s.DefaultKind = mostlyKind(l.Kind.Selected)
	country, err := l.Country.Value()
	if err != nil {
		err = inField(l.Country, err)
	}
	s.Country = country
	var saved app.Shop
	if err == nil {
		if _, err = app.CheckShop(s); err != nil {
			err = blameShop(s, err, []shopField{
				{l.Name, func(p *app.Shop) { p.Name = s.Name }}, {l.Address, func(p *app.Shop) { p.Address1 = s.Address1 }},
				{l.Postal, func(p *app.Shop) { p.PostalCode = s.PostalCode }}, {l.City, func(p *app.Shop) { p.City = s.City }},
				{l.Email, func(p *app.Shop) { p.Email = s.Email }}, {l.Phone, func(p *app.Shop) { p.Phone = s.Phone }},
				{l.IBAN, func(p *app.Shop) { p.IBAN = s.IBAN }}, {l.BIC, func(p *app.Shop) { p.BIC = s.BIC }},
				{l.Bank, func(p *app.Shop) { p.Bank = s.Bank }}, {l.Link, func(p *app.Shop) { p.PaymentLink = s.PaymentLink }},
			})
		}
	}
	if err == nil {
		saved, err = l.svc.SetUpShop(s)
	}
	l.fs.show(err)
	if err != nil {
		l.Message.SetText(app.Sentence(err))
		return
	}
	l.shop = saved
	l.IBAN.SetText(saved.IBAN)
	l.Message.SetText("The business profile is saved; every letter from now on prints with it. New customers whose type is not given start as " + saved.KindForNewCustomers().Plural() + ".")
	l.preview()
}

// TemplateEditor edits the text of a letter per kind, tone and language, with the fields listed,
// a live preview, and the line and reason of any error; a broken template is never saved.
type TemplateEditor struct {
	win     fyne.Window
	svc     letterSettingsService
	Kind    *widget.Select
	Tone    *widget.Select
	Lang    *widget.Select
	Text    *widget.Entry
	Problem *widget.Label
	Preview *canvas.Image
	Save    *widget.Button
	content fyne.CanvasObject
}

// NewTemplateEditor builds the editor card.
func NewTemplateEditor(win fyne.Window, svc letterSettingsService) *TemplateEditor {
	t := &TemplateEditor{win: win, svc: svc}
	var kinds []string
	for _, k := range app.LetterKinds {
		kinds = append(kinds, string(k))
	}
	t.Kind = widget.NewSelect(kinds, safeArg(win, func(string) { t.load() }))
	t.Tone = widget.NewSelect([]string{"gentle", "standard", "firm"}, safeArg(win, func(string) { t.load() }))
	t.Lang = widget.NewSelect(app.Languages, safeArg(win, func(string) { t.load() }))
	t.Text = widget.NewMultiLineEntry()
	t.Text.SetMinRowsVisible(12)
	t.Text.Wrapping = fyne.TextWrapWord
	t.Text.OnChanged = safeArg(win, func(string) { t.check() })
	t.Problem = widget.NewLabel("")
	t.Problem.Wrapping = fyne.TextWrapWord
	t.Preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	t.Preview.FillMode = canvas.ImageFillContain
	t.Preview.SetMinSize(fyne.NewSize(340, 481))
	t.Save = button(win, "Save the template", t.save)
	t.Save.Importance = widget.HighImportance
	var fields []string
	for _, f := range app.FieldNames() {
		fields = append(fields, "{"+f+"}: "+app.TemplateFields[f])
	}
	fieldList := widget.NewLabel(strings.Join(fields, "\n"))
	fieldList.Wrapping = fyne.TextWrapWord
	choose := widget.NewForm(widget.NewFormItem("Kind", t.Kind), widget.NewFormItem("Tone", t.Tone), widget.NewFormItem("Language", t.Lang))
	left := container.NewVBox(choose, t.Text, t.Problem, container.NewHBox(t.Save),
		card("Fields", "Write them in braces.", fieldList))
	t.content = card("Letter templates", "The first line is the subject; the last paragraph is the closing.",
		container.NewGridWithColumns(2, left, t.Preview))
	return t
}

// Content is the card.
func (t *TemplateEditor) Content() fyne.CanvasObject { return t.content }

// Refresh loads the first template.
func (t *TemplateEditor) Refresh() {
	if t.Kind.Selected == "" {
		t.Tone.SetSelected("standard")
		t.Lang.SetSelected("en")
		t.Kind.SetSelected(string(app.KindReminder1))
	}
	t.load()
}

func (t *TemplateEditor) key() (app.TemplateKey, bool) {
	if t.Kind.Selected == "" || t.Tone.Selected == "" || t.Lang.Selected == "" {
		return app.TemplateKey{}, false
	}
	return app.TemplateKey{Kind: app.LetterKind(t.Kind.Selected), Tone: app.Tone(t.Tone.Selected), Lang: t.Lang.Selected}, true
}

func (t *TemplateEditor) load() {
	key, ok := t.key()
	if !ok || t.Text == nil {
		return
	}
	text, err := t.svc.TemplateText(key)
	if err != nil {
		t.Problem.SetText(app.Sentence(err))
		return
	}
	t.Text.SetText(text)
	t.check()
}

// check shows the template's first problem, or the preview when it has none.
func (t *TemplateEditor) check() {
	key, ok := t.key()
	if !ok {
		return
	}
	tpl, err := app.ParseTemplate(t.Text.Text)
	if err != nil {
		t.Problem.SetText(app.Sentence(err))
		t.Save.Disable()
		return
	}
	// The wording rule for time-barred debts: say which part of the text they leave out.
	t.Problem.SetText(app.ThreatNote(tpl, key.Lang))
	t.Save.Enable()
	if img, err := t.svc.PreviewTemplate(key, t.Text.Text, 540); err == nil {
		t.Preview.Image = img
		t.Preview.Refresh()
	}
}

func (t *TemplateEditor) save() {
	key, ok := t.key()
	if !ok {
		return
	}
	if _, err := t.svc.SaveTemplate(key, t.Text.Text); err != nil {
		t.Problem.SetText(app.Sentence(err))
		return
	}
	t.Problem.SetText("Saved. Letters of this kind, tone and language now use it; earlier versions are kept.")
}
