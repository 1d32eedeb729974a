package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// BookSafety is the Backups card of Settings: where the book is and how big, the daily backups
// with the result of their check, the newest copy made elsewhere, and the ways to make one, to
// restore one and to see the folder.
type BookSafety struct {
	s *Settings

	Where     *widget.Label // the book's path and size
	Outside   *widget.Label // the newest copy outside the data folder
	List      *fyne.Container
	Rows      []string // the daily backups as shown
	BackupNow *widget.Button
	Restore   *widget.Button // from a copy the owner chooses
	OpenDir   *widget.Button
	Flow      *backupFlow
	// generation counts the lists shown, so a check finishing after a newer list is dropped.
	generation int
}

// backupCard offers to make a copy, to restore the book and to see its folder.
func (s *Settings) backupCard() fyne.CanvasObject {
	b := &BookSafety{s: s, Where: wrapped(""), Outside: wrapped(""), List: container.NewVBox()}
	s.Safety = b
	b.Where.Wrapping = fyne.TextWrapBreak
	b.Flow = newBackupFlow(s.win, s.svc)
	b.Flow.done = func(string) { b.Refresh() }
	b.BackupNow = button(s.win, "Back up now to…", b.Flow.Start)
	b.BackupNow.Importance = widget.HighImportance
	s.RestoreBtn = button(s.win, "Restore a backup…", func() {
		if s.OnRestore != nil {
			s.OnRestore()
		}
	})
	b.Restore = button(s.win, "Restore from a copy…", b.chooseCopy)
	b.OpenDir = button(s.win, "Open the data folder", func() { showFolder(filepath.Dir(s.BookPath), s.win) })
	note := wrapped("Every day Duebook opens the book it writes a dated copy into the backups folder beside it and keeps the last fourteen. " +
		"Those stay on this computer: now and then make a copy on a USB stick or another disk with \"Back up now to…\". " +
		"Restoring checks the backup first and keeps the book as it is now aside, never deleted.")
	return card("Backups", "keep your book safe, or go back to an earlier day", container.NewVBox(
		b.Where, note, container.NewHBox(b.BackupNow, s.RestoreBtn, b.Restore, b.OpenDir), b.Outside,
		bold("Daily backups"), b.List))
}

// Refresh reads the book's size and lists its backups off the UI goroutine, then checks those
// whose result is not known yet one by one (a check reads the whole file: a second or so for a
// large book), each row saying its result as it comes.
func (b *BookSafety) Refresh() {
	b.generation++
	gen := b.generation
	inBackground(func() {
		var info app.BookInfo
		err := protect(func() (err error) { info, err = b.s.svc.BookInfo(); return err })
		do(b.s.win, func() { b.show(info, err) })
		for i, f := range info.Backups {
			if f.Checked || err != nil {
				continue
			}
			var checked app.BackupFile
			cerr := protect(func() (err error) { checked, err = b.s.svc.CheckBackup(f); return err })
			do(b.s.win, func() {
				if gen == b.generation { // a newer list is shown meanwhile
					b.setRow(i, checked, cerr)
				}
			})
		}
	})
}

func (b *BookSafety) show(info app.BookInfo, err error) {
	b.List.Objects, b.Rows = nil, nil
	if err != nil {
		b.List.Add(wrapped(app.Sentence(err)))
		b.List.Refresh()
		return
	}
	b.Where.SetText(fmt.Sprintf("Your book is %s (%s).", info.Path, sizeText(info.Size)))
	if info.LastOutside.IsZero() {
		b.Outside.SetText("No copy outside this computer's data folder has been made from Duebook yet.")
	} else {
		b.Outside.SetText(fmt.Sprintf("Last copy outside the data folder: %s, %s.", b.s.Dates.Format(info.LastOutside), info.LastOutsideFile))
	}
	for i, f := range info.Backups {
		b.Rows = append(b.Rows, "")
		b.List.Add(wrapped(""))
		b.setRow(i, f, nil)
	}
	if len(info.Backups) == 0 {
		b.List.Add(widget.NewLabel("No daily backup yet: the first is made the next time the book is opened."))
	}
	b.List.Refresh()
}

// setRow shows one backup with its date, size and the result of its check.
func (b *BookSafety) setRow(i int, f app.BackupFile, err error) {
	if i >= len(b.Rows) {
		return
	}
	result := "passes the check"
	switch {
	case err != nil:
		result = "cannot be checked: " + app.Sentence(err)
	case !f.Checked:
		result = "checking…"
	case f.Problem != "":
		result = "FAILS the check: " + f.Problem
	}
	row := fmt.Sprintf("%s   %s   %s", b.s.Dates.Format(f.Day), sizeText(f.Size), result)
	b.Rows[i] = row
	l := b.List.Objects[i].(*widget.Label)
	l.Importance = widget.MediumImportance
	if err != nil || f.Problem != "" {
		l.Importance = widget.DangerImportance
	}
	l.SetText(row)
}

// chooseCopy lets the owner pick a copy (from a stick, another disk) and restores it after
// asking; the copy is checked before anything changes.
func (b *BookSafety) chooseCopy() {
	d := dialog.NewFileOpen(safe2(b.s.win, func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		if b.s.OnRestoreFile != nil {
			b.s.OnRestoreFile(r.URI().Path())
		}
	}), b.s.win)
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(b.s.BookPath))); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// sizeText writes a file size the way a file manager does: "850 KB", "12.3 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
