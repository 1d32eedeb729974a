// Command guideshots takes the screenshots of the owner's guide from the real window: it builds
// Duebook's screens on a generated sample shop with Fyne's headless driver, works them as an
// owner would (taps, dialogs) and saves each screen as docs/images/guide-*.png.
//
//	go run -tags migrated_fynedo ./cmd/guideshots [--out docs/images]
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/handoff"
	"duebook/data"
	"duebook/data/sheets"
	"duebook/letters"
	"duebook/ui"
)

// The day the screenshots are taken on, so that the same program gives the same pictures.
var day = app.MustDate("2026-11-23")

func main() {
	out := flag.String("out", filepath.Join("docs", "images"), "the folder for the pictures")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "guideshots:", err)
		os.Exit(1)
	}
}

// darkTheme is Fyne's own theme in its dark variant, as the window shows it by default (the
// headless driver would otherwise use its test colours).
type darkTheme struct{ fyne.Theme }

func (t darkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantDark)
}

// books opens and creates shop files on the fixed day, as the program's own does.
type books struct{}

func (books) Open(path string) (*app.Services, func(), error) {
	st, err := data.Open(path)
	if err != nil {
		return nil, nil, err
	}
	clock := app.FixedClock(day.Time().Add(9 * time.Hour))
	svc := app.NewServices(app.Adapters{Store: st, Clock: clock, Tables: sheets.Reader{}, Render: letters.Renderer{}, Bundle: handoff.Writer{}})
	return svc, func() { st.Close() }, nil
}

func (books) CreateSample(ctx context.Context, path string, progress func(done, total int)) error {
	_, err := data.CreateSample(ctx, path, data.SampleOptions{Customers: 400, Invoices: 4000, Seed: 1, Today: day}, progress)
	return err
}

func (books) NewestSoundBackup(path string) (string, error) { return data.NewestSoundBackup(path) }

func (books) Restore(path, backup string) (string, error) {
	return data.Restore(path, backup, day.Time())
}

// shooter saves what a window shows.
type shooter struct {
	dir   string
	saved []string
}

// save lays the window out again with what the screen's work brought and saves what it shows.
func (s *shooter) save(name string, w fyne.Window) error {
	settle(w)
	return s.saveImage(name, w.Canvas().Capture())
}

// settle lays the window out again with what the screen's work brought (a queue built, backups
// checked): the work runs at once (ui.Synchronous), but the layout was made before it.
func settle(w fyne.Window) {
	size := w.Canvas().Size()
	w.Resize(size.AddWidthHeight(1, 1))
	w.Resize(size)
}

func (s *shooter) saveImage(name string, img image.Image) error {
	path := filepath.Join(s.dir, "guide-"+name+".png")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	s.saved = append(s.saved, path)
	return f.Close()
}

// all is every object laid out in the window and its dialogs.
func all(w fyne.Window) []fyne.CanvasObject {
	objs := test.LaidOutObjects(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	return objs
}

func tap(w fyne.Window, label string) error {
	for _, o := range all(w) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() && !b.Disabled() {
			test.Tap(b)
			return nil
		}
	}
	return fmt.Errorf("no button %q on the screen", label)
}

// closeDialogs takes every dialog off the window.
func closeDialogs(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

func newWindow(width, height float32) fyne.Window {
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(width, height))
	return w
}

func run(out string) error {
	test.NewApp().Settings().SetTheme(darkTheme{theme.DefaultTheme()})
	ui.Synchronous()
	// A fixed folder, so that the paths the pictures show are the same on every run.
	tmp := filepath.Join(os.TempDir(), "duebook-guide")
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	s := &shooter{dir: out}
	home := filepath.Join(tmp, "Duebook")
	cfg := ui.Config{Title: "Duebook", DBPath: filepath.Join(home, "duebook.db"), SamplePath: filepath.Join(home, "sample.db"),
		LettersDir: filepath.Join(tmp, "Letters"), Books: books{}}
	if err := firstStart(s, cfg); err != nil {
		return err
	}
	if err := (books{}).CreateSample(context.Background(), cfg.SamplePath, nil); err != nil {
		return err
	}
	svc, closeFn, err := (books{}).Open(cfg.SamplePath)
	if err != nil {
		return err
	}
	defer closeFn()
	if err := shopScreens(s, svc, cfg, tmp); err != nil {
		return err
	}
	if err := reminderScreen(s, filepath.Join(tmp, "Own", "duebook.db")); err != nil {
		return err
	}
	for _, p := range s.saved {
		fmt.Println(p)
	}
	return nil
}

// firstStart is the welcome screen and the setup of one's own shop.
func firstStart(s *shooter, cfg ui.Config) error {
	w := newWindow(1100, 720)
	defer w.Close()
	release := ui.Start(w, cfg)
	defer release()
	if err := s.save("welcome", w); err != nil {
		return err
	}
	if err := tap(w, "Set up my shop"); err != nil {
		return err
	}
	return s.save("setup", w)
}

// shopScreens works through the sample shop: the morning, printing, a customer's collections,
// importing, the mailbox and the backups.
func shopScreens(s *shooter, svc *app.Services, cfg ui.Config, tmp string) error {
	w := newWindow(1280, 800)
	defer w.Close()
	sh, err := ui.NewShell(w, svc, true)
	if err != nil {
		return err
	}
	sh.Today.LettersDir = filepath.Join(tmp, "Letters", "sample")
	sh.Settings.BookPath = cfg.SamplePath
	w.SetContent(sh.Content())
	sh.Show("Today")
	if err := s.save("today", w); err != nil {
		return err
	}
	first := sh.Today.Selected
	if err := tap(w, "Print the letters"); err != nil {
		return err
	}
	if err := s.save("print", w); err != nil {
		return err
	}
	closeDialogs(w)
	if err := importScreen(s, w, sh, tmp); err != nil {
		return err
	}
	if err := customerScreens(s, w, sh, first); err != nil {
		return err
	}
	return settingsScreens(s, w, sh, svc, tmp)
}

// importScreen checks an invoice export of Xero as an owner would before importing it.
func importScreen(s *shooter, w fyne.Window, sh *ui.Shell, tmp string) error {
	src, err := os.ReadFile(filepath.Join("data", "testdata", "exports", "xero-invoices.csv"))
	if err != nil {
		return fmt.Errorf("run this from the folder of Duebook's source: %w", err)
	}
	file := filepath.Join(tmp, "Downloads", "Xero invoices.csv")
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(file, src, 0o600); err != nil {
		return err
	}
	sh.Show("Import")
	sh.Import.Path.SetText(file)
	if err := tap(w, "Check the file"); err != nil {
		return err
	}
	return s.save("import", w)
}

// customerScreens shows a customer who owes on the Collections tab, with the plan and
// hand-off dialogs.
func customerScreens(s *shooter, w fyne.Window, sh *ui.Shell, first *app.Action) error {
	if first == nil {
		return fmt.Errorf("the sample shop proposes nothing today")
	}
	sh.Show("Customers")
	sh.Customers.Open(first.CustomerID)
	for _, o := range all(w) {
		if t, ok := o.(*container.AppTabs); ok {
			t.SelectIndex(2) // Collections
		}
	}
	// The customer's page only, scrolled to the collection buttons: the headless driver leaves
	// the list beside it empty.
	sh.Customers.DetailScroll.Offset = fyne.NewPos(0, 250)
	sh.Customers.DetailScroll.Refresh()
	settle(w)
	full := w.Canvas().Capture()
	b := full.Bounds()
	page := image.Rect(b.Min.X+b.Dx()*46/100, b.Min.Y, b.Max.X, b.Max.Y)
	if err := s.saveImage("customer", full.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(page)); err != nil {
		return err
	}
	for _, shot := range []struct{ button, name string }{{"Payment plan…", "plan"}, {"Hand off…", "handoff"}} {
		if err := tap(w, shot.button); err != nil {
			return err
		}
		if err := s.save(shot.name, w); err != nil {
			return err
		}
		closeDialogs(w)
	}
	return nil
}

// settingsScreens shows the mailbox card and the backups card of Settings, after a few daily
// backups and a copy on a stick.
func settingsScreens(s *shooter, w fyne.Window, sh *ui.Shell, svc *app.Services, tmp string) error {
	st := svc.Ledger.Store.(*data.Store)
	for d := 3; d >= 1; d-- {
		if _, err := st.BackupRotated(data.BackupDir(st.Path()), day.AddDays(-d), 14); err != nil {
			return err
		}
	}
	if _, err := svc.Ledger.BackUpTo(filepath.Join(tmp, "USB stick"), false); err != nil {
		return err
	}
	sh.Show("Settings")
	for _, shot := range []struct {
		name string
		card fyne.CanvasObject
	}{{"mailbox", sh.Settings.Mailbox.Content()}, {"backups", nil}} {
		card := shot.card
		if card == nil {
			card = cardOf(w, "Backups")
		}
		if card == nil {
			return fmt.Errorf("no card for %s in Settings", shot.name)
		}
		scrollTo(w, card)
		if err := s.save(shot.name, w); err != nil {
			return err
		}
	}
	return nil
}

// cardOf finds a card of the window by its title.
func cardOf(w fyne.Window, title string) fyne.CanvasObject {
	for _, o := range all(w) {
		if c, ok := o.(*widget.Card); ok && c.Title == title {
			return c
		}
	}
	return nil
}

// scrollTo scrolls the screen so that obj is at the top.
func scrollTo(w fyne.Window, obj fyne.CanvasObject) {
	for _, o := range all(w) {
		sc, ok := o.(*container.Scroll)
		if !ok || sc.Direction != container.ScrollVerticalOnly {
			continue
		}
		box, ok := sc.Content.(*fyne.Container)
		if !ok {
			continue
		}
		for _, c := range box.Objects {
			if c == obj {
				sc.Offset = fyne.NewPos(0, c.Position().Y)
				sc.Refresh()
				return
			}
		}
	}
}

// reminderScreen is Today of an own shop set up 40 days ago and never copied elsewhere.
func reminderScreen(s *shooter, path string) error {
	st, err := data.Open(path)
	if err != nil {
		return err
	}
	then := app.NewServices(app.Adapters{Store: st, Clock: app.FixedClock(day.AddDays(-40).Time().Add(9 * time.Hour))})
	_, err = then.Ledger.SetUpShop(app.Shop{Name: "Corner Workshop", Address1: "Marktplatz 1", PostalCode: "10115", City: "Berlin",
		Country: "DE", Currency: "EUR", Language: "en", DefaultKind: app.Business})
	st.Close()
	if err != nil {
		return err
	}
	svc, closeFn, err := (books{}).Open(path)
	if err != nil {
		return err
	}
	defer closeFn()
	w := newWindow(1280, 520)
	defer w.Close()
	sh, err := ui.NewShell(w, svc, false)
	if err != nil {
		return err
	}
	w.SetContent(sh.Content())
	sh.Show("Today")
	return s.save("reminder", w)
}
