package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// Ctrl+1..9 and Ctrl+0 switch screens (from the menu, wherever the focus is), Ctrl+F puts the keyboard in the
// search, Tab reaches the navigation, and in a dialog Enter confirms and Esc cancels.
func TestTheKeyboardReachesEverything(t *testing.T) {
	s, ledger := sampleShell(t)
	s.keys()
	c := s.win.Canvas()
	ctrl := func(k fyne.KeyName) {
		c.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	for i, want := range []string{"Today", "Dashboard", "Customers", "Invoices", "Take a payment", "Import", "Settings", "Outbox", "Bills", "Reports"} {
		ctrl(fyne.KeyName(string(rune('0' + (i+1)%10))))
		if s.Current() != want {
			t.Fatalf("Ctrl+%d shows %q, want %q", i+1, s.Current(), want)
		}
	}
	var menuKeys []string
	for _, m := range s.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				menuKeys = append(menuKeys, it.Label+"="+it.Shortcut.ShortcutName())
			}
		}
	}
	if len(menuKeys) != len(s.Nav())+1 || !strings.Contains(menuKeys[3], "Invoices") {
		t.Fatalf("the menu's shortcuts: %v", menuKeys)
	}
	ctrl(fyne.Key4)
	ctrl(fyne.KeyF)
	if c.Focused() != s.Invoices.Search {
		t.Fatalf("Ctrl+F on Invoices focuses %T", c.Focused())
	}
	ctrl(fyne.Key1)
	ctrl(fyne.KeyF)
	if s.Current() != "Customers" || c.Focused() != s.Customers.Search {
		t.Fatal("Ctrl+F elsewhere does not go to the customers' search")
	}
	// Tab from the search reaches every screen's button.
	reached := map[fyne.Focusable]bool{}
	for range 200 {
		test.FocusNext(c)
		reached[c.Focused()] = true
	}
	for _, b := range s.Nav() {
		if !reached[b] {
			t.Errorf("Tab never reaches %q", b.Text)
		}
	}

	// Esc cancels a dialog from its field; Enter confirms it.
	s.Show("Today")
	td := s.Today
	selectGroup(t, td, "Letters")
	a := td.shown[0]
	td.skip(a)
	field, ok := c.Focused().(*textEntry)
	if !ok {
		t.Fatalf("the dialog's field has no focus: %T", c.Focused())
	}
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatal("Esc does not cancel the dialog")
	}
	td.skip(a)
	field = c.Focused().(*textEntry)
	test.Type(field, "paid at the counter")
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d, _ := ledger.Customer(a.CustomerID); !strings.Contains(d.Timeline[0].Summary, "skipped: paid at the counter") {
		t.Fatalf("Enter did not confirm: %s", d.Timeline[0].Summary)
	}
	inform(s.win, "Note", "Something to read.")
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.Overlays().Top() != nil {
		t.Fatal("Enter does not close a message")
	}
}

// From the sample shop the owner opens their own shop (set up on the spot) and comes back,
// without restarting; neither book is touched by the other.
func TestFromTheSampleToMyOwnShopAndBack(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	cfg := Config{DBPath: filepath.Join(dir, "mine.db"), SamplePath: filepath.Join(dir, "sample.db"), LettersDir: t.TempDir(), Books: testBooks{t}}
	release := Start(w, cfg)
	defer release()
	welcome, _ := findWelcome(w)
	test.Tap(welcome.SampleButton)
	own := findButton(w, "Open my own shop")
	if own == nil {
		t.Fatal("the sample shop offers no way to the owner's own")
	}
	test.Tap(own)
	var form *Setup
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Save and open my shop" {
			form = &Setup{Save: b}
		}
	}
	if form == nil {
		t.Fatal("no setup for the owner's own shop")
	}
	fillSetup(t, w)
	test.Tap(form.Save)
	if !strings.Contains(shownText(w), "Mine & Co") || strings.Contains(shownText(w), "Sample shop") {
		t.Fatalf("the owner's own shop is not shown:\n%s", shownText(w))
	}
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Open the sample shop" {
				it.Action()
			}
		}
	}
	if !strings.Contains(shownText(w), "Sample shop") {
		t.Fatal("the way back to the sample does not open it")
	}
	test.Tap(findButton(w, "Open my own shop"))
	if !strings.Contains(shownText(w), "Mine & Co") {
		t.Fatal("the owner's shop is not opened again")
	}
	if _, err := os.Stat(cfg.DBPath); err != nil {
		t.Fatal("the owner's book is not where it belongs")
	}
}

// fillSetup fills the setup form on screen with a German shop.
func fillSetup(t *testing.T, w fyne.Window) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		switch x := o.(type) {
		case *textEntry:
			if x.PlaceHolder == "e.g. Corner Workshop" {
				x.SetText("Mine & Co")
			}
		case *picker:
			if x.entry.PlaceHolder == "type the country's name" {
				x.SetValue("DE")
				x.OnChosen("DE")
			}
		case *widget.RadioGroup:
			x.SetSelected(app.Business.Plural())
		}
	}
}
