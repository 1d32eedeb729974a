package ui

import (
	"context"
	"io/fs"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/monthly"
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
	// HomePath is the owner's own book when DBPath names another (a sample opened by name): where
	// "Open my own shop" goes.
	HomePath   string
	LettersDir string // where print runs are saved
	Books      Books
	Version    string // the program's version, for Help → About
	DataDir    string // where the owner's book and its backups live
	Guide      fs.FS  // guide.md and its images, for Help → Guide
	// MonthlyPDF prints the monthly report (the letters package); nil: the window offers none.
	MonthlyPDF MonthlyPrinter
	// Loaded, when set, hears when Today's queue or the Dashboard's figures are on the screen and
	// when a print run has finished ("Today", "Dashboard", "Print run"); Shown hears of every
	// shop shown. They let a measurement follow the real window.
	Loaded func(what string)
	Shown  func(*Shell)
}

// Shell is the main window's content: navigation on the left, one screen on the right.
type Shell struct {
	win    fyne.Window
	ledger *app.Ledger
	nf     app.NumberFormat
	shop   app.Shop
	sample bool

	screens []*screen
	current *screen
	stack   *fyne.Container

	Today     *Today
	Dashboard *Dashboard
	Customers *Customers
	Invoices  *Invoices
	Payment   *TakePayment
	Import    *Importer
	Settings  *Settings
	Outbox    *Outbox // nil where the services have no mailbox
	Payables  *Payables
	Reports   *Reports // nil for a book that cannot give the reports

	// SwitchShop opens the owner's own shop from the sample, or the sample from the owner's.
	SwitchShop   func()
	SwitchButton *widget.Button
	ReadOnlyNote *widget.Label // shown while the book is open for reading only
	Restore      func()        // offers the newest sound backup and restores it
	Damage       error         // set when the check at opening found the book damaged
	Help         HelpInfo      // what Help → About and Guide show
	AboutText    string        // what About showed last
	GuideWindow  fyne.Window   // the guide, while it is open
}

// Start shows the right first screen in win: the welcome screen when the owner has no ledger
// yet, otherwise the shop. From then on the window can go from the sample shop to the owner's
// own and back without restarting. It returns a func that releases the open ledger.
func Start(win fyne.Window, cfg Config) func() {
	st := &starter{win: win, cfg: cfg, own: cfg.DBPath}
	if cfg.DBPath == cfg.SamplePath && cfg.HomePath != "" {
		st.own = cfg.HomePath
	}
	if _, err := os.Stat(cfg.DBPath); err == nil {
		st.open(cfg.DBPath, cfg.DBPath == cfg.SamplePath)
		return st.release
	}
	st.welcome().Show()
	return st.release
}

// starter opens books into the window, one at a time.
type starter struct {
	win         fyne.Window
	cfg         Config
	own         string // the owner's own book
	closeLedger func()
	stopMail    func() // stops the background sender of the book shown
}

func (st *starter) release() {
	if st.stopMail != nil {
		st.stopMail() // the email going out finishes; the rest stays queued
		st.stopMail = nil
	}
	if st.closeLedger != nil {
		st.closeLedger()
		st.closeLedger = nil
	}
}

func (st *starter) welcome() *Welcome {
	cfg := st.cfg
	cfg.DBPath = st.own
	return NewWelcome(st.win, cfg, st.open)
}

func (st *starter) restorer(path string, sample bool) *restorer {
	return &restorer{win: st.win, books: st.cfg.Books, path: path, release: st.release, reopen: func() { st.open(path, sample) }}
}

// open closes the book shown and opens the one in path: its shop, or the setup of a new one.
func (st *starter) open(path string, sample bool) {
	st.release()
	st.win.SetMainMenu(nil)
	svc, closeFn, err := st.cfg.Books.Open(path)
	if err != nil {
		st.win.SetContent(openErrorScreen(err, st.restorer(path, sample)))
		return
	}
	st.closeLedger = closeFn
	shop, ok, err := svc.Ledger.ShopProfile()
	if err != nil {
		st.win.SetContent(openErrorScreen(err, st.restorer(path, sample)))
		return
	}
	if ok && shop.Sample && path == st.own && st.cfg.HomePath != "" && st.cfg.HomePath != path {
		st.own = st.cfg.HomePath // a sample opened by name: the owner's own book is the usual one
	}
	restore := st.restorer(path, sample)
	show := func() {
		s := showShell(st.win, svc, path, sample, st.cfg.LettersDir, restore, st.cfg.Loaded)
		if s != nil {
			if st.cfg.Shown != nil {
				st.cfg.Shown(s)
			}
			s.SwitchShop = func() { st.switchFrom(s) }
			s.Help = HelpInfo{Name: st.cfg.Title, Version: st.cfg.Version, DataDir: st.cfg.DataDir, Guide: st.cfg.Guide}
			if book, ok := svc.Ledger.Store.(monthly.Book); ok && s.Reports != nil {
				s.Reports.OfferMonthly(book, st.cfg.MonthlyPDF)
			}
			s.keys()
			if s.Outbox != nil {
				st.stopMail = s.Outbox.Stop
			}
		}
	}
	if !ok {
		st.win.SetContent(NewSetup(st.win, svc.Ledger, show).Content())
		return
	}
	show()
}

// switchFrom goes from the sample to the owner's own shop (set up first when there is none
// yet), or from the owner's shop to the sample (written first when there is none yet).
func (st *starter) switchFrom(s *Shell) {
	if s.sample {
		st.open(st.own, false)
		return
	}
	w := st.welcome()
	st.release()
	st.win.SetMainMenu(nil)
	w.Show()
	w.openSample()
}

func showShell(win fyne.Window, svc *app.Services, path string, sample bool, lettersDir string, restore *restorer, loaded func(string)) *Shell {
	s, err := newShell(win, svc, sample, loaded)
	if err != nil {
		win.SetContent(errorScreen(err))
		return nil
	}
	s.Today.LettersDir = shopLettersDir(lettersDir, path, s.shop, s.sample)
	s.Payment.LettersDir = s.Today.LettersDir
	s.Settings.BookPath, s.Settings.LettersDir = path, s.Today.LettersDir
	s.Settings.LettersFolder.SetText(s.Today.LettersDir)
	s.Settings.OnLettersDir = func(dir string) { s.Today.LettersDir, s.Payment.LettersDir = dir, dir }
	s.Restore, s.Settings.OnRestore, s.Settings.OnRestoreFile = restore.Start, restore.Start, restore.offerFile
	win.SetContent(s.Content())
	s.watchFile()
	if svc.DailyBackup != nil {
		go func() {
			if err := <-svc.DailyBackup; err != nil {
				do(win, func() { showError(err, win) })
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
	return newShell(win, svc, sample, nil)
}

// newShell builds the screens with loaded, when set, hearing what they have loaded from the
// first refresh on.
func newShell(win fyne.Window, svc *app.Services, sample bool, loaded func(string)) (*Shell, error) {
	ledger := svc.Ledger
	shop, _, err := ledger.ShopProfile()
	if err != nil {
		return nil, err
	}
	s := &Shell{win: win, ledger: ledger, shop: shop, nf: app.NumberFormatFor(shop.Language), sample: sample || shop.Sample}
	s.Dashboard = NewDashboard(win, ledger, s.nf)
	s.Today = NewToday(win, svc.Collections, s.nf)
	s.Today.Backup.Off = s.sample || ledger.ReadOnly()
	s.Today.Loaded, s.Dashboard.Loaded = loaded, loaded
	s.Payment = NewTakePayment(win, ledger, s.nf, shop.Currency)
	s.Payment.Receipts = svc.Collections
	s.Customers = NewCustomers(win, ledger, svc.Collections, s.nf, s.payFor)
	s.Invoices = NewInvoices(win, ledger, s.nf, shop.Currency)
	s.Import = NewImporter(win, ledger)
	guardTree(win, s.Import.Content()) // the import screen is built apart; its controls are guarded here
	s.Settings = NewSettings(win, svc.Collections)
	s.Payables = NewPayables(win, ledger, s.nf, shop.Currency)
	// Each screen reloads when shown, so what one screen changed shows on the others.
	s.screens = []*screen{
		{title: "Today", icon: theme.MailSendIcon(), content: s.Today.Content(), refresh: s.Today.Refresh},
		{title: "Dashboard", icon: theme.HomeIcon(), content: s.Dashboard.Content(), refresh: s.Dashboard.Refresh},
		{title: "Customers", icon: theme.AccountIcon(), content: s.Customers.Content(), refresh: s.Customers.Refresh},
		{title: "Invoices", icon: theme.DocumentIcon(), content: s.Invoices.Content(), refresh: s.Invoices.Refresh},
		{title: "Take a payment", icon: theme.ContentAddIcon(), content: s.Payment.Content(), refresh: s.Payment.Refresh},
		{title: "Import", icon: theme.DownloadIcon(), content: s.Import.Content()},
		{title: "Settings", icon: theme.SettingsIcon(), content: s.Settings.Content(), refresh: s.Settings.Refresh},
	}
	if s.wireMail(svc.Collections) {
		s.screens = append(s.screens, &screen{title: "Outbox", icon: theme.MailForwardIcon(), content: s.Outbox.Content(), refresh: s.Outbox.Refresh})
	}
	// Bills come last, so the keys of the screens before keep their numbers.
	s.screens = append(s.screens, &screen{title: "Bills", icon: theme.ListIcon(), content: s.Payables.Content(), refresh: s.Payables.Refresh})
	if src, ok := ledger.Store.(reportSource); ok {
		s.Reports = NewReports(win, src, ledger, ledger.Clock, s.nf, shop.Currency)
		s.Reports.OpenCustomer = func(id int64) {
			s.Show("Customers")
			s.Customers.Open(id)
		}
		s.Reports.OpenBills = func() { s.Show("Bills") }
		s.screens = append(s.screens, &screen{title: "Reports", icon: theme.GridIcon(), content: s.Reports.Content(), refresh: s.Reports.Refresh})
	}
	s.buildNav()
	s.setDates(app.DateStyleFor(shop.Country))
	s.Customers.Lang = shop.Language
	if _, ok := any(svc.Collections).(handoffService); ok && svc.Collections.Bundle != nil {
		// A hand-off proposal on Today opens the customer with the hand-off dialog.
		s.Today.HandOff = func(id int64) {
			s.Show("Customers")
			s.Customers.Open(id)
			if b := s.Customers.HandOff; b != nil {
				b.OnTapped()
			}
		}
	}
	if ledger.ReadOnly() {
		s.readOnlyMode()
	}
	s.Show("Today")
	return s, nil
}

// setDates has every screen write dates the way of the shop's country.
func (s *Shell) setDates(style app.DateStyle) {
	s.Today.Dates, s.Dashboard.Dates, s.Customers.Dates = style, style, style
	s.Invoices.Dates, s.Settings.Dates, s.Payables.Dates = style, style, style
	if s.Reports != nil {
		s.Reports.Dates = style
	}
	s.Payment.SetDates(style)
}

// payFor opens "Take a payment" for a customer.
func (s *Shell) payFor(c app.Customer) {
	s.Show("Take a payment")
	s.Payment.SelectCustomer(c)
}

// Content is the shell's canvas object: a title bar over the navigation and the screen.
func (s *Shell) Content() fyne.CanvasObject {
	title := heading(s.shop.Name)
	title.Truncation = fyne.TextTruncateEllipsis
	var right fyne.CanvasObject
	if s.sample {
		badge := widget.NewLabelWithStyle("Sample shop: made-up customers", fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		s.SwitchButton = button(s.win, "Open my own shop", func() {
			if s.SwitchShop != nil {
				s.SwitchShop()
			}
		})
		right = container.NewHBox(badge, s.SwitchButton)
	}
	top := container.NewBorder(nil, widget.NewSeparator(), nil, right, title)
	if s.ReadOnlyNote != nil {
		top = container.NewVBox(top, s.ReadOnlyNote, widget.NewSeparator())
	}
	return container.NewBorder(top, nil, s.navColumn(), nil, s.stack)
}

func errorScreen(err error) fyne.CanvasObject {
	msg := widget.NewLabel(app.Sentence(err))
	msg.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(heading("Duebook cannot open the shop"), msg))
}
