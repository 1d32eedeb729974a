package ui

import (
	"context"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	RestoreBtn   *widget.Button // a book copied from another computer or a stick
	GuideWindow  fyne.Window    // the guide, while it is open
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
	w.Cancel = button(win, "Cancel", nil)
	w.Cancel.Hide()
	w.SampleButton = button(win, "Open the sample shop", w.openSample)
	w.SampleButton.Importance = widget.HighImportance
	w.SetupButton = button(win, "Set up my shop", func() {
		w.open(w.cfg.DBPath, false)
	})
	w.RestoreBtn = button(win, "Restore my book from a copy…", w.chooseCopy)
	intro := widget.NewLabel("Duebook keeps your customers, invoices and payments in one file on this computer, " +
		"and helps you get paid for what customers owe.\n\nTry it on a sample shop with made-up customers, or set up your own shop. " +
		"Moving from another computer? Restore your book from the copy you made there.")
	intro.Wrapping = fyne.TextWrapWord
	w.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 360), container.NewVBox(
		heading("Welcome to Duebook"), intro, layout.NewSpacer(),
		container.NewGridWithColumns(2, w.SampleButton, w.SetupButton), w.RestoreBtn,
		w.Progress, container.NewHBox(w.Status, layout.NewSpacer(), w.Cancel),
	)))
	return w
}

// Content is the welcome screen.
func (w *Welcome) Content() fyne.CanvasObject { return w.content }

// Show puts the welcome screen in the window, with Help: the guide helps before there is a shop.
func (w *Welcome) Show() {
	w.win.SetContent(w.content)
	help := HelpInfo{Name: w.cfg.Title, Version: w.cfg.Version, DataDir: w.cfg.DataDir, Guide: w.cfg.Guide}
	w.win.SetMainMenu(fyne.NewMainMenu(helpMenu(w.win,
		func() { showGuide(w.win, help.Guide, &w.GuideWindow) },
		func() { showAbout(w.win, help, "") })))
}

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
	w.Cancel.OnTapped = safe(w.win, cancel)
	w.Cancel.Show()
	w.Status.SetText("Writing the sample shop…")
	inBackground(func() {
		err := protect(func() error {
			return w.cfg.Books.CreateSample(ctx, path, func(done, total int) {
				do(w.win, func() { w.Progress.SetValue(float64(done) / float64(max(1, total))) })
			})
		})
		do(w.win, func() {
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

// chooseCopy lets the owner pick a copy of their book (from a stick, from another computer) and
// restores it as their own book after asking; the copy is checked before anything is written.
func (w *Welcome) chooseCopy() {
	d := dialog.NewFileOpen(safe2(w.win, func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		w.RestoreFrom(r.URI().Path())
	}), w.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// RestoreFrom asks, then restores the copy in path as the owner's own book and opens it.
func (w *Welcome) RestoreFrom(path string) {
	book := w.cfg.DBPath
	r := &restorer{win: w.win, books: w.cfg.Books, path: book, release: func() {}, reopen: func() {
		if _, err := os.Stat(book); err == nil {
			w.open(book, false)
			return
		}
		w.Show() // the copy did not pass its check: nothing was written
	}}
	r.offerFile(path)
}
