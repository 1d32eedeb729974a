package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// restorer brings a book back from its newest backup that passes the check: Start makes one for
// the open book, since the book must be closed while its file is replaced and opened again after.
type restorer struct {
	win     fyne.Window
	books   Books
	path    string
	release func() // closes the open book
	reopen  func() // opens the book again and shows it

	// Offer is the dialog that proposes a backup; Result the message after restoring.
	Offer  *formDialog
	Result string
}

// Start looks for the newest backup that passes the check (off the UI goroutine: each backup
// is checked) and asks the owner before restoring it.
func (r *restorer) Start() {
	wait := dialog.NewCustomWithoutButtons("Restore a backup", widget.NewLabel("Looking for the newest backup that passes the check…"), r.win)
	wait.Show()
	inBackground(func() {
		var b string
		err := protect(func() (err error) { b, err = r.books.NewestSoundBackup(r.path); return err })
		do(r.win, func() {
			wait.Hide()
			switch {
			case err != nil:
				showError(err, r.win)
			case b == "":
				inform(r.win, "Restore a backup", "No backup in the backups folder beside the book passes the check. "+
					"If you keep copies elsewhere, restore one with \"duebook restore --from BACKUP\".")
			default:
				r.offer(b)
			}
		})
	})
}

func (r *restorer) offer(backup string) {
	msg := widget.NewLabel(fmt.Sprintf("The newest backup that passes the check is %s.\n\nRestore it? The book as it is now is kept aside "+
		"under a name with today's time, never deleted. What was entered after the backup was made is not in it.", filepath.Base(backup)))
	msg.Wrapping = fyne.TextWrapWord
	d := newCustomConfirm(r.win, "Restore a backup", "Restore", "Cancel", msg, func(ok bool) {
		if ok {
			r.restore(backup)
		}
	})
	r.Offer = d
	d.Show()
}

// offerFile asks before restoring a copy the owner chose (from a stick, another disk); the
// copy is checked before the book is touched.
func (r *restorer) offerFile(backup string) {
	msg := widget.NewLabel(fmt.Sprintf("Restore the book from %s?\n\nThe copy is checked first; one that fails changes nothing. A book already here is kept aside "+
		"under a name with today's time, never deleted. What was entered after the copy was made is not in it.", backup))
	msg.Wrapping = fyne.TextWrapWord
	d := newCustomConfirm(r.win, "Restore from a copy", "Restore", "Cancel", msg, func(ok bool) {
		if ok {
			r.restore(backup)
		}
	})
	r.Offer = d
	d.Show()
}

func (r *restorer) restore(backup string) {
	// The book is closed while its file is replaced: nothing on the screen may reach it.
	r.win.SetContent(container.NewCenter(widget.NewLabel("Checking and restoring " + filepath.Base(backup) + "…")))
	r.release()
	inBackground(func() {
		var kept string
		err := protect(func() (err error) { kept, err = r.books.Restore(r.path, backup); return err })
		do(r.win, func() {
			r.reopen()
			if err != nil {
				showError(err, r.win)
				return
			}
			r.Result = "The backup " + filepath.Base(backup) + " is restored."
			if kept != "" {
				r.Result += " The file it replaced is kept as " + kept + "."
			}
			inform(r.win, "Backup restored", r.Result)
		})
	})
}

// openErrorScreen says why a book cannot be opened; for a damaged book it offers the newest
// backup that passes the check.
func openErrorScreen(err error, r *restorer) fyne.CanvasObject {
	if app.CodeOf(err) != app.CodeDamaged || r == nil {
		return errorScreen(err)
	}
	msg := widget.NewLabel(app.Sentence(err))
	msg.Wrapping = fyne.TextWrapWord
	btn := button(r.win, "Restore the newest backup that passes the check…", r.Start)
	btn.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(heading("Duebook cannot open the shop"), msg, container.NewHBox(btn)))
}

// readOnlyMode shows that the book is open for reading only and turns off what writes: the
// payment and import screens and the Today buttons. Whatever else is tried, the store refuses
// with the same sentence.
func (s *Shell) readOnlyMode() {
	s.ReadOnlyNote = widget.NewLabelWithStyle(app.ReadOnlyNote, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.ReadOnlyNote.Wrapping = fyne.TextWrapWord
	s.ReadOnlyNote.Importance = widget.WarningImportance
	for _, sc := range s.screens {
		if sc.title == "Take a payment" || sc.title == "Import" {
			sc.btn.Disable()
		}
	}
	s.Today.ReadOnly = true
	s.Today.PrintBtn.Disable()
	s.Today.ApproveAll.Disable()
}

// watchFile looks through the book for damage off the UI goroutine, once it is open; a damaged
// book is announced at once with the offer of the newest sound backup.
func (s *Shell) watchFile() {
	inBackground(func() {
		err := protect(s.ledger.CheckFile)
		if app.CodeOf(err) != app.CodeDamaged {
			return
		}
		do(s.win, func() {
			s.Damage = err
			ask(s.win, "The book is damaged", app.Sentence(err), "Restore a backup…", "Not now", func(ok bool) {
				if ok && s.Restore != nil {
					s.Restore()
				}
			})
		})
	})
}
