package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"duebook/app"
)

// backupService is what keeping the book safe needs of the use cases.
type backupService interface {
	BookInfo() (app.BookInfo, error)
	CheckBackup(f app.BackupFile) (app.BackupFile, error)
	BackUpTo(dir string, replace bool) (string, error)
	InDataFolder(path string) bool
	BackupReminder() (app.BackupReminder, error)
	DismissBackupReminder() error
}

// backupFlow is "Back up now to…": the owner chooses a folder (a USB stick, another disk), a
// checked copy named after the shop and the day is written there, and an existing copy of
// that name is replaced only when the owner says so.
type backupFlow struct {
	win fyne.Window
	svc backupService
	// chooseFolder asks for the folder; tests answer it themselves.
	chooseFolder func(chosen func(dir string))
	done         func(path string) // after a copy is written: lists and reminders follow
	Result       string            // what the owner was told last
}

func newBackupFlow(win fyne.Window, svc backupService) *backupFlow {
	b := &backupFlow{win: win, svc: svc}
	b.chooseFolder = func(chosen func(string)) {
		d := dialog.NewFolderOpen(safe2(win, func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				chosen(u.Path())
			}
		}), win)
		d.Resize(fyne.NewSize(760, 520))
		d.Show()
	}
	return b
}

// Start asks for the folder and writes the copy there.
func (b *backupFlow) Start() { b.chooseFolder(func(dir string) { b.Into(dir, false) }) }

// Into writes the copy into dir, off the UI goroutine (the copy is read back and checked).
func (b *backupFlow) Into(dir string, replace bool) {
	inBackground(func() {
		var out string
		err := protect(func() (err error) { out, err = b.svc.BackUpTo(dir, replace); return err })
		do(b.win, func() { b.finish(dir, out, err) })
	})
}

func (b *backupFlow) finish(dir, out string, err error) {
	switch {
	case app.CodeOf(err) == app.CodeConflict && out != "":
		ask(b.win, "Back up now", "There is already a copy named "+filepath.Base(out)+" in "+dir+
			". Replace it with a new copy? The one there stays until the new one is written and checked.", "Replace it", "Cancel", func(ok bool) {
			if ok {
				b.Into(dir, true)
			}
		})
	case err != nil:
		b.Result = app.Sentence(err)
		showError(err, b.win)
	default:
		b.Result = "The copy " + out + " is written and checked: it opens as a sound Duebook book. Keep the stick or disk somewhere else than this computer."
		if b.svc.InDataFolder(out) {
			b.Result = "The copy " + out + " is written and checked, but it is in the book's own folder: if this computer is lost, it is lost too. " +
				"For a copy that survives, choose a USB stick or another disk."
		}
		inform(b.win, "Back up now", b.Result)
		if b.done != nil {
			b.done(out)
		}
	}
}
