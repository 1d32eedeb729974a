package ui

import (
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
	content fyne.CanvasObject

	Name, Address, PostalCode, City, Country, Email, Phone *widget.Entry
	Currency                                               *widget.SelectEntry
	Language                                               *widget.Select
	Kind                                                   *widget.RadioGroup // my customers are mostly businesses / consumers
	Save                                                   *widget.Button
	Message                                                *widget.Label
}

// NewSetup builds the "Set up my shop" form.
func NewSetup(win fyne.Window, ledger *app.Ledger, done func()) *Setup {
	s := &Setup{win: win, ledger: ledger, done: done}
	entry := func(ph string) *widget.Entry { e := widget.NewEntry(); e.SetPlaceHolder(ph); return e }
	s.Name, s.Address = entry("e.g. Corner Workshop"), entry("Street and number")
	s.PostalCode, s.City, s.Country = entry(""), entry(""), entry("e.g. DE, GB, US")
	s.Email, s.Phone = entry("for replies from customers"), entry("")
	s.Currency = widget.NewSelectEntry(app.CurrencyCodes())
	s.Currency.SetText("EUR")
	s.Language = widget.NewSelect([]string{"English", "Deutsch"}, nil)
	s.Language.SetSelected("English")
	s.Kind = newMostlyChoice()
	s.Message = widget.NewLabel("")
	s.Message.Wrapping = fyne.TextWrapWord
	s.Save = button(win, "Save and open my shop", s.save)
	s.Save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("Business name", s.Name), widget.NewFormItem("Address", s.Address),
		widget.NewFormItem("Postal code", s.PostalCode), widget.NewFormItem("City", s.City),
		widget.NewFormItem("Country", s.Country), widget.NewFormItem("Email", s.Email),
		widget.NewFormItem("Phone", s.Phone), widget.NewFormItem("Currency", s.Currency),
		widget.NewFormItem("Language of letters", s.Language),
		widget.NewFormItem("My customers are mostly", s.Kind),
	)
	s.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 520), container.NewVBox(
		heading("Set up your shop"), form, s.Message, s.Save)))
	return s
}

// Content is the setup form.
func (s *Setup) Content() fyne.CanvasObject { return s.content }

func (s *Setup) save() {
	lang := "en"
	if s.Language.Selected == "Deutsch" {
		lang = "de"
	}
	shop := app.Shop{Name: s.Name.Text, Address1: s.Address.Text, PostalCode: s.PostalCode.Text,
		City: s.City.Text, Country: s.Country.Text, Email: s.Email.Text, Phone: s.Phone.Text, Currency: s.Currency.Text, Language: lang,
		DefaultKind: mostlyKind(s.Kind.Selected)}
	// The other fields' problems come first, in the order of the form.
	_, err := app.CheckShop(shop)
	if err == nil && shop.DefaultKind == "" {
		err = app.Errorf(app.CodeInvalid, "say whether your customers are mostly businesses or consumers: the law treats them differently, and new customers start as what you choose (you can change it per customer).")
	}
	if err == nil {
		_, err = s.ledger.SetUpShop(shop)
	}
	if err != nil {
		s.Message.SetText(app.Sentence(err))
		return
	}
	s.done()
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
