package ui

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// lettersFolderKey is the preference that holds the owner's own choice of letters folder for one
// book (a book moved to another PC keeps that PC's folders apart).
func lettersFolderKey(bookPath string) string { return "letters-folder:" + bookPath }

// shopLettersDir is where a shop's printed letters go: the owner's choice for this book, else a
// folder named after the shop inside base; the sample shop's letters get a folder of their own,
// so they never mix with the owner's.
func shopLettersDir(base, bookPath string, shop app.Shop, sample bool) string {
	if a := fyne.CurrentApp(); a != nil && bookPath != "" {
		if dir := a.Preferences().String(lettersFolderKey(bookPath)); dir != "" {
			return dir
		}
	}
	name := app.SafeFileName(shop.Name)
	if sample {
		name += " (sample shop)"
	}
	return filepath.Join(base, name)
}

// lettersCard shows where printed letters go, with a way to see the folder and to choose another.
func (s *Settings) lettersCard() fyne.CanvasObject {
	s.LettersFolder = widget.NewLabel("")
	s.LettersFolder.Wrapping = fyne.TextWrapBreak
	change := button(s.win, "Choose another folder…", func() {
		d := dialog.NewFolderOpen(safe2(s.win, func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			s.SetLettersFolder(u.Path())
		}), s.win)
		d.Show()
	})
	show := button(s.win, "Show the folder", func() { showFolder(s.LettersDir, s.win) })
	return card("Printed letters", "each print run makes a folder for the day here, with one PDF for the printer and one per letter",
		container.NewVBox(s.LettersFolder, container.NewHBox(show, change)))
}

// SetLettersFolder records the owner's choice of folder for this book and tells the window.
func (s *Settings) SetLettersFolder(dir string) {
	s.LettersDir = dir
	s.LettersFolder.SetText(dir)
	if a := fyne.CurrentApp(); a != nil && s.BookPath != "" {
		a.Preferences().SetString(lettersFolderKey(s.BookPath), dir)
	}
	if s.OnLettersDir != nil {
		s.OnLettersDir(dir)
	}
}

// showFolder opens a folder in the system's file manager, creating it first so there is
// something to open; where none can be started, the path is shown to copy.
func showFolder(dir string, win fyne.Window) {
	if err := app.MkdirPrivate(dir); err != nil {
		showError(err, win)
		return
	}
	openOrShowPath(dir, win)
}

// openOrShowPath opens a file or folder with the system's program for it, through Fyne's
// storage (so a Windows path works); where none can be started, it shows the path with a button
// to copy it.
func openOrShowPath(path string, win fyne.Window) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = fyne.CurrentApp().OpenURL(u)
	}
	if err == nil {
		return
	}
	entry := widget.NewEntry()
	entry.SetText(path)
	copyBtn := button(win, "Copy the path", func() { fyne.CurrentApp().Clipboard().SetContent(path) })
	note := widget.NewLabel("No program could be started to open it. It is here:")
	note.Wrapping = fyne.TextWrapWord
	d := newMessageDialog(win, "Where it is", "")
	d.body = container.NewVBox(note, entry, copyBtn)
	d.OK.SetText("Close")
	d.Show()
}
