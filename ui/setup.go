package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// Setup asks for the business profile of a new shop.
type Setup struct {
	win     fyne.Window
	ledger  *app.Ledger
	done    func()
	fs      *fieldSet
	content fyne.CanvasObject

	Name, Address, PostalCode, City, Email, Phone *textEntry
	Country, Currency                             *picker
	Profile                                       *widget.Select // the legal profile: the country's, or the owner's choice
	Language                                      *widget.Select
	Kind                                          *widget.RadioGroup // my customers are mostly businesses / consumers
	Save                                          *widget.Button
	Message                                       *widget.Label // what no single field owns
}

// profileChoices name the legal profiles in the owner's words.
var profileChoices = []struct {
	p     app.Profile
	label string
}{
	{app.ProfileDE, "Germany"}, {app.ProfileUK, "United Kingdom"}, {app.ProfileEU, "European Union"}, {app.ProfileUS, "United States"},
}

func profileLabel(p app.Profile) string {
	for _, c := range profileChoices {
		if c.p == p {
			return c.label
		}
	}
	return string(p)
}

func profileOf(label string) app.Profile {
	for _, c := range profileChoices {
		if c.label == label {
			return c.p
		}
	}
	return ""
}

// NewSetup builds the "Set up my shop" form.
func NewSetup(win fyne.Window, ledger *app.Ledger, done func()) *Setup {
	s := &Setup{win: win, ledger: ledger, done: done, fs: newFieldSet()}
	s.Name, s.Address = newEntryWith("", "e.g. Corner Workshop"), newEntryWith("", "Street and number")
	s.PostalCode, s.City = newEntryWith("", ""), newEntryWith("", "")
	s.Email, s.Phone = newEntryWith("", "for replies from customers"), newEntryWith("", "")
	s.Country = newCountryPicker(win, "en", "")
	s.Currency = newCurrencyPicker(win, "en", "EUR")
	var labels []string
	for _, c := range profileChoices {
		labels = append(labels, c.label)
	}
	s.Profile = widget.NewSelect(labels, nil)
	s.Country.OnChosen = func(code string) { s.Profile.SetSelected(profileLabel(app.ProfileForCountry(code))) }
	s.Language = widget.NewSelect([]string{"English", "Deutsch"}, safeArg(win, s.relabel))
	s.Language.SetSelected("English")
	s.Kind = newMostlyChoice()
	s.Message = s.fs.Problem
	s.Save = button(win, "Save and open my shop", s.save)
	s.Save.Importance = widget.HighImportance
	profileNote := widget.NewLabel("Decides which fees and interest are allowed, when customers may be contacted and the wording of letters. It follows the country; choose another if your shop works under another law.")
	profileNote.Wrapping = fyne.TextWrapWord
	profileNote.TextStyle.Italic = true
	fs := s.fs
	form := fs.form(
		fs.item("Business name", s.Name), fs.item("Address", s.Address),
		fs.item("Postal code", s.PostalCode), fs.item("City", s.City),
		fs.item("Country", s.Country), fs.item("Legal profile", container.NewVBox(s.Profile, profileNote)),
		fs.item("Email", s.Email), fs.item("Phone", s.Phone), fs.item("Currency", s.Currency),
		fs.item("Language of letters", s.Language),
		fs.item("My customers are mostly", s.Kind),
	)
	s.content = container.NewVScroll(newMaxWidth(620, container.NewPadded(container.NewVBox(
		heading("Set up your shop"), s.Message, form, container.NewHBox(s.Save)))))
	return s
}

// Content is the setup form.
func (s *Setup) Content() fyne.CanvasObject { return s.content }

// relabel names the countries and currencies in the language chosen for the letters.
func (s *Setup) relabel(language string) {
	lang := "en"
	if language == "Deutsch" {
		lang = "de"
	}
	s.Country.SetChoices(countryChoices(lang))
	s.Currency.SetChoices(currencyChoices(lang))
}

func (s *Setup) save() {
	err := s.check()
	if err == nil {
		err = s.store()
	}
	if bad := s.fs.show(err); bad != nil {
		focusField(s.win.Canvas(), bad)
	}
	if err == nil {
		s.done()
	}
}

// check reads the form; an error names the field it is about, in the order of the form.
func (s *Setup) check() error {
	if strings.TrimSpace(s.Name.Text) == "" {
		return inField(s.Name, app.Errorf(app.CodeInvalid, "the shop needs a name"))
	}
	country, err := s.Country.Value()
	if err == nil && country == "" {
		err = app.Errorf(app.CodeInvalid, "choose the country your shop is in: it decides the legal profile and how dates are written")
	}
	if err != nil {
		return inField(s.Country, err)
	}
	if s.Profile.Selected == "" {
		return inField(s.Profile, app.Errorf(app.CodeInvalid, "choose the legal profile"))
	}
	cur, err := s.Currency.Value()
	if err == nil && cur == "" {
		err = app.Errorf(app.CodeInvalid, "choose the currency of your invoices")
	}
	if err != nil {
		return inField(s.Currency, err)
	}
	shop := s.shop(country, cur)
	if _, err := app.CheckShop(shop); err != nil {
		return blameShop(shop, err, []shopField{
			{s.Name, func(p *app.Shop) { p.Name = shop.Name }}, {s.Address, func(p *app.Shop) { p.Address1 = shop.Address1 }},
			{s.PostalCode, func(p *app.Shop) { p.PostalCode = shop.PostalCode }}, {s.City, func(p *app.Shop) { p.City = shop.City }},
			{s.Email, func(p *app.Shop) { p.Email = shop.Email }}, {s.Phone, func(p *app.Shop) { p.Phone = shop.Phone }},
		})
	}
	if shop.DefaultKind == "" {
		return inField(s.Kind, app.Errorf(app.CodeInvalid, "say whether your customers are mostly businesses or consumers: the law treats them differently, and new customers start as what you choose (you can change it per customer)."))
	}
	return nil
}

func (s *Setup) shop(country, cur string) app.Shop {
	lang := "en"
	if s.Language.Selected == "Deutsch" {
		lang = "de"
	}
	return app.Shop{Name: s.Name.Text, Address1: s.Address.Text, PostalCode: s.PostalCode.Text, City: s.City.Text,
		Country: country, Email: s.Email.Text, Phone: s.Phone.Text, Currency: cur, Language: lang, DefaultKind: mostlyKind(s.Kind.Selected)}
}

func (s *Setup) store() error {
	country, _ := s.Country.Value()
	cur, _ := s.Currency.Value()
	_, err := s.ledger.SetUpNewShop(s.shop(country, cur), profileOf(s.Profile.Selected))
	return err
}

// shopField is a field of a business profile form and how it sets its part of the profile.
type shopField struct {
	obj fyne.CanvasObject
	set func(*app.Shop)
}

// blameShop finds the field of a business profile a problem is about: each is checked alone on
// a profile that is otherwise right.
func blameShop(shop app.Shop, err error, fields []shopField) error {
	for _, f := range fields {
		probe := app.Shop{Name: "x", Currency: "EUR"}
		f.set(&probe)
		if _, perr := app.CheckShop(probe); perr != nil {
			return inField(f.obj, perr)
		}
	}
	return err
}

// newMostlyChoice is the "My customers are mostly" choice of setup and Settings; nothing is chosen
// until the owner chooses.
func newMostlyChoice() *widget.RadioGroup {
	r := widget.NewRadioGroup([]string{app.Business.Plural(), app.Consumer.Plural()}, nil)
	r.Horizontal = true
	return r
}

// mostlyKind is the kind a "My customers are mostly" answer means ("" when none is chosen).
func mostlyKind(choice string) app.CustomerKind {
	switch choice {
	case app.Business.Plural():
		return app.Business
	case app.Consumer.Plural():
		return app.Consumer
	}
	return ""
}
