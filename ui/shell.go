package ui

import (
	"context"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// Books opens and creates shop files; the program wires it to the store, so the window never
// touches SQL.
type Books interface {
	// Open opens the book in path (creating an empty file when it does not exist); close
	// releases it.
	Open(path string) (services *app.Services, close func(), err error)
	// CreateSample writes a generated sample shop to a new file at path.
	CreateSample(ctx context.Context, path string, progress func(done, total int)) error
	// NewestSoundBackup finds the newest backup of the book in path that passes the check ("" when
	// none does).
	NewestSoundBackup(path string) (string, error)
	// Restore replaces the (closed) book in path with a backup after checking it, and returns
	// where the replaced file was kept.
	Restore(path, backup string) (keptAside string, err error)
}

// Config is what the window needs to start.
type Config struct {
	Title      string
	DBPath     string // the owner's own ledger
	SamplePath string // where the sample shop is kept
	LettersDir string // where print runs are saved
	Books      Books
}

// Shell is the main window's content: navigation on the left, one screen on the right.
type Shell struct {
	win    fyne.Window
	ledger *app.Ledger
	nf     app.NumberFormat
	shop   app.Shop
	sample bool

	tabs      *container.AppTabs
	Today     *Today
	Dashboard *Dashboard
	Customers *Customers
	Invoices  *Invoices
	Payment   *TakePayment
	Import    *Importer
	Settings  *Settings
	Outbox    *Outbox // nil where the services have no mailbox

	ReadOnlyNote *widget.Label // shown while the book is open for reading only
	Restore      func()        // offers the newest sound backup and restores it
	Damage       error         // set when the check at opening found the book damaged
}

// Start shows the right first screen in win: the welcome screen when the owner has no ledger
// yet, otherwise the shop. It returns a func that releases the open ledger.
func Start(win fyne.Window, cfg Config) func() {
	var closeLedger, stopMail func()
	release := func() {
		if stopMail != nil {
			stopMail() // the email going out finishes; the rest stays queued
			stopMail = nil
		}
		if closeLedger != nil {
			closeLedger()
			closeLedger = nil
		}
	}
	var open func(path string, sample bool)
	restorer := func(path string, sample bool) *restorer {
		return &restorer{win: win, books: cfg.Books, path: path, release: release, reopen: func() { open(path, sample) }}
	}
	open = func(path string, sample bool) {
		release()
		svc, closeFn, err := cfg.Books.Open(path)
		if err != nil {
			win.SetContent(openErrorScreen(err, restorer(path, sample)))
			return
		}
		closeLedger = closeFn
		_, ok, err := svc.Ledger.ShopProfile()
		if err != nil {
			win.SetContent(openErrorScreen(err, restorer(path, sample)))
			return
		}
		restore := restorer(path, sample).Start
		shown := func() {
			if sh := showShell(win, svc, path, sample, cfg.LettersDir, restore); sh != nil && sh.Outbox != nil {
				stopMail = sh.Outbox.Stop
			}
		}
		if !ok {
			win.SetContent(NewSetup(win, svc.Ledger, shown).Content())
			return
		}
		shown()
	}
	if _, err := os.Stat(cfg.DBPath); err == nil {
		open(cfg.DBPath, cfg.DBPath == cfg.SamplePath)
		return release
	}
	welcome := NewWelcome(win, cfg, func(path string, sample bool) { open(path, sample) })
	win.SetContent(welcome.Content())
	return release
}

func showShell(win fyne.Window, svc *app.Services, path string, sample bool, lettersDir string, restore func()) *Shell {
	s, err := NewShell(win, svc, sample)
	if err != nil {
		win.SetContent(errorScreen(err))
		return nil
	}
	s.Today.LettersDir = shopLettersDir(lettersDir, path, s.shop, s.sample)
	s.Settings.BookPath, s.Settings.LettersDir = path, s.Today.LettersDir
	s.Settings.LettersFolder.SetText(s.Today.LettersDir)
	s.Settings.OnLettersDir = func(dir string) { s.Today.LettersDir = dir }
	s.Restore, s.Settings.OnRestore = restore, restore
	win.SetContent(s.Content())
	s.watchFile()
	if svc.DailyBackup != nil {
		go func() {
			if err := <-svc.DailyBackup; err != nil {
				fyne.Do(func() { showError(err, win) })
			}
		}()
	}
	if s.Outbox != nil && !s.ledger.ReadOnly() {
		s.Outbox.Start()
	}
	return s
}

// NewShell builds the main screens for an open book.
func NewShell(win fyne.Window, svc *app.Services, sample bool) (*Shell, error) {
	ledger := svc.Ledger
	shop, _, err := ledger.ShopProfile()
	if err != nil {
		return nil, err
	}
	s := &Shell{win: win, ledger: ledger, shop: shop, nf: app.NumberFormatFor(shop.Language), sample: sample || shop.Sample}
	s.Dashboard = NewDashboard(win, ledger, s.nf)
	s.Today = NewToday(win, svc.Collections, s.nf)
	s.Payment = NewTakePayment(win, ledger, s.nf, shop.Currency)
	s.Customers = NewCustomers(win, ledger, svc.Collections, s.nf, s.payFor)
	s.Invoices = NewInvoices(win, ledger, s.nf, shop.Currency)
	s.Import = NewImporter(win, ledger)
	s.Settings = NewSettings(win, svc.Collections)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Today", theme.MailSendIcon(), s.Today.Content()),
		container.NewTabItemWithIcon("Dashboard", theme.HomeIcon(), s.Dashboard.Content()),
		container.NewTabItemWithIcon("Customers", theme.AccountIcon(), s.Customers.Content()),
		container.NewTabItemWithIcon("Invoices", theme.DocumentIcon(), s.Invoices.Content()),
		container.NewTabItemWithIcon("Take a payment", theme.ContentAddIcon(), s.Payment.Content()),
		container.NewTabItemWithIcon("Import", theme.DownloadIcon(), s.Import.Content()),
		container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), s.Settings.Content()),
	)
	s.wireMail(svc.Collections)
	s.tabs.SetTabLocation(container.TabLocationLeading)
	if ledger.ReadOnly() {
		s.readOnlyMode()
	}
	// Each screen reloads when shown, so what one screen changed shows on the others.
	s.tabs.OnSelected = func(t *container.TabItem) {
		switch t.Text {
		case "Today":
			s.Today.Refresh()
		case "Dashboard":
			s.Dashboard.Refresh()
		case "Customers":
			s.Customers.Refresh()
		case "Invoices":
			s.Invoices.Refresh()
		case "Take a payment":
			s.Payment.Refresh()
		case "Settings":
			s.Settings.Refresh()
		case "Outbox":
			s.Outbox.Refresh()
		}
	}
	s.Today.Refresh()
	return s, nil
}

// payFor opens "Take a payment" for a customer.
func (s *Shell) payFor(c app.Customer) {
	s.Show("Take a payment")
	s.Payment.SelectCustomer(c)
}

// Show switches to the screen with the given tab title.
func (s *Shell) Show(title string) {
	for i, t := range s.tabs.Items {
		if t.Text == title {
			s.tabs.SelectIndex(i)
		}
	}
}

// Content is the shell's canvas object: a title bar over the tabs.
func (s *Shell) Content() fyne.CanvasObject {
	title := heading(s.shop.Name)
	var badge fyne.CanvasObject = widget.NewLabel("")
	if s.sample {
		badge = widget.NewLabelWithStyle("Sample shop: made-up customers to try Duebook with", fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
	}
	top := container.NewBorder(nil, widget.NewSeparator(), nil, badge, title)
	if s.ReadOnlyNote != nil {
		top = container.NewVBox(top, s.ReadOnlyNote, widget.NewSeparator())
	}
	return container.NewBorder(top, nil, nil, nil, s.tabs)
}

func errorScreen(err error) fyne.CanvasObject {
	msg := widget.NewLabel(app.Sentence(err))
	msg.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(heading("Duebook cannot open the shop"), msg))
}
