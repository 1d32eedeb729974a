package ui

import (
	"context"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// Welcome is the first screen when there is no ledger yet: try the sample shop, or set up one's
// own.
type Welcome struct {
	win     fyne.Window
	cfg     Config
	open    func(path string, sample bool)
	content *fyne.Container

	SampleButton *widget.Button
	SetupButton  *widget.Button
	Progress     *widget.ProgressBar
	Cancel       *widget.Button
	Status       *widget.Label
}

// NewWelcome builds the welcome screen; open is called with the file to open.
func NewWelcome(win fyne.Window, cfg Config, open func(path string, sample bool)) *Welcome {
	w := &Welcome{win: win, cfg: cfg, open: open}
	w.Progress = widget.NewProgressBar()
	w.Progress.Hide()
	w.Status = widget.NewLabel("")
	w.Cancel = widget.NewButton("Cancel", nil)
	w.Cancel.Hide()
	w.SampleButton = widget.NewButton("Open the sample shop", w.openSample)
	w.SampleButton.Importance = widget.HighImportance
	w.SetupButton = widget.NewButton("Set up my shop", func() {
		w.open(w.cfg.DBPath, false)
	})
	intro := widget.NewLabel("Duebook keeps your customers, invoices and payments in one file on this computer, " +
		"and helps you get paid for what customers owe.\n\nTry it on a sample shop with made-up customers, or set up your own shop.")
	intro.Wrapping = fyne.TextWrapWord
	w.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 360), container.NewVBox(
		heading("Welcome to Duebook"), intro, layout.NewSpacer(),
		container.NewGridWithColumns(2, w.SampleButton, w.SetupButton),
		w.Progress, container.NewHBox(w.Status, layout.NewSpacer(), w.Cancel),
	)))
	return w
}

// Content is the welcome screen.
func (w *Welcome) Content() fyne.CanvasObject { return w.content }

// openSample opens the sample shop, writing it first (in the background, with progress and a
// cancel button) when it does not exist yet.
func (w *Welcome) openSample() {
	path := w.cfg.SamplePath
	if _, err := os.Stat(path); err == nil {
		w.open(path, true)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.SampleButton.Disable()
	w.SetupButton.Disable()
	w.Progress.SetValue(0)
	w.Progress.Show()
	w.Cancel.OnTapped = cancel
	w.Cancel.Show()
	w.Status.SetText("Writing the sample shop…")
	inBackground(func() {
		err := w.cfg.Books.CreateSample(ctx, path, func(done, total int) {
			fyne.Do(func() { w.Progress.SetValue(float64(done) / float64(max(1, total))) })
		})
		fyne.Do(func() {
			cancel()
			w.Progress.Hide()
			w.Cancel.Hide()
			w.SampleButton.Enable()
			w.SetupButton.Enable()
			if err != nil {
				w.Status.SetText(app.Sentence(err))
				return
			}
			w.Status.SetText("")
			w.open(path, true)
		})
	})
}

// Setup asks for the business profile of a new shop.
type Setup struct {
	win     fyne.Window
	ledger  *app.Ledger
	done    func()
	content fyne.CanvasObject

	Name, Address, PostalCode, City, Country, Email, Phone *widget.Entry
	Currency                                               *widget.SelectEntry
	Language                                               *widget.Select
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
	s.Message = widget.NewLabel("")
	s.Message.Wrapping = fyne.TextWrapWord
	s.Save = widget.NewButton("Save and open my shop", s.save)
	s.Save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("Business name", s.Name), widget.NewFormItem("Address", s.Address),
		widget.NewFormItem("Postal code", s.PostalCode), widget.NewFormItem("City", s.City),
		widget.NewFormItem("Country", s.Country), widget.NewFormItem("Email", s.Email),
		widget.NewFormItem("Phone", s.Phone), widget.NewFormItem("Currency", s.Currency),
		widget.NewFormItem("Language of letters", s.Language),
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
	_, err := s.ledger.SetUpShop(app.Shop{Name: s.Name.Text, Address1: s.Address.Text, PostalCode: s.PostalCode.Text,
		City: s.City.Text, Country: s.Country.Text, Email: s.Email.Text, Phone: s.Phone.Text, Currency: s.Currency.Text, Language: lang})
	if err != nil {
		s.Message.SetText(app.Sentence(err))
		return
	}
	s.done()
}
